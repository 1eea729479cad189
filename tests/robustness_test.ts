/**
 * Races and hostile input found in review: concurrent turns, ending or deleting during a turn,
 * deleting a persona mid-chat, abandoned conversations, non-object REST bodies, malformed
 * WebSocket handshakes, and a shutdown with LLM calls in flight.
 */
import assert from "node:assert/strict";
import { FakeOllama } from "./fake_ollama.ts";
import { delay, type RpcCallError, RpcClient, startTestServer } from "./_helpers.ts";

async function harness(env: Record<string, string> = {}, firstTokenDelayMs = 150) {
  const fake = FakeOllama.start({ firstTokenDelayMs });
  const server = await startTestServer({ OLLAMA_HOST: fake.url, ...env });
  const client = await RpcClient.connect(server.wsUrl);
  const create = async (name: string) =>
    (await client.call("persona.create", { name })).persona_id as string;
  return {
    fake,
    server,
    client,
    create,
    async close() {
      await client.close();
      await server.shutdown();
      await fake.stop();
    },
  };
}

const code = (expected: number) => (error: RpcCallError) => error.code === expected;

Deno.test("two turns asked at once run one after the other", async () => {
  const h = await harness();
  try {
    const participants = [await h.create("Ann"), await h.create("Bob")];
    const { conversation_id } = await h.client.call("conversation.start", { participants });
    const [first, second] = await Promise.all([
      h.client.call("conversation.turn", { conversation_id }),
      h.client.call("conversation.turn", { conversation_id }),
    ]);
    assert.deepEqual([first.turn_number, second.turn_number], [1, 2]);
    assert.notEqual(first.speaker_id, second.speaker_id);
  } finally {
    await h.close();
  }
});

Deno.test("ending a conversation cancels the turn being generated; nothing lands after", async () => {
  const h = await harness();
  try {
    const participants = [await h.create("Cid"), await h.create("Dee")];
    const { conversation_id } = await h.client.call("conversation.start", { participants });
    const turn = h.client.call("conversation.turn", { conversation_id });
    await h.fake.waitForChats(1);
    const ended = await h.client.call<{ final_stats: { turns: number } }>("conversation.end", {
      conversation_id,
    });
    assert.equal(ended.final_stats.turns, 0);
    await assert.rejects(turn, code(-32800));
    const status = await h.client.call("conversation.status", { conversation_id });
    assert.equal(status.turn_count, 0);
    assert.equal(status.tokens_used, 0);
  } finally {
    await h.close();
  }
});

Deno.test("a participant deleted during a turn: -32000, no turn written, the conversation ends", async () => {
  const h = await harness();
  try {
    const [eve, fay] = [await h.create("Eve"), await h.create("Fay")];
    const { conversation_id } = await h.client.call("conversation.start", {
      participants: [eve, fay],
    });
    const turn = h.client.call("conversation.turn", { conversation_id });
    await h.fake.waitForChats(1);
    await h.client.call("persona.delete", { persona_id: fay });
    await assert.rejects(turn, code(-32000));
    const status = await h.client.call("conversation.status", { conversation_id });
    assert.equal(status.turn_count, 0);
    assert.equal(status.end_reason, "participant_left");
    const again = await h.client.call("conversation.start", {
      participants: [eve, await h.create("Gil")],
    });
    assert.equal(again.started, true, "Eve is not left busy");
  } finally {
    await h.close();
  }
});

Deno.test("a persona deleted during a chat: -32000 and no history row", async () => {
  const h = await harness();
  try {
    const gus = await h.create("Gus");
    const chat = h.client.call("conversation.send_message", { content: "hello", persona_id: gus });
    await h.fake.waitForChats(1);
    await h.client.call("persona.delete", { persona_id: gus });
    await assert.rejects(chat, code(-32000));
    const rows = (await h.server.services.db.get<{ n: number }>(
      "SELECT COUNT(*) AS n FROM messages WHERE persona_id = ?",
      gus,
    ))!.n;
    assert.equal(rows, 0);
  } finally {
    await h.close();
  }
});

