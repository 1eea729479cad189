/**
 * The write-behind barriers of `core/memory/service.ts` the main tests leave open (mut62), in a
 * real server over a real WebSocket on SQLite: a cross-persona search and a store of several
 * memories right after a chat see its exchange; a read waits only for its own persona's queue;
 * a deleted persona's queued exchange is dropped, never written. The quiet-time queue is held by
 * a piece of the test's own, so that "not yet stored" is an order, not a race.
 */
import assert from "node:assert/strict";
import type { ExchangeRecord } from "../core/chat/memory_port.ts";
import { MemoryInput } from "../core/memory/mod.ts";
import type { RunningServer } from "../core/server/server.ts";
import type { RpcClient } from "./_helpers.ts";
import { MIND_ON } from "./_mind.ts";
import { conversationCount, type Found, heldChatServer } from "./_write_behind.ts";

/** A server, a client, the quiet queue held, and the messages of each write of the queue. */
async function setUp() {
  const held = await heldChatServer({ reply: "Noted." });
  const { memory } = held.server.services;
  const writes: string[][] = [];
  const store = memory.rememberExchanges.bind(memory);
  memory.rememberExchanges = (exchanges: readonly ExchangeRecord[]) => {
    writes.push(exchanges.map((exchange) => exchange.message));
    return store(exchanges);
  };
  return { ...held, writes };
}

/**
 * The queue is on again for Aria: her next chat is queued (the quiet time is held) on top of the
 * one conversation memory she has, and written when the queue settles.
 */
async function assertQueuesAgain(server: RunningServer, client: RpcClient): Promise<void> {
  await client.call("conversation.send_message", { content: "Queued again." });
  assert.equal(await conversationCount(server, "Aria"), 1);
  await server.services.memory.settleExchanges();
  assert.equal(await conversationCount(server, "Aria"), 2);
}

Deno.test("memory.search_cross_persona right after a chat finds its exchange", async () => {
  const { server, client, stop } = await setUp();
  try {
    await client.call("persona.switch", { persona_id: "Aria" });
    await client.call("conversation.send_message", {
      content: "The lighthouse keeper is Brannagh.",
    });
    const found = await client.call<Found>("memory.search_cross_persona", {
      query: "lighthouse keeper Brannagh",
    });
    assert.ok(found.memories.some((memory) => memory.content.includes("Brannagh")));
    assert.equal(await conversationCount(server, "Aria"), 1);
  } finally {
    await stop();
  }
});

Deno.test("storing several memories right after a chat writes the persona's queued exchange first", async () => {
  const { server, client, writes, stop } = await setUp();
  try {
    await client.call("persona.switch", { persona_id: "Aria" });
    await client.call("conversation.send_message", { content: "The tide turns at four." });
    const aria = await server.services.personas.resolve("Aria");
    await server.services.memory.storeMany(aria, [
      MemoryInput.parse({ content: "The quay floods in spring.", memory_type: "fact" }),
    ]);
    assert.deepEqual(writes, [["The tide turns at four."]]);
    assert.equal(await conversationCount(server, "Aria"), 1);
  } finally {
    await stop();
  }
});

Deno.test("a read of one persona's memories writes only that persona's queued exchanges", async () => {
  const { server, client, writes, release, stop } = await setUp();
  try {
    await client.call("persona.switch", { persona_id: "Kira" });
    await client.call("conversation.send_message", { content: "Kira's boat is the Wren." });
    await client.call("persona.switch", { persona_id: "Aria" });
    await client.call("conversation.send_message", { content: "Aria's boat is the Gull." });
    await client.call<Found>("memory.search", { query: "boat" });
    assert.deepEqual(writes, [["Aria's boat is the Gull."]]);
    assert.equal(await conversationCount(server, "Aria"), 1);
    assert.equal(await conversationCount(server, "Kira"), 0, "Kira's is still queued");
    release();
    await server.services.memory.settleExchanges();
    assert.equal(await conversationCount(server, "Kira"), 1);
  } finally {
    await stop();
  }
});

