/**
 * Relationships, emotions and persona status over a real WebSocket, and their place in the
 * chat prompt.
 */
import assert from "node:assert/strict";
import { POSTGRES_SKIPPED, testSchema } from "../core/storage/testing/databases.ts";
import { FakeOllama } from "./fake_ollama.ts";
import { type RpcCallError, RpcClient, startTestServer } from "./_helpers.ts";

async function withClient(
  test: (client: RpcClient, ids: { aria: string; kira: string }, fake: FakeOllama) => Promise<void>,
) {
  const fake = FakeOllama.start();
  const server = await startTestServer({ OLLAMA_HOST: fake.url });
  const client = await RpcClient.connect(server.wsUrl);
  try {
    const kira = (await client.call("persona.switch", { persona_id: "Kira" })).persona_id as string;
    const aria = (await client.call("persona.switch", { persona_id: "Aria" })).persona_id as string;
    await test(client, { aria, kira }, fake);
  } finally {
    await client.close();
    await server.shutdown();
    await fake.stop();
  }
}

const invalid = (error: RpcCallError) => error.code === -32602;

Deno.test("relationship.update (interaction form) moves values; get is order-free; bad quality is -32602", async () => {
  await withClient(async (client, { aria, kira }) => {
    const before = await client.call("relationship.get", { persona1_id: aria, persona2_id: kira });
    assert.equal(before.exists, false);
    for (let i = 0; i < 3; i++) {
      const updated = await client.call<{ success: boolean; changes: { affinity: number } }>(
        "relationship.update",
        {
          persona1_id: aria,
          persona2_id: kira,
          interaction_quality: 0.8,
          duration_minutes: 30,
          context: "deep_conversation",
        },
      );
      assert.equal(updated.success, true);
      assert.ok(updated.changes.affinity > 0);
    }
    const ab = await client.call("relationship.get", { persona1_id: aria, persona2_id: kira });
    const ba = await client.call("relationship.get", { persona1_id: kira, persona2_id: aria });
    assert.deepEqual(ab, ba);
    const relationship = ab.relationship as {
      interaction_count: number;
      history: unknown[];
      relationship_type: string;
    };
    assert.equal(relationship.interaction_count, 3);
    assert.equal(relationship.history.length, 3);
    assert.notEqual(relationship.relationship_type, "stranger");

    for (const quality of [1.5, -2]) {
      await assert.rejects(
        client.call("relationship.update", {
          persona1_id: aria,
          persona2_id: kira,
          interaction_quality: quality,
        }),
        (error: RpcCallError) =>
          invalid(error) &&
          (error.data as { fields: Array<{ field: string }> }).fields[0]!.field ===
            "interaction_quality",
      );
    }
    await assert.rejects(
      client.call("relationship.update", {
        persona1_id: aria,
        persona2_id: kira,
        interaction_quality: 0.2,
        context: "party",
      }),
      invalid,
    );
    await assert.rejects(client.call("relationship.update", { persona1_id: aria }), invalid);
    await assert.rejects(
      client.call("relationship.update", {
        persona1_id: aria,
        persona2_id: "ghost",
        interaction_quality: 0.5,
      }),
      (error: RpcCallError) => error.code === -32000,
    );
  });
});

Deno.test("relationship.update (explicit form), list, get by persona, compatibility and stats", async () => {
  await withClient(async (client, { aria, kira }) => {
    const declared = await client.call<
      { relationship: { relationship_type: string; strength: number } }
    >(
      "relationship.update",
      { persona_id: aria, target_persona_id: kira, relationship_type: "friend", strength: 0.7 },
    );
    assert.equal(declared.relationship.relationship_type, "friend");
    assert.equal(declared.relationship.strength, 0.7);

    const listed = await client.call<
      { relationships: Array<Record<string, unknown>>; total_relationships: number }
    >(
      "relationship.list",
    );
    assert.equal(listed.total_relationships, 1);
    assert.equal(listed.relationships[0]!.target_persona_name, "Kira");
    const byPersona = await client.call<{ relationships: Array<Record<string, unknown>> }>(
      "relationship.get",
      {
        persona_id: kira,
      },
    );
    assert.equal(byPersona.relationships[0]!.target_persona_id, aria);
    assert.equal(byPersona.relationships[0]!.relationship_type, "friend");

    const compatibility = await client.call("relationship.compatibility", {
      persona1_id: aria,
      persona2_id: kira,
    });
    for (const key of ["overall", "personality", "social", "interests", "history"]) {
      const value = compatibility[key] as number;
      assert.ok(value >= 0 && value <= 1, key);
    }
    assert.equal(typeof compatibility.prediction, "string");
    assert.ok((compatibility.recommended_topics as string[]).includes("magic"));

    const stats = await client.call<{ relationship_statistics: { total_relationships: number } }>(
      "relationship.stats",
    );
    assert.equal(stats.relationship_statistics.total_relationships, 1);
  });
});

