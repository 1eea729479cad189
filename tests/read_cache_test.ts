/**
 * `persona.get` keeps what it reads (memory figures, avatar, lorebooks) until the database is
 * written: each write path shows in the very next read. Every test reads first (so the value is
 * kept), writes through one path, and reads again.
 */
import assert from "node:assert/strict";
import { RpcCallError, RpcClient, startTestServer, testConfig, testLogger } from "./_helpers.ts";
import { FakeOllama } from "./fake_ollama.ts";
import { ManualClock } from "../core/clock.ts";
import { startServer } from "../core/server/server.ts";
import { keptJson } from "../core/server/rpc/kept_json.ts";
import personaGet from "../handlers/persona/get.ts";
import { handlerContext } from "../core/server/define_handler.ts";
import type { HandlerContext } from "../core/server/define_handler.ts";
import type { RequestScope } from "../core/server/rpc/handler.ts";
import { ReadCache } from "../core/storage/read_cache.ts";

type Profile = {
  name: string;
  description: string;
  memory_stats: { total_memories: number; recent_interactions: number };
  lorebooks: { name: string }[];
  avatar: { mime: string } | null;
};

async function profile(client: RpcClient, personaId: string): Promise<Profile> {
  return (await client.call<{ persona: Profile }>("persona.get", { persona_id: personaId }))
    .persona;
}

async function withServer(
  run: (client: RpcClient, personaId: string) => Promise<void>,
): Promise<void> {
  const server = await startTestServer();
  const client = await RpcClient.connect(server.wsUrl);
  try {
    const { persona_id } = await client.call("persona.create", { name: "Cached" });
    await run(client, persona_id as string);
  } finally {
    await client.close();
    await server.shutdown();
  }
}

Deno.test("persona.get shows persona.update at once", async () => {
  await withServer(async (client, personaId) => {
    assert.equal((await profile(client, personaId)).description, "");
    await client.call("persona.update", { persona_id: personaId, description: "Changed" });
    assert.equal((await profile(client, personaId)).description, "Changed");
  });
});

Deno.test("persona.get answers -32000 at once after persona.delete", async () => {
  await withServer(async (client, personaId) => {
    await profile(client, personaId);
    await client.call("persona.delete", { persona_id: personaId });
    await assert.rejects(
      profile(client, personaId),
      (error) => error instanceof RpcCallError && error.code === -32000,
    );
  });
});

Deno.test("persona.get counts memory.store and memory.delete at once", async () => {
  await withServer(async (client, personaId) => {
    assert.equal((await profile(client, personaId)).memory_stats.total_memories, 0);
    const { memory_id } = await client.call("memory.store", {
      persona_id: personaId,
      content: "The lighthouse keeper plays the violin at dusk",
    });
    assert.equal((await profile(client, personaId)).memory_stats.total_memories, 1);
    await client.call("memory.delete", { memory_id });
    assert.equal((await profile(client, personaId)).memory_stats.total_memories, 0);
  });
});

Deno.test("persona.get shows a persona.import over a deleted one at once (memories, lorebooks)", async () => {
  await withServer(async (client, personaId) => {
    await client.call("memory.store", { persona_id: personaId, content: "Tea with lemon, always" });
    await client.call("lorebook.create", {
      name: "Harbor lore",
      persona_id: personaId,
      entries: [{ keys: ["harbor"], content: "The harbor freezes in winter." }],
    });
    const { bundle } = await client.call("persona.export", { persona_id: personaId });
    await client.call("persona.delete", { persona_id: personaId });
    const before = (await client.call<{ personas: { id: string }[] }>("persona.list", {}))
      .personas.length;
    const imported = await client.call<{ persona_id: string }>("persona.import", { bundle });
    const { personas } = await client.call<{ personas: { id: string }[] }>("persona.list", {});
    assert.equal(personas.length, before + 1);
    const restored = await profile(client, imported.persona_id);
    assert.equal(restored.memory_stats.total_memories, 1);
    assert.deepEqual(restored.lorebooks.map((book) => book.name), ["Harbor lore"]);
  });
});

