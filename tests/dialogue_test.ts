/**
 * Persona-to-persona conversations over a real WebSocket against the Ollama-compatible test
 * server: they run to their natural end, with scores, reasons, and effects on the participants.
 */
import assert from "node:assert/strict";
import type { FakeChatRequest } from "./fake_ollama.ts";
import { FakeOllama } from "./fake_ollama.ts";
import { type RpcCallError, RpcClient, startTestServer } from "./_helpers.ts";

const LINES = [
  "The old songs say the river spirits remember every name spoken near the water.",
  "I found a treatise claiming starlight can be bottled, though the method seems dubious.",
  "Once, in a northern village, a fiddler played until the snow itself began to dance.",
  "Evidence matters; I would like to test that claim with a proper experiment.",
  "Travelers brought news of a comet; the innkeeper swears it changed the ale's taste.",
  "Perhaps the comet and the spirits share a cause we have not yet understood.",
];

function variedReply(request: FakeChatRequest): string {
  const system = request.messages[0]!.content;
  const name = /^You are (\w+)\./.exec(system)?.[1] ?? "Someone";
  return `${LINES[request.messages.length % LINES.length]} (${name}, ${request.messages.length})`;
}

interface Turn {
  turn_number: number;
  speaker_id: string;
  speaker_name: string;
  content: string;
  continue_score: number;
  reasons: string[];
  response_type: string;
  ended: boolean;
  end_reason?: string;
}

async function runToEnd(client: RpcClient, conversationId: string): Promise<Turn[]> {
  const turns: Turn[] = [];
  while (true) {
    const turn = await client.call<Turn>("conversation.turn", { conversation_id: conversationId });
    turns.push(turn);
    if (turn.ended) return turns;
    assert.ok(turns.length <= 20, "never more than DIALOGUE_MAX_TURNS");
  }
}

async function harness(personaCount: number) {
  const fake = FakeOllama.start({ reply: variedReply });
  const server = await startTestServer({ OLLAMA_HOST: fake.url });
  const client = await RpcClient.connect(server.wsUrl);
  const ids: string[] = [];
  for (const name of ["Aria", "Kira"]) {
    ids.push((await client.call("persona.switch", { persona_id: name })).persona_id as string);
  }
  const extra = [
    {
      name: "Bram",
      personality_traits: { extraversion: 0.6, agreeableness: 0.7 },
      topic_preferences: { magic: 60 },
    },
    {
      name: "Sela",
      personality_traits: { extraversion: 0.4, agreeableness: 0.5 },
      topic_preferences: { magic: 75 },
    },
  ];
  for (const persona of extra.slice(0, personaCount - 2)) {
    ids.push((await client.call("persona.create", persona)).persona_id as string);
  }
  return {
    fake,
    client,
    ids,
    async close() {
      await client.close();
      await server.shutdown();
      await fake.stop();
    },
  };
}

Deno.test("a two-persona conversation runs to its natural end with scores and reasons", async () => {
  const h = await harness(2);
  try {
    const started = await h.client.call("conversation.start", {
      persona1_id: h.ids[0],
      persona2_id: h.ids[1],
      topic: "magic",
    });
    assert.equal(started.started, true);
    const turns = await runToEnd(h.client, started.conversation_id as string);
    const last = turns.at(-1)!;
    assert.equal(last.ended, true);
    assert.equal(last.response_type, "closing");
    assert.ok(["low_interest", "turn_limit", "time_limit", "budget_exhausted", "participant_tired"]
      .includes(last.end_reason!));
    for (const [i, turn] of turns.entries()) {
      assert.equal(turn.turn_number, i + 1);
      assert.ok(turn.continue_score >= 0 && turn.continue_score <= 100);
      assert.ok(turn.reasons.length >= 6);
      if (i > 0) {
        assert.notEqual(turn.speaker_id, turns[i - 1]!.speaker_id, "nobody speaks twice in a row");
      }
    }

    const prompts = h.fake.chatRequests();
    assert.equal(prompts.length, turns.length);
    const second = prompts[1];
    const speaker = turns[1]!.speaker_name;
    const other = turns[0]!.speaker_name;
    assert.match(
      second!.messages[0]!.content,
      new RegExp(`^You are ${speaker}\\.`),
      "the speaker's persona",
    );
    assert.match(
      second!.messages[0]!.content,
      new RegExp(`Who you are talking with:\\n- ${other}: `),
      "the relationship",
    );
    assert.ok(
      second!.messages.some((m) =>
        m.role === "user" && m.content === `${other}: ${turns[0]!.content}`
      ),
      "the last turns",
    );

    const status = await h.client.call("conversation.status", {
      conversation_id: started.conversation_id,
    });
    assert.equal(status.ended, true);
    assert.equal(status.turn_count, turns.length);
    await assert.rejects(
      h.client.call("conversation.turn", { conversation_id: started.conversation_id }),
      (error: RpcCallError) => error.code === -32602 && /ended/.test(error.message),
    );

    const relationship = await h.client.call<
      { exists: boolean; relationship: { interaction_count: number } }
    >(
      "relationship.get",
      { persona1_id: h.ids[1], persona2_id: h.ids[0] },
    );
    assert.equal(relationship.exists, true);
    assert.equal(
      relationship.relationship.interaction_count,
      turns.length,
      "each turn is an interaction",
    );
    const status1 = await h.client.call<
      { interaction_state: { available: boolean; cooldown_until: string } }
    >(
      "persona.status",
      { persona_id: h.ids[0] },
    );
    assert.equal(status1.interaction_state.available, false, "the end applies a cooldown");
    assert.ok(status1.interaction_state.cooldown_until);
    await assert.rejects(
      h.client.call("conversation.start", { participants: h.ids }),
      (error: RpcCallError) => error.code === -32004 && /not available/.test(error.message),
    );
  } finally {
    await h.close();
  }
});

