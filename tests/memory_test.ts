/**
 * Memory over real WebSockets: errors, reindexing after the embedder changes (with progress
 * notifications), persona deletion, and the background decay schedule.
 */
import { tempDirSync } from "../core/testing/temp_dirs.ts";
import assert from "node:assert/strict";
import { delay, RpcCallError, RpcClient, startTestServer } from "./_helpers.ts";
import { FakeOllama } from "./fake_ollama.ts";

async function rejectsWith(promise: Promise<unknown>, code: number, field?: string) {
  await assert.rejects(promise, (error: RpcCallError) => {
    assert.ok(error instanceof RpcCallError);
    assert.equal(error.code, code, error.message);
    if (field) {
      const fields = (error.data as { fields: Array<{ field: string }> }).fields;
      assert.ok(fields.some((item) => item.field === field), JSON.stringify(error.data));
    }
    return true;
  });
}

Deno.test("memory methods answer bad calls with clear JSON-RPC errors", async () => {
  const server = await startTestServer();
  const client = await RpcClient.connect(server.wsUrl);
  try {
    await rejectsWith(client.call("memory.search", { query: "x" }), -32001);
    await rejectsWith(client.call("memory.store", { content: "x", persona_id: "nobody" }), -32000);
    await client.call("persona.switch", { persona_id: "Aria" });
    await rejectsWith(client.call("memory.store", {}), -32602, "content");
    await rejectsWith(
      client.call("memory.store", { content: "x", importance: 2 }),
      -32602,
      "importance",
    );
    await rejectsWith(
      client.call("memory.store", { content: "x", memory_type: "A B" }),
      -32602,
      "memory_type",
    );
    const future = new Date(Date.now() + 86_400_000).toISOString();
    await rejectsWith(
      client.call("memory.store", { content: "x", created_at: future }),
      -32602,
      "created_at",
    );
    await rejectsWith(
      client.call("memory.search", { query: "x", n_results: 0 }),
      -32602,
      "n_results",
    );
    await rejectsWith(client.call("memory.update", { memory_id: "nope", content: "y" }), -32602);
    await rejectsWith(client.call("memory.update", { memory_id: "nope" }), -32602, "params");
    await rejectsWith(
      client.call("memory.decay_force", { decay_factor: 1 }),
      -32602,
      "decay_factor",
    );
    await rejectsWith(client.call("memory.decay_force", { persona_id: "nobody" }), -32000);
    assert.deepEqual(await client.call("ping"), {}, "the connection survives every error");
  } finally {
    await client.close();
    await server.shutdown();
  }
});

Deno.test("odd text never breaks search: full-text syntax, quotes, emoji, stop words only", async () => {
  const server = await startTestServer();
  const client = await RpcClient.connect(server.wsUrl);
  try {
    await client.call("persona.switch", { persona_id: "Aria" });
    const odd = [
      '"',
      "*",
      "a AND (b",
      "NEAR(x y)",
      "🙂🙂",
      "the of and",
      "x:y^2 -z",
      "' OR 1=1 --",
    ];
    for (const content of odd) await client.call("memory.store", { content });
    for (const query of odd) {
      const result = await client.call<{ memories: unknown[] }>("memory.search", { query });
      assert.ok(Array.isArray(result.memories), query);
    }
    const found = await client.call<{ memories: Array<{ content: string }> }>("memory.search", {
      query: "NEAR x",
    });
    assert.equal(found.memories[0]?.content, "NEAR(x y)");
  } finally {
    await client.close();
    await server.shutdown();
  }
});

Deno.test("after EMBED_MODEL changes, memory.reindex re-embeds with progress notifications", async () => {
  const dataDir = tempDirSync("persona-reindex-");
  const fake = FakeOllama.start({ models: ["nomic-embed-text"] });
  try {
    const local = await startTestServer({ DATA_DIR: dataDir });
    const first = await RpcClient.connect(local.wsUrl);
    await first.call("persona.switch", { persona_id: "Aria" });
    for (const content of ["The ferry leaves at noon", "Ferry tickets are in the drawer"]) {
      await first.call("memory.store", { content });
    }
    await first.close();
    await local.shutdown();

    const env = { DATA_DIR: dataDir, EMBED_MODEL: "nomic-embed-text", OLLAMA_HOST: fake.url };
    const server = await startTestServer(env);
    const client = await RpcClient.connect(server.wsUrl);
    try {
      const { persona_id } = await client.call("persona.switch", { persona_id: "Aria" });
      const search = () =>
        client.call<{ memories: unknown[] }>("memory.search", { query: "ferry" });
      // Vectors of two embedders never mix, but words find the memories before the reindex.
      assert.equal((await search()).memories.length, 2);
      assert.equal((await client.call("memory.get_stats")).needs_reindex, 2);

      const result = await client.call("memory.reindex", { _meta: { progressToken: "r1" } });
      assert.deepEqual(result, {
        persona_id,
        embedder: "ollama:nomic-embed-text",
        total: 2,
        reindexed: 2,
        already_current: 0,
      });
      const progress = client.notifications.filter((n) => n.method === "memory.reindex_progress");
      assert.deepEqual(progress.map((n) => n.params.done), [0, 2]);
      const mcp = client.notifications.filter((n) => n.method === "notifications/progress");
      assert.deepEqual(mcp.at(-1)?.params, { progressToken: "r1", progress: 2, total: 2 });
      assert.equal((await search()).memories.length, 2);
      assert.ok(fake.requests.some((request) => request.path === "/api/embed"));
    } finally {
      await client.close();
      await server.shutdown();
    }
  } finally {
    await fake.stop();
  }
});