Deno.test("persona.get shows an avatar set and removed at once", async () => {
  const pixel =
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";
  await withServer(async (client, personaId) => {
    assert.equal((await profile(client, personaId)).avatar, null);
    await client.call("persona.update", { persona_id: personaId, avatar: pixel });
    assert.equal((await profile(client, personaId)).avatar?.mime, "image/png");
    await client.call("persona.update", { persona_id: personaId, avatar: null });
    assert.equal((await profile(client, personaId)).avatar, null);
  });
});

Deno.test("persona.get shows lorebook attach and detach at once", async () => {
  await withServer(async (client, personaId) => {
    const { lorebook_id } = await client.call("lorebook.create", { name: "Loose pages" });
    assert.deepEqual((await profile(client, personaId)).lorebooks, []);
    await client.call("lorebook.attach", { lorebook_id, persona_id: personaId });
    assert.deepEqual((await profile(client, personaId)).lorebooks.map((b) => b.name), [
      "Loose pages",
    ]);
    await client.call("lorebook.detach", { lorebook_id, persona_id: personaId });
    assert.deepEqual((await profile(client, personaId)).lorebooks, []);
  });
});

Deno.test("relationship.get shows relationship.update at once", async () => {
  await withServer(async (client, personaId) => {
    const { persona_id: other } = await client.call("persona.create", { name: "Other" });
    const pair = { persona1_id: personaId, persona2_id: other };
    await client.call("relationship.get", pair);
    await client.call("relationship.update", {
      persona_id: personaId,
      target_persona_id: other,
      relationship_type: "friend",
      strength: 0.9,
    });
    const after = await client.call<{ relationship: { strength: number } }>(
      "relationship.get",
      pair,
    );
    assert.equal(after.relationship.strength, 0.9);
    await profile(client, personaId);
  });
});

Deno.test("recent_interactions counts a chat at once and forgets it 24 hours later without a write", async () => {
  const ollama = FakeOllama.start({ reply: () => "Hello there." });
  const clock = new ManualClock(Date.parse("2026-01-01T12:00:00Z"));
  const server = await startServer(testConfig({ OLLAMA_HOST: ollama.url }), {
    log: testLogger(),
    clock,
  });
  const client = await RpcClient.connect(server.wsUrl);
  try {
    const { persona_id } = await client.call<{ persona_id: string }>("persona.create", {
      name: "Chatty",
    });
    assert.equal((await profile(client, persona_id)).memory_stats.recent_interactions, 0);
    await client.call("conversation.send_message", { content: "Hi", persona_id });
    assert.equal((await profile(client, persona_id)).memory_stats.recent_interactions, 1);
    clock.advance(23 * 3_600_000);
    assert.equal((await profile(client, persona_id)).memory_stats.recent_interactions, 1);
    clock.advance(2 * 3_600_000);
    assert.equal((await profile(client, persona_id)).memory_stats.recent_interactions, 0);
  } finally {
    await client.close();
    await server.shutdown();
    await ollama.stop();
  }
});

Deno.test("persona.get answers an unchanged persona with one kept result; a write makes another", async () => {
  const server = await startTestServer();
  try {
    const { dispatcher } = server;
    const session = server.services.sessions.open("internal");
    const created = await dispatcher.call("persona.create", { name: "Kept" }, { session });
    const params = { persona_id: (created as { persona_id: string }).persona_id };
    const first = await dispatcher.call(personaGet, params, { session });
    assert.equal(await dispatcher.call(personaGet, params, { session }), first);
    assert.ok(keptJson(first), "its JSON is kept: the reply is spliced, not serialized again");
    await dispatcher.call("persona.update", { ...params, description: "Changed" }, { session });
    const changed = await dispatcher.call(personaGet, params, { session });
    assert.notEqual(changed, first);
    assert.equal(changed.persona.description, "Changed");
    assert.equal(JSON.parse(keptJson(changed)!.text).persona.description, "Changed");
  } finally {
    await server.shutdown();
  }
});