Deno.test("a persona deleted with an exchange queued: the exchange is dropped, never written", async () => {
  const { server, client, writes, release, stop } = await setUp();
  try {
    await client.call("persona.switch", { persona_id: "Kira" });
    await client.call("conversation.send_message", { content: "Bury the old anchor." });
    const kira = await server.services.personas.resolve("Kira");
    await server.services.personas.delete(kira.id);
    release();
    await server.services.memory.settleExchanges();
    assert.deepEqual(writes, [], "nothing left to write");
  } finally {
    await stop();
  }
});

Deno.test("after a failed write behind, a chat stored before its reply turns the queue back on", async () => {
  const { server, client, stop } = await setUp();
  const { memory } = server.services;
  try {
    await client.call("persona.switch", { persona_id: "Aria" });
    const recording = memory.rememberExchanges;
    memory.rememberExchanges = () => Promise.reject(new Error("disk full"));
    await client.call("conversation.send_message", { content: "Lost to the full disk." });
    await memory.settleExchanges();
    memory.rememberExchanges = recording;
    // The queue refuses while the store failed: this chat stores before its reply ...
    await client.call("conversation.send_message", { content: "Stored before the reply." });
    assert.equal(await conversationCount(server, "Aria"), 1);
    // ... and its success turns the queue on again.
    await assertQueuesAgain(server, client);
  } finally {
    await stop();
  }
});

Deno.test("one exchange's failed store is not the store's: the next stored in the same write turns the queue back on", async () => {
  const { server, client, stop } = await setUp();
  const { memory } = server.services;
  try {
    await client.call("persona.switch", { persona_id: "Aria" });
    const recording = memory.rememberExchanges;
    // The write of both fails as one insert, then each is tried alone: only the first fails.
    memory.rememberExchanges = (exchanges) =>
      exchanges.some((exchange) => exchange.message === "Refused alone.")
        ? Promise.reject(new Error("row refused"))
        : recording(exchanges);
    await client.call("conversation.send_message", { content: "Refused alone." });
    await client.call("conversation.send_message", { content: "Kept after it." });
    await memory.settleExchanges();
    assert.equal(await conversationCount(server, "Aria"), 1);
    // The success after the failure turned the queue on.
    await assertQueuesAgain(server, client);
  } finally {
    await stop();
  }
});

Deno.test("an exchange written behind is the mind's chat event: its job is the sender's, not delayed", async () => {
  const { server, client, release, stop } = await heldChatServer({
    reply: "Mm.",
    env: { ...MIND_ON, LLM_BACKGROUND_QUIET_MS: "600000" },
  });
  try {
    await client.call("persona.switch", { persona_id: "Aria" });
    await client.call("conversation.send_message", { content: "The skiff leaks.", sender: "Tam" });
    release();
    await server.services.memory.settleExchanges();
    await server.services.quiet.drain();
    const { jobs } = await server.services.jobs.list({ kind: "extract_facts" }, {
      limit: 10,
      offset: 0,
    });
    assert.equal(jobs.length, 1);
    assert.match(JSON.stringify(jobs[0]), /:chat:\\?"Tam\\?"/, JSON.stringify(jobs[0]));
  } finally {
    await stop();
  }
});

Deno.test("an exchange written behind names the persona who sent it among its related personas", async () => {
  const { server, client, stop } = await setUp();
  try {
    await client.call("persona.switch", { persona_id: "Aria" });
    await client.call("conversation.send_message", { content: "Hello from Kira.", sender: "Kira" });
    await server.services.memory.settleExchanges();
    const kira = await server.services.personas.resolve("Kira");
    const listed = await client.call<{ memories: Array<{ related_personas: string[] }> }>(
      "memory.list",
      { limit: 10 },
    );
    assert.deepEqual(listed.memories.map((memory) => memory.related_personas), [[kira.id]]);
  } finally {
    await stop();
  }
});

Deno.test("memory.store right after a chat writes the persona's queued exchange first", async () => {
  const { server, client, writes, stop } = await setUp();
  try {
    await client.call("persona.switch", { persona_id: "Aria" });
    await client.call("conversation.send_message", { content: "The buoy light is green." });
    await client.call("memory.store", {
      content: "The harbour closes at dusk.",
      memory_type: "fact",
    });
    assert.deepEqual(writes, [["The buoy light is green."]]);
    assert.equal(await conversationCount(server, "Aria"), 1);
  } finally {
    await stop();
  }
});
