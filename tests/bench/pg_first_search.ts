/**
 * The first search of a node on a PostgreSQL store whose non-English memories wait for the
 * analyser's re-analysis (`postgres_reanalyse.ts`): how long that search takes, and how long until
 * the queue is empty. Before session 25 the first search emptied the queue before it searched;
 * since, it begins the re-analysis in the background and searches with the old terms.
 *
 *   TEST_DATABASE_URL=… deno run -A tests/bench/pg_first_search.ts [--root <tree>]
 *     [--memories 20000] [--rounds 3]
 *
 * `--root` runs another tree's code (say /tmp/base25) with this same script: before and after.
 * Each round stores the memories in a fresh schema (no vector store), gives them the terms an
 * older analyser stored and queues them, then opens a new backend (a node just started) and
 * times its first `candidates` call, then the end of the re-analysis.
 *
 * @module
 */
import { arg, fromTree, median, treeRoot } from "./_tree_backends.ts";

const root = treeRoot();
const rounds = Number(arg("rounds", "3"));
const count = Number(arg("memories", "20000"));
const from = fromTree(root);

// deno-lint-ignore no-explicit-any
const { PostgresDatabase }: any = await from("core/storage/mod.ts");
// deno-lint-ignore no-explicit-any
const { testSchema }: any = await from("core/storage/testing/databases.ts");
// deno-lint-ignore no-explicit-any
const { migrateWithAria, NO_VECTORS }: any = await from("core/memory/testing/bare_backend.ts");
// deno-lint-ignore no-explicit-any
const { PostgresMemoryBackend }: any = await from("core/memory/postgres_backend.ts");
// deno-lint-ignore no-explicit-any
const { sampleRecord }: any = await from("core/memory/testing/record_fixture.ts");

const open = (url: string) =>
  new PostgresDatabase({ url, poolSize: 4, idleTimeoutS: 0, connectTimeoutS: 10 });
const query = (personaId: string) => ({
  personaId,
  othersVisibility: [],
  terms: ["上海"],
  limit: 10,
  minImportance: 0,
  vector: new Float32Array([1]),
  embedder: "test",
});

const firsts: number[] = [];
const empties: number[] = [];
for (let round = 0; round < rounds; round++) {
  const schema = await testSchema();
  try {
    const setup = open(schema.url);
    const aria = await migrateWithAria(setup, "chroma");
    const writer = new PostgresMemoryBackend(setup, NO_VECTORS);
    for (let at = 0; at < count; at += 1000) {
      await writer.insert(Array.from({ length: Math.min(1000, count - at) }, (_, j) => ({
        record: sampleRecord({
          id: `m${at + j}`,
          persona_id: aria.id,
          content: `我的朋友${at + j}号住在上海，喜欢吃苹果和香蕉。`,
        }),
        vector: new Float32Array([1]),
      })));
    }
    // What an older analyser stored (the clause as one term), queued for re-analysis.
    for (let at = 0; at < count; at += 1000) {
      const ids = Array.from({ length: Math.min(1000, count - at) }, (_, j) => `m${at + j}`);
      await setup.run(
        `UPDATE memories SET terms = CAST(? AS tsvector), term_count = 1
         WHERE id IN (SELECT jsonb_array_elements_text(CAST(CAST(? AS TEXT) AS jsonb)))`,
        "'旧':1",
        JSON.stringify(ids),
      );
    }
    await setup.run(
      "INSERT INTO memory_reanalyse (id) SELECT id FROM memories ON CONFLICT DO NOTHING",
    );
    await writer.close();
    await setup.close();
    // A node just started.
    const db = open(schema.url);
    const backend = new PostgresMemoryBackend(db, NO_VECTORS);
    try {
      const start = performance.now();
      await backend.candidates(query(aria.id));
      firsts.push(performance.now() - start);
      await backend.reanalysing;
      for (;;) {
        const left = await db.get("SELECT COUNT(*) AS n FROM memory_reanalyse");
        if (Number(left.n) === 0) break;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      empties.push(performance.now() - start);
    } finally {
      await backend.close();
      await db.close();
    }
  } finally {
    await schema.drop();
  }
}
console.log(JSON.stringify({
  tree: root.pathname,
  memories: count,
  first_search_ms: firsts.map(Math.round),
  first_search_median_ms: Math.round(median(firsts)),
  queue_empty_median_ms: Math.round(median(empties)),
  load: Deno.loadavg()[0],
}));