Deno.test("an abandoned conversation times out and frees its personas; list finds it", async () => {
  const h = await harness({ DIALOGUE_MAX_MINUTES: "0.01" });
  try {
    const [hal, ivy] = [await h.create("Hal"), await h.create("Ivy")];
    const { conversation_id } = await h.client.call("conversation.start", {
      participants: [hal, ivy],
    });
    const listed = await h.client.call<{ conversations: Array<{ conversation_id: string }> }>(
      "conversation.list",
      { persona_id: hal },
    );
    assert.deepEqual(listed.conversations.map((c) => c.conversation_id), [conversation_id]);
    const status = await h.client.call<{ interaction_state: Record<string, unknown> }>(
      "persona.status",
      { persona_id: hal },
    );
    assert.equal(status.interaction_state.available, false);
    assert.equal(status.interaction_state.unavailable_reason, "busy");
    assert.deepEqual(status.interaction_state.active_conversations, [conversation_id]);
    assert.ok(
      Date.parse(status.interaction_state.available_at as string) > Date.now(),
      "busy until the conversation times out, not now",
    );
    await assert.rejects(
      h.client.call("conversation.start", { participants: [hal, await h.create("Jo")] }),
      (error: RpcCallError) =>
        error.code === -32004 &&
        (error.data as { conversation_id: string }).conversation_id === conversation_id,
    );
    await delay(1000); // longer than DIALOGUE_MAX_MINUTES (0.6 s) without a turn
    const restarted = await h.client.call("conversation.start", { participants: [hal, ivy] });
    assert.equal(restarted.started, true);
    const old = await h.client.call("conversation.status", { conversation_id });
    assert.equal(old.end_reason, "timed_out");
  } finally {
    await h.close();
  }
});

Deno.test("REST bodies that are not JSON objects are a 400, never a 500", async () => {
  const h = await harness();
  try {
    const aria = (await h.client.call("persona.switch", { persona_id: "Aria" })).persona_id;
    const cases: Array<[string, string, string]> = [
      ["POST", "/personas", "5"],
      ["POST", "/personas", '"Bob"'],
      ["POST", "/personas", "[1,2]"],
      ["POST", "/relationships", "true"],
      ["POST", "/conversations", "5"],
      ["POST", `/personas/${aria}/chat`, "null"],
      ["PATCH", `/personas/${aria}`, "5"],
    ];
    for (const [method, path, body] of cases) {
      const response = await fetch(`${h.server.apiUrl}${path}`, {
        method,
        body,
        headers: { "Content-Type": "application/json" },
      });
      assert.equal(response.status, 400, `${method} ${path} ${body}`);
      assert.equal((await response.json()).error.code, -32600);
    }
    const badStream = await fetch(`${h.server.apiUrl}/personas/${aria}/chat`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ message: "hi", stream: "yes" }),
    });
    assert.equal(badStream.status, 400, "stream must be a boolean");
    await badStream.body?.cancel();
  } finally {
    await h.close();
  }
});

Deno.test("a malformed WebSocket handshake is a 400", async () => {
  const h = await harness();
  try {
    const { port } = new URL(h.server.wsUrl);
    const conn = await Deno.connect({ hostname: "127.0.0.1", port: Number(port) });
    await conn.write(new TextEncoder().encode(
      `GET /mcp HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n`,
    ));
    const buffer = new Uint8Array(512);
    const read = await conn.read(buffer);
    conn.close();
    assert.match(new TextDecoder().decode(buffer.subarray(0, read!)), /^HTTP\/1\.1 400/);
    assert.deepEqual(await h.client.call("ping"), {}, "the server keeps serving");
  } finally {
    await h.close();
  }
});

Deno.test("shutdown cancels LLM calls in flight, REST ones included", async () => {
  const fake = FakeOllama.start({ firstTokenDelayMs: 60_000 });
  const server = await startTestServer({ OLLAMA_HOST: fake.url });
  try {
    const { personas } = await (await fetch(`${server.apiUrl}/personas`)).json();
    const chat = fetch(`${server.apiUrl}/personas/${personas[0].id}/chat`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ content: "are you there?" }),
    }).then((response) => response.text()).catch(() => "");
    await fake.waitForChats(1);
    await server.shutdown();
    await fake.waitForAbandoned(1);
    assert.equal(fake.abandoned, 1, "the call to Ollama was dropped, not waited for");
    await chat;
  } finally {
    await fake.stop();
  }
});

Deno.test("conversation.cancel accepts a null request id", async () => {
  const h = await harness();
  try {
    assert.deepEqual(await h.client.call("conversation.cancel", { request_id: null }), {
      request_id: null,
      cancelled: false,
    });
  } finally {
    await h.close();
  }
});
