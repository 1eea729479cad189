/**
 * A chat's exchange memory is stored after its reply (`core/memory/write_behind.ts`), in a real
 * server over a real WebSocket: the reply does not wait for it; an explicit memory read right
 * after sees it; a shutdown right after keeps it; a failed store is logged with its session and
 * persona and the session goes on; on PostgreSQL (other nodes read the same memories) the
 * exchange is stored before the reply; each stays its own event for the mind. The quiet-time queue is held by a piece of the test's own (pieces run one at
 * a time), so that "not yet stored" is an order, not a race.
 */
import assert from "node:assert/strict";
import { createLogger } from "../core/log.ts";
import { startServer } from "../core/server/server.ts";
import { POSTGRES_SKIPPED } from "../core/storage/testing/databases.ts";
import { tempDirSync } from "../core/testing/temp_dirs.ts";
import { RpcClient, startTestServer, testConfig, withPostgresChromaEnv } from "./_helpers.ts";
import { FakeOllama } from "./fake_ollama.ts";
import { MAX_SOURCES } from "../core/mind/extraction.ts";
import { MIND_ON } from "./_mind.ts";
import { conversationCount, type Found, heldChatServer, holdQuietWork } from "./_write_behind.ts";

Deno.test("a chat's reply is sent before its exchange is stored; the store follows at a quiet moment", async () => {
  const { server, client, release, stop } = await heldChatServer({ reply: "Fair winds." });
  try {
    await client.call("persona.switch", { persona_id: "Aria" });
    const reply = await client.call<{ memory_stored: boolean }>("conversation.send_message", {
      content: "The harbor master is called Oskar.",
    });
    assert.equal(reply.memory_stored, true, "the exchange will be kept");
    assert.equal(await conversationCount(server, "Aria"), 0, "not stored before the reply");
    release();
    await server.services.memory.settleExchanges();
    assert.equal(await conversationCount(server, "Aria"), 1);
  } finally {
    await stop();
  }
});

Deno.test("memory.search, memory.list, memory.get_stats, persona.get and memory.reindex right after a chat see its exchange", async () => {
  const { server, client, stop } = await heldChatServer({ reply: "Noted, Oskar it is." });
  try {
    await client.call("persona.switch", { persona_id: "Aria" });
    await client.call("conversation.send_message", {
      content: "The harbor master is called Oskar.",
    });
    const found = await client.call<Found>("memory.search", { query: "harbor master Oskar" });
    assert.ok(found.memories.some((memory) => memory.content.includes("called Oskar")));

    await client.call("conversation.send_message", { content: "Oskar keeps a grey cat." });
    const listed = await client.call<Found>("memory.list", { limit: 50 });
    assert.ok(listed.memories.some((memory) => memory.content.includes("grey cat")));

    await client.call("conversation.send_message", { content: "The cat is named Pip." });
    const before = await conversationCount(server, "Aria");
    const stats = await client.call<{ total_memories: number }>("memory.get_stats", {});
    assert.equal(await conversationCount(server, "Aria"), before + 1, "stats waited for it");
    assert.equal(typeof stats.total_memories, "number");

    // persona.get's memory count and memory.reindex's total settle the queue too (review45a F2).
    await client.call("conversation.send_message", { content: "Pip sleeps on the nets." });
    const profile = await client.call<{ persona: { memory_stats: { total_memories: number } } }>(
      "persona.get",
      {},
    );
    assert.equal(profile.persona.memory_stats.total_memories, stats.total_memories + 1);
    await client.call("conversation.send_message", { content: "The nets dry on the quay." });
    const reindexed = await client.call<{ total: number }>("memory.reindex", {});
    assert.equal(reindexed.total, stats.total_memories + 2);
  } finally {
    await stop();
  }
});

Deno.test("memory.get, memory.update and memory.delete by id do not write the queue: a queued exchange has no id yet", async () => {
  const { server, client, stop } = await heldChatServer({ reply: "Noted." });
  const { memory } = server.services;
  let writes = 0;
  const store = memory.rememberExchanges.bind(memory);
  memory.rememberExchanges = (exchanges) => (writes++, store(exchanges));
  try {
    await client.call("persona.switch", { persona_id: "Aria" });
    const { memory_id } = await client.call<{ memory_id: string }>("memory.store", {
      content: "The ferry leaves at nine.",
    });
    await client.call("conversation.send_message", { content: "The pier lamp is broken." });
    await memory.get(memory_id);
    await client.call("memory.update", { memory_id, content: "The ferry leaves at ten." });
    await client.call("memory.delete", { memory_id });
    assert.equal(writes, 0, "no settle");
    assert.equal(await conversationCount(server, "Aria"), 0, "still queued");
  } finally {
    await stop();
  }
});