Deno.test("emotional state: get, update, out-of-range -32602; persona.status shows it all", async () => {
  await withClient(async (client, { kira }) => {
    const state = await client.call<{ emotional_state: Record<string, number> }>(
      "emotional.get_state",
    );
    for (const key of ["mood", "energy_level", "stress_level", "curiosity", "social_battery"]) {
      assert.equal(typeof state.emotional_state[key], "number", key);
    }
    const updated = await client.call<{ updated_state: Record<string, number> }>(
      "emotional.update_state",
      {
        persona_id: kira,
        mood: -0.4,
        curiosity: 0.9,
      },
    );
    assert.equal(updated.updated_state.mood, -0.4);
    assert.equal(updated.updated_state.curiosity, 0.9);
    for (const bad of [{ mood: -1.5 }, { stress_level: 2 }, { social_battery: -0.1 }, { joy: 1 }]) {
      await assert.rejects(client.call("emotional.update_state", bad), invalid);
    }
    const status = await client.call<
      {
        persona: { name: string };
        emotional_state: { mood: number };
        interaction_state: Record<string, unknown>;
      }
    >(
      "persona.status",
      { persona_id: kira },
    );
    assert.equal(status.persona.name, "Kira");
    assert.equal(status.emotional_state.mood, -0.4);
    for (const key of ["social_energy", "interaction_fatigue", "cooldown_until", "available"]) {
      assert.ok(key in status.interaction_state, key);
    }
    assert.equal(status.interaction_state.available, true);
  });
});

Deno.test("the chat prompt holds the persona's mood and its relationship with a persona sender", async () => {
  await withClient(async (client, { aria, kira }, fake) => {
    await client.call("relationship.update", {
      persona_id: aria,
      target_persona_id: kira,
      relationship_type: "close_friend",
      strength: 0.8,
    });
    await client.call("emotional.update_state", { persona_id: aria, mood: 0.9 });
    await client.call("conversation.send_message", {
      content: "Shall we read together?",
      sender: "Kira",
    });
    const system = fake.chatRequests()[0]!.messages[0]!.content;
    assert.match(system, /How you feel right now:\n- Mood: cheerful/);
    assert.match(system, /Who you are talking with:\n- Kira: close friend; you like them a lot/);
    await client.call("conversation.send_message", { content: "hello", sender: "a stranger" });
    assert.ok(!fake.chatRequests()[1]!.messages[0]!.content.includes("Who you are talking with"));
  });
});