Deno.test("deleting a persona deletes its memories", async () => {
  const server = await startTestServer();
  const client = await RpcClient.connect(server.wsUrl);
  try {
    const { persona_id } = await client.call<{ persona_id: string }>("persona.create", {
      name: "Brief",
    });
    await client.call("memory.store", { persona_id, content: "A short life" });
    await client.call("memory.store", { persona_id, content: "Remembered nothing" });
    const count = async () =>
      (await server.services.db.get<{ n: number }>(
        "SELECT COUNT(*) AS n FROM memories WHERE persona_id = ?",
        persona_id,
      ))!.n;
    assert.equal(await count(), 2);
    await client.call("persona.delete", { persona_id });
    assert.equal(await count(), 0);
    await rejectsWith(client.call("memory.get_stats", { persona_id }), -32000);
  } finally {
    await client.close();
    await server.shutdown();
  }
});

Deno.test("the background decay schedule really runs, and decay_stop / decay_start control it", async () => {
  const server = await startTestServer({
    MEMORY_DECAY_INTERVAL_S: "0.05",
    MEMORY_DECAY_MODE: "linear",
  });
  const client = await RpcClient.connect(server.wsUrl);
  try {
    await client.call("persona.switch", { persona_id: "Aria" });
    const created_at = new Date(Date.now() - 30 * 86_400_000).toISOString();
    const { memory_id } = await client.call("memory.store", {
      content: "An old tale",
      importance: 0.5,
      created_at,
    });
    const stats = async () =>
      (await client.call<{ decay_statistics: Record<string, unknown> }>("memory.decay_stats"))
        .decay_statistics;
    // A cycle that began before the store (every 50 ms) may end after it without the memory:
    // wait for one that began after it.
    const cyclesAtStore = (await stats()).total_decay_cycles as number;
    while ((await stats()).total_decay_cycles as number < cyclesAtStore + 2) await delay(20);
    const { memories } = await client.call<{ memories: Array<{ id: string; importance: number }> }>(
      "memory.list",
    );
    assert.equal(memories.find((memory) => memory.id === memory_id)?.importance, 0.35);
    assert.equal((await stats()).background_running, true);

    await client.call("memory.decay_stop");
    assert.equal((await stats()).background_running, false);
    const started = await client.call("memory.decay_start", { interval_s: 3600 });
    assert.deepEqual(started, {
      status: "background_decay_started",
      interval_s: 3600,
      mode: "linear",
      auto_pruning: true,
    });
  } finally {
    await client.close();
    await server.shutdown();
  }
});

Deno.test("memory.stats answers exactly as memory.get_stats, for the session's persona and by id", async () => {
  const server = await startTestServer({ MEMORY_DECAY_ENABLED: "false" });
  const client = await RpcClient.connect(server.wsUrl);
  try {
    const { persona_id: kira } = await client.call("persona.switch", { persona_id: "Kira" });
    await client.call("memory.store", { content: "Ledgers balance at dusk", importance: 0.3 });
    await client.call("persona.switch", { persona_id: "Aria" });
    await client.call("memory.store", { content: "The lute has a new string", importance: 0.4 });
    await client.call("memory.store", {
      content: "Kira saved me from the flood",
      importance: 0.9,
      memory_type: "reflection",
      visibility: "shared",
    });
    const own = await client.call("memory.get_stats");
    assert.equal(own.total_memories, 2);
    assert.deepEqual(own.memory_types, { conversation: 1, reflection: 1 });
    assert.deepEqual(await client.call("memory.stats"), own);
    assert.deepEqual(await client.call("memory.stats", {}), own);

    const other = await client.call("memory.get_stats", { persona_id: kira });
    assert.equal(other.total_memories, 1);
    assert.deepEqual(await client.call("memory.stats", { persona_id: kira }), other);
    await rejectsWith(client.call("memory.stats", { persona_id: "nobody" }), -32000);
    await rejectsWith(client.call("memory.stats", { persona_id: kira, extra: 1 }), -32602);
  } finally {
    await client.close();
    await server.shutdown();
  }
});