Deno.test("a shutdown right after a chat keeps its queued exchange: after a restart it is found", async () => {
  const fake = FakeOllama.start({ reply: () => "I will remember." });
  const dataDir = tempDirSync("write-behind-");
  const first = await startTestServer({ OLLAMA_HOST: fake.url, DATA_DIR: dataDir });
  holdQuietWork(first);
  const client = await RpcClient.connect(first.wsUrl);
  try {
    await client.call("persona.switch", { persona_id: "Aria" });
    await client.call("conversation.send_message", { content: "My boat is the Saltwren." });
    assert.equal(await conversationCount(first, "Aria"), 0, "still queued at the shutdown");
  } finally {
    await client.close();
    await first.shutdown();
  }
  const second = await startTestServer({ OLLAMA_HOST: fake.url, DATA_DIR: dataDir });
  const again = await RpcClient.connect(second.wsUrl);
  try {
    await again.call("persona.switch", { persona_id: "Aria" });
    const found = await again.call<Found>("memory.search", { query: "boat Saltwren" });
    assert.ok(found.memories.some((memory) => memory.content.includes("Saltwren")));
  } finally {
    await again.close();
    await second.shutdown();
    await fake.stop();
  }
});

Deno.test("a store failing after the reply is logged with the session and persona; the session goes on", async () => {
  const fake = FakeOllama.start({ reply: () => "Aye." });
  const lines: string[] = [];
  const log = createLogger("warn", { write: (line) => lines.push(line) });
  const server = await startServer(testConfig({ OLLAMA_HOST: fake.url }), { log });
  const { memory } = server.services;
  const client = await RpcClient.connect(server.wsUrl);
  try {
    await client.call("persona.switch", { persona_id: "Aria" });
    const aria = await server.services.personas.resolve("Aria");
    // The store fails once (a disk full), after the reply promised the exchange.
    memory.rememberExchanges = () => Promise.reject(new Error("disk full"));
    const first = await client.call<{ memory_stored: boolean }>("conversation.send_message", {
      content: "Remember the tide tables.",
    });
    assert.equal(first.memory_stored, true);
    await memory.settleExchanges();
    const warning = lines.find((line) => line.includes("failed after its reply"));
    assert.ok(warning, lines.join("\n"));
    assert.ok(warning.includes(aria.id), warning);
    assert.match(warning, /session_id/);
    assert.match(warning, /disk full/);
    delete (memory as { rememberExchanges?: unknown }).rememberExchanges;

    const second = await client.call<{ response: string; memory_stored: boolean }>(
      "conversation.send_message",
      { content: "The lamp oil comes on Tuesday." },
    );
    assert.equal(second.response, "Aye.", "the session goes on");
    assert.equal(second.memory_stored, true);
    const found = await client.call<Found>("memory.search", { query: "lamp oil Tuesday" });
    assert.ok(found.memories.some((m) => m.content.includes("lamp oil")));
  } finally {
    await client.close();
    await server.shutdown();
    await fake.stop();
  }
});

Deno.test({
  name:
    "on PostgreSQL a chat's exchange is stored before its reply; a batch is one transaction [postgres]",
  ignore: POSTGRES_SKIPPED,
}, async () => {
  await withPostgresChromaEnv(async (env) => {
    const { server, client, stop } = await heldChatServer({ reply: "Understood.", env });
    try {
      await client.call("persona.switch", { persona_id: "Aria" });
      const reply = await client.call<{ memory_stored: boolean }>("conversation.send_message", {
        content: "Crate 1 goes to pier 1.",
      });
      assert.equal(reply.memory_stored, true);
      // Other nodes read these memories at once: nothing is held back (the quiet queue is held).
      assert.equal(await conversationCount(server, "Aria"), 1, "stored before the reply");

      // What the queue would write together still shares one transaction (its id, xmin).
      const aria = await server.services.personas.resolve("Aria");
      await server.services.memory.rememberExchanges([2, 3, 4].map((i) => ({
        persona: aria,
        sender: "Tam",
        roomId: null,
        message: `Crate ${i} goes to pier ${i}.`,
        response: "Understood.",
      })));
      const rows = await server.services.db.all<{ tx: string }>(
        "SELECT xmin::text AS tx FROM memories WHERE persona_id = ? AND memory_type = 'conversation' AND content LIKE '%pier _.%' AND content NOT LIKE '%pier 1.%'",
        aria.id,
      );
      assert.equal(rows.length, 3);
      assert.equal(new Set(rows.map((row) => row.tx)).size, 1, JSON.stringify(rows));
    } finally {
      await stop();
    }
  });
});

Deno.test("a sender's exchanges stored together are each the mind's event: its jobs keep to MAX_SOURCES", async () => {
  // The jobs never start (a long quiet time before background work): only their rows count.
  const { server, client, release, stop } = await heldChatServer({
    reply: "Mm.",
    env: { ...MIND_ON, LLM_BACKGROUND_QUIET_MS: "600000" },
  });
  const chats = MAX_SOURCES + 5;
  try {
    await client.call("persona.switch", { persona_id: "Aria" });
    for (let i = 0; i < chats; i++) {
      await client.call("conversation.send_message", { content: `Note ${i}.`, sender: "Tam" });
    }
    assert.equal(await conversationCount(server, "Aria"), 0, "all queued: one write");
    release();
    await server.services.memory.settleExchanges();
    await server.services.quiet.drain();
    const { jobs } = await server.services.jobs.list({ kind: "extract_facts" }, {
      limit: 100,
      offset: 0,
    });
    const sizes = jobs.map((job) => (job.payload as { source_ids: string[] }).source_ids.length);
    assert.ok(sizes.every((size) => size <= MAX_SOURCES), `job sizes ${sizes}`);
    assert.equal(sizes.reduce((sum, size) => sum + size, 0), chats);
  } finally {
    await stop();
  }
});