Deno.test("REST: status, relationships and a persona-to-persona conversation from start to end", async () => {
  const fake = FakeOllama.start({
    reply: (request) => `Line ${request.messages.length} of our talk about the stars.`,
  });
  const server = await startTestServer({ OLLAMA_HOST: fake.url });
  const api = server.apiUrl;
  const send = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${api}${path}`, {
      method,
      ...(body === undefined
        ? {}
        : { body: JSON.stringify(body), headers: { "Content-Type": "application/json" } }),
    });
    return { status: response.status, body: await response.json() };
  };
  try {
    const { body: list } = await send("GET", "/personas");
    const [aria, kira] = ["Aria", "Kira"].map((name) =>
      list.personas.find((p: { name: string }) => p.name === name).id as string
    );
    const status = await send("GET", `/personas/${aria}/status`);
    assert.equal(status.status, 200);
    assert.equal(status.body.interaction_state.available, true);

    const related = await send("POST", "/relationships", {
      persona1_id: aria,
      persona2_id: kira,
      interaction_quality: 0.7,
      duration_minutes: 20,
      context: "casual",
    });
    assert.equal(related.status, 200);
    assert.equal(related.body.updated_relationship.interaction_count, 1);
    const listed = await send("GET", `/personas/${kira}/relationships`);
    assert.equal(listed.body.relationships[0].target_persona_id, aria);
    const badQuality = await send("POST", "/relationships", {
      persona1_id: aria,
      persona2_id: kira,
      interaction_quality: 3,
    });
    assert.equal(badQuality.status, 400);

    const started = await send("POST", "/conversations", {
      participants: [aria, kira],
      topic: "magic",
    });
    assert.equal(started.status, 201);
    const id = started.body.conversation_id;
    const turn = await send("POST", `/conversations/${id}/turns`);
    assert.equal(turn.status, 200);
    assert.equal(turn.body.turn_number, 1);
    const current = await send("GET", `/conversations/${id}`);
    assert.equal(current.body.turn_count, 1);
    const ended = await send("DELETE", `/conversations/${id}?reason=closing_time`);
    assert.equal(ended.body.reason, "closing_time");
    const again = await send("POST", `/conversations/${id}/turns`);
    assert.equal(again.status, 400, "a turn on an ended conversation is refused");
    const busy = await send("POST", "/conversations", { participants: [aria, kira] });
    assert.equal(busy.status, 409, "cooling down after the end");
    assert.equal(busy.body.error.code, -32004);
    assert.equal((await send("GET", "/conversations/conv_nope")).status, 404);
  } finally {
    await server.shutdown();
    await fake.stop();
  }
});

Deno.test({
  name: "PostgreSQL: a conversation ends by its turns and by DELETE (2xx), cooldown applied",
  ignore: POSTGRES_SKIPPED,
  async fn() {
    const schema = await testSchema();
    const fake = FakeOllama.start({ reply: () => "A fine evening for a walk, isn't it?" });
    // A base cooldown of 300.0001 s makes every cooldown a fraction of a millisecond: PostgreSQL's
    // BIGINT cooldown_until refused it, so no conversation could end there (attack8 F1).
    const server = await startTestServer({
      OLLAMA_HOST: fake.url,
      STORAGE: "postgres",
      DATABASE_URL: schema.url,
      MEMORY_BACKEND: "chroma",
      CHROMA_URL: "http://127.0.0.1:9",
      DIALOGUE_MAX_TURNS: "2",
      DIALOGUE_COOLDOWN_S: "300.0001",
    });
    const send = async (method: string, path: string, body?: unknown) => {
      const response = await fetch(`${server.apiUrl}${path}`, {
        method,
        ...(body === undefined
          ? {}
          : { body: JSON.stringify(body), headers: { "Content-Type": "application/json" } }),
      });
      return { status: response.status, body: await response.json() };
    };
    const persona = async (name: string) =>
      (await send("POST", "/personas", { name, description: `${name}, a test persona` }))
        .body.persona_id as string;
    try {
      const pairs = [[await persona("Ada"), await persona("Bo")], [
        await persona("Cy"),
        await persona("Di"),
      ]];
      const byTurns = (await send("POST", "/conversations", { participants: pairs[0] })).body
        .conversation_id;
      assert.equal((await send("POST", `/conversations/${byTurns}/turns`)).status, 200);
      const last = await send("POST", `/conversations/${byTurns}/turns`);
      assert.equal(last.status, 200, JSON.stringify(last.body));
      assert.equal(last.body.ended, true);
      assert.equal((await send("GET", `/conversations/${byTurns}`)).body.status, "ended");

      const byDelete = (await send("POST", "/conversations", { participants: pairs[1] })).body
        .conversation_id;
      assert.equal((await send("POST", `/conversations/${byDelete}/turns`)).status, 200);
      const ended = await send("DELETE", `/conversations/${byDelete}`);
      assert.equal(ended.status, 200, JSON.stringify(ended.body));
      for (const pair of pairs) {
        const again = await send("POST", "/conversations", { participants: pair });
        assert.equal(again.status, 409, "cooling down after the end");
        assert.equal(again.body.error.code, -32004);
        const cooldown = await server.services.db.get<{ until: number }>(
          "SELECT cooldown_until AS until FROM persona_states WHERE persona_id = ?",
          pair[0]!,
        );
        assert.ok(cooldown!.until > Date.now() + 100_000, "the cooldown (≥ 150 s) was stored");
      }
    } finally {
      await server.shutdown();
      await fake.stop();
      await schema.drop();
    }
  },
});