Deno.test("a four-persona conversation runs to its end; mentioned personas speak next", async () => {
  const h = await harness(4);
  try {
    h.fake.behavior.reply = (request) => {
      const reply = variedReply(request);
      return request.messages.length === 2 ? `${reply} What do you think, Sela?` : reply;
    };
    const started = await h.client.call("conversation.start", {
      participants: h.ids,
      topic: "magic",
    });
    const turns = await runToEnd(h.client, started.conversation_id as string);
    assert.equal(turns[1]!.speaker_name, "Sela", "the mentioned persona answers");
    assert.equal(turns.at(-1)!.ended, true);
    assert.ok(new Set(turns.map((turn) => turn.speaker_id)).size >= 3, "several voices");
    const prompt = h.fake.chatRequests()[2]!.messages[0]!.content;
    for (const name of ["Aria", "Kira", "Bram", "Sela"]) assert.ok(prompt.includes(name));
  } finally {
    await h.close();
  }
});

Deno.test("start refuses tired personas, bad participant lists and unknown ids", async () => {
  const h = await harness(2);
  try {
    await h.client.call("emotional.update_state", { persona_id: h.ids[1], social_battery: 0.05 });
    await assert.rejects(
      h.client.call("conversation.start", { participants: h.ids }),
      (error: RpcCallError) =>
        error.code === -32004 && (error.data as { reason: string }).reason === "low_energy",
    );
    await assert.rejects(
      h.client.call("conversation.start", { participants: [h.ids[0], h.ids[0]] }),
      (error: RpcCallError) => error.code === -32602,
    );
    await assert.rejects(
      h.client.call("conversation.start", { participants: [h.ids[0], "nobody"] }),
      (error: RpcCallError) => error.code === -32000,
    );
    await assert.rejects(
      h.client.call("conversation.start", { participants: [h.ids[0]] }),
      (error: RpcCallError) => error.code === -32602,
    );
    await assert.rejects(
      h.client.call("conversation.turn", { conversation_id: "conv_nope" }),
      (error: RpcCallError) => error.code === -32602,
    );
  } finally {
    await h.close();
  }
});

Deno.test("conversation.end stops a conversation early and reports final stats", async () => {
  const h = await harness(2);
  try {
    const { conversation_id } = await h.client.call("conversation.start", { participants: h.ids });
    await h.client.call("conversation.turn", { conversation_id });
    const ended = await h.client.call<
      { ended: boolean; reason: string; final_stats: { turns: number } }
    >(
      "conversation.end",
      { conversation_id, reason: "scene_change" },
    );
    assert.equal(ended.ended, true);
    assert.equal(ended.reason, "scene_change");
    assert.equal(ended.final_stats.turns, 1);
  } finally {
    await h.close();
  }
});

Deno.test("an LLM failure during a turn is -32003 and the conversation can go on", async () => {
  const h = await harness(2);
  try {
    const { conversation_id } = await h.client.call("conversation.start", { participants: h.ids });
    h.fake.behavior.mode = "error";
    await assert.rejects(
      h.client.call("conversation.turn", { conversation_id }),
      (error: RpcCallError) => error.code === -32003,
    );
    h.fake.behavior.mode = "ok";
    const turn = await h.client.call("conversation.turn", { conversation_id });
    assert.equal(turn.turn_number, 1);
  } finally {
    await h.close();
  }
});
