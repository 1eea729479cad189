/**
 * A database written by the release before the recall rework (analyser, BM25, word vectors,
 * supersession): `tests/fixtures/memories_before_recall.db`, made by that version's server with
 * four memories of Aria under the old local embedder (`local-hash-v1-256`). It must open,
 * migrate, answer searches at once (by words), and re-embed with progress; its FTS5 table is
 * dropped on the way.
 */
import assert from "node:assert/strict";
import { DatabaseSync } from "node:sqlite";
import { RpcClient, startTestServer } from "./_helpers.ts";

Deno.test("an old database migrates, answers by words at once, and reindexes with progress", async () => {
  const dataDir = Deno.makeTempDirSync({ prefix: "persona-migrate-" });
  Deno.copyFileSync(
    new URL("./fixtures/memories_before_recall.db", import.meta.url),
    `${dataDir}/persona.db`,
  );
  const server = await startTestServer({ DATA_DIR: dataDir, MEMORY_DECAY_ENABLED: "false" });
  const client = await RpcClient.connect(server.wsUrl);
  try {
    await client.call("persona.switch", { persona_id: "Aria" });
    const stats = await client.call<{ total_memories: number; needs_reindex: number }>(
      "memory.get_stats",
    );
    assert.equal(stats.total_memories, 4);
    assert.equal(stats.needs_reindex, 4, "every vector was made by the old embedder");

    type Hit = { id: string; content: string; relevance: number; superseded_by: string | null };
    type Hits = { memories: Hit[] };
    const search = (query: string) => client.call<Hits>("memory.search", { query });
    const before = await search("ferry at noon");
    assert.equal(before.memories[0]?.content, "The ferry leaves at noon", "BM25 needs no vectors");
    assert.equal(before.memories[0]!.superseded_by, null, "new fields on old rows");

    const result = await client.call("memory.reindex", { _meta: { progressToken: "m1" } });
    assert.equal(result.reindexed, 4);
    const progress = client.notifications
      .filter((n) => n.method === "memory.reindex_progress")
      .map((n) => [n.params.done, n.params.total]);
    assert.deepEqual(progress, [[0, 4], [4, 4]]);
    assert.equal((await client.call("memory.get_stats")).needs_reindex, 0);

    const after = await search("ferry at noon");
    assert.equal(after.memories[0]?.id, before.memories[0]!.id);
    assert.ok(after.memories[0]!.relevance > before.memories[0]!.relevance, "vectors count now");
    // The meaning channel reaches the old memories too, now that they have word vectors.
    const [doctor] = (await search("Which relative is a physician?")).memories;
    assert.equal(doctor?.content, "My sister Elena works as a doctor in Leeds");

    // Its FTS5 table went with its triggers (memories_fts_drop_1): writes work without them.
    const stored = await client.call<{ memory_id: string }>("memory.store", {
      content: "The lighthouse keeper plays the violin",
    });
    await client.call("memory.update", {
      memory_id: before.memories[0]!.id,
      content: "The ferry leaves at one",
    });
    assert.equal((await search("lighthouse violin")).memories[0]?.id, stored.memory_id);
    assert.equal((await search("ferry at one")).memories[0]?.content, "The ferry leaves at one");
    await client.call("memory.delete", { memory_id: stored.memory_id });
    assert.equal((await client.call("memory.get_stats")).total_memories, 4);
  } finally {
    await client.close();
    await server.shutdown();
  }
  const db = new DatabaseSync(`${dataDir}/persona.db`);
  try {
    const left = db.prepare("SELECT name FROM sqlite_master WHERE name LIKE '%fts%'").all();
    assert.deepEqual(left, [], "no FTS5 table, shadow table or trigger is left");
  } finally {
    db.close();
    Deno.removeSync(dataDir, { recursive: true });
  }
});