Deno.test("persona.get answers an unchanged persona at once; a write or the clock reads again", async () => {
  const clock = new ManualClock(Date.parse("2026-01-01T12:00:00Z"));
  const server = await startServer(testConfig(), { log: testLogger(), clock });
  try {
    const { dispatcher, services } = server;
    const session = services.sessions.open("internal");
    const created = await dispatcher.call("persona.create", { name: "Quick" }, { session });
    const params = { persona_id: (created as { persona_id: string }).persona_id };
    const scope = { session, signal: new AbortController().signal } as RequestScope<HandlerContext>;
    const ctx = handlerContext(services)(scope);
    const get = () => personaGet.handle(params, ctx);
    const first = get();
    assert.ok(first instanceof Promise, "the first read reads");
    const kept = await first;
    assert.equal(get(), kept, "unchanged: the kept answer, at once (no promise)");
    session.activePersonaId = params.persona_id;
    assert.equal(personaGet.handle({}, ctx), kept, "the active persona's too");
    await dispatcher.call("persona.update", { ...params, description: "Changed" }, { session });
    const changed = get();
    assert.ok(changed instanceof Promise, "a write: read again");
    assert.equal((await changed).persona.description, "Changed");
    assert.ok(!(get() instanceof Promise));
    // No message is counted, so the 24-hour window holds on; a clock set back reads again.
    clock.advance(-1);
    assert.ok(get() instanceof Promise, "a clock set back: read again");
  } finally {
    await server.shutdown();
  }
});

Deno.test("persona.get keeps its answers per read cache: another database's like version is not this one's", async () => {
  const server = await startTestServer();
  try {
    const { dispatcher, services } = server;
    const session = services.sessions.open("internal");
    const created = await dispatcher.call("persona.create", { name: "Twin" }, { session });
    const params = { persona_id: (created as { persona_id: string }).persona_id };
    const scope = { session, signal: new AbortController().signal } as RequestScope<HandlerContext>;
    // Two caches whose versions read alike and never move (two databases that look the same).
    const withCache = () => {
      const readCache = new ReadCache(() => "v", { seesEveryTable: true, knownVersion: () => "v" });
      return Object.assign(Object.create(handlerContext(services)(scope)), { readCache });
    };
    const first = withCache();
    await personaGet.handle(params, first);
    assert.ok(!(personaGet.handle(params, first) instanceof Promise), "kept for the first cache");
    await dispatcher.call("persona.update", { ...params, description: "Other" }, { session });
    const second = withCache();
    const answered = personaGet.handle(params, second);
    assert.ok(answered instanceof Promise, "nothing kept for the second cache");
    assert.equal((await answered).persona.description, "Other");
  } finally {
    await server.shutdown();
  }
});

Deno.test("persona.get reads the avatar and lorebooks once until a write, not on every answer", async () => {
  const clock = new ManualClock(Date.parse("2026-01-01T12:00:00Z"));
  const server = await startServer(testConfig(), { log: testLogger(), clock });
  try {
    const { dispatcher, services } = server;
    const session = services.sessions.open("internal");
    const created = await dispatcher.call("persona.create", { name: "Extras" }, { session });
    const params = { persona_id: (created as { persona_id: string }).persona_id };
    const reads = { avatar: 0, lorebooks: 0 };
    const { characters, lore } = services;
    const avatar = characters.avatar.bind(characters);
    const summaries = lore.summaries.bind(lore);
    characters.avatar = (id) => (reads.avatar++, avatar(id));
    lore.summaries = (options) => (reads.lorebooks++, summaries(options));
    const scope = { session, signal: new AbortController().signal } as RequestScope<HandlerContext>;
    const ctx = handlerContext(services)(scope);
    await personaGet.handle(params, ctx);
    assert.deepEqual(reads, { avatar: 1, lorebooks: 1 });
    // The clock set back: the answer is built again (memory figures), its extras kept.
    clock.advance(-1);
    const again = personaGet.handle(params, ctx);
    assert.ok(again instanceof Promise, "read again");
    await again;
    assert.deepEqual(reads, { avatar: 1, lorebooks: 1 }, "the kept extras were read again");
    await dispatcher.call("lorebook.create", { name: "Book", persona_id: params.persona_id }, {
      session,
    });
    assert.deepEqual((await personaGet.handle(params, ctx)).persona.lorebooks.map((b) => b.name), [
      "Book",
    ]);
    assert.deepEqual(reads, { avatar: 2, lorebooks: 2 });
  } finally {
    await server.shutdown();
  }
});
