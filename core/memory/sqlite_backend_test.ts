import { tempDirSync } from "../testing/temp_dirs.ts";
import assert from "node:assert/strict";
import { PersonaNotFound } from "../errors.ts";
import { runMemoryContract } from "./testing/contract.ts";
import { quietAtOnce } from "./testing/quiet_moments.ts";
import type { SqliteDatabase } from "../storage/mod.ts";
import { daysAgo, HashedTestEmbedder, input, memoryFixture } from "./testing/contract_fixture.ts";
import { type Embedder, LocalEmbedder } from "./embedder.ts";
import { pageOf } from "./records.ts";
import { poolSize } from "./search.ts";
import { otherConnection } from "./testing/other_connection.ts";
import { SqliteBackend } from "./sqlite_backend.ts";
import { totalsOf } from "./stats.ts";

Deno.test("the memory contract holds for the sqlite backend", async (t) => {
  // Its kind ties read at once rather than when the process is still (`sqlite_kind_ties.ts`).
  await runMemoryContract(
    t,
    (db) => new SqliteBackend(db as SqliteDatabase, { whenQuiet: quietAtOnce }),
  );
});

/** An embedder that knows nothing: every text gets the same unit vector, so vectors never help. */
class ConstantEmbedder implements Embedder {
  readonly id = "constant-test-4";
  embed(texts: readonly string[]): Promise<Float32Array[]> {
    return Promise.resolve(texts.map(() => Float32Array.of(1, 0, 0, 0)));
  }
}

Deno.test("with a useless embedder, BM25 alone finds a rare name among hundreds", async () => {
  const fixture = await memoryFixture((db) => new SqliteBackend(db as SqliteDatabase));
  try {
    const embedder = new ConstantEmbedder();
    const memory = await fixture.reopen({ embedder });
    const filler = Array.from(
      { length: 400 },
      (_, i) =>
        input({ content: `Day ${i}: we talked about the harbor, the market and the weather` }),
    );
    // Stored first: among equal similarities the vector index keeps the newest (`top_k.ts`).
    const target = await memory.store(
      fixture.aria,
      input({ content: "Zephyrine owes me three coins" }),
    );
    await memory.storeMany(fixture.aria, filler);

    // Control: the vector side alone does not reach the memory, so only BM25 can.
    const [vector] = await embedder.embed(["Zephyrine"]);
    const vectorOnly = await fixture.backend.candidates({
      personaId: fixture.aria.id,
      othersVisibility: [],
      vector: vector!,
      embedder: embedder.id,
      terms: [],
      minImportance: 0,
      limit: poolSize(5),
    });
    assert.equal(vectorOnly.length, poolSize(5));
    assert.ok(vectorOnly.every((candidate) => candidate.record.id !== target.id));

    const hits = await memory.search(fixture.aria, {
      query: "Zephyrine",
      n_results: 5,
      min_importance: 0,
    });
    assert.equal(hits[0]?.id, target.id, JSON.stringify(hits.map((hit) => hit.content)));
    assert.equal(hits[0].relevance, 1);
    const stemmed = await memory.search(fixture.aria, {
      query: "who owed me coins",
      n_results: 1,
      min_importance: 0,
    });
    assert.equal(stemmed[0]?.id, target.id, "Porter stemming: owed finds owes, coins finds coin");
  } finally {
    await fixture.close();
  }
});

Deno.test("storing for a persona deleted meanwhile is persona-not-found, not a crash", async () => {
  const fixture = await memoryFixture((db) => new SqliteBackend(db as SqliteDatabase));
  try {
    await fixture.db.run("DELETE FROM personas WHERE id = ?", fixture.kira.id);
    await assert.rejects(
      fixture.memory.store(fixture.kira, input({ content: "x" })),
      PersonaNotFound,
    );
  } finally {
    await fixture.close();
  }
});

/** Our fixture over a file, and another process's memory service over a second connection. */
async function sharedFixture() {
  const path = `${tempDirSync("memory-shared-")}/persona.db`;
  const ours = await memoryFixture((db) => new SqliteBackend(db as SqliteDatabase), { path });
  const other = otherConnection(path, ours.clock);
  const { theirs } = other;
  // The hits that share a word with the query: `memory.search` fills its list up to
  // `n_results` with the nearest others, which say nothing of what the word index holds.
  const search = async (query: string, min_importance = 0) =>
    (await ours.memory.search(ours.aria, { query, n_results: 5, min_importance, explain: true }))
      .filter((hit) => hit.score_parts!.lexical > 0);
  const close = async () => {
    await other.close();
    await ours.close();
  };
  return { ours, theirs, search, close };
}

Deno.test("another process's writes reach this process's vector index", async () => {
  const { ours, theirs, search, close } = await sharedFixture();
  try {
    await ours.memory.store(ours.aria, input({ content: "The ferry leaves at noon" }));
    assert.equal((await search("ferry noon")).length, 1, "our index is loaded now");

    const added = await theirs.store(ours.aria, input({ content: "Lanterns float on the canal" }));
    const [hit] = await search("Lanterns float on the canal");
    assert.equal(hit?.id, added.id);
    assert.ok(hit.relevance > 0.9, `vector similarity counts (relevance ${hit.relevance})`);

    await theirs.update(added.id, { importance: 0.05 });
    assert.equal((await search("Lanterns canal", 0.3)).length, 0, "their new importance filters");

    const late = await theirs.store(ours.aria, input({ content: "Kites over the harbor wall" }));
    await ours.memory.store(ours.aria, input({ content: "Our own note" }));
    const [kite] = await search("Kites over the harbor wall");
    assert.equal(kite?.id, late.id, "a write of ours does not hide theirs");
    assert.ok(kite.relevance > 0.9);

    await theirs.delete(late.id);
    assert.ok((await search("Kites harbor")).every((hit) => hit.id !== late.id));
  } finally {
    await close();
  }
});

Deno.test("an insert in a caller's transaction that rolls back leaves no index entry", async () => {
  const { ours, theirs, search, close } = await sharedFixture();
  try {
    await ours.memory.store(ours.aria, input({ content: "The ferry leaves at noon" }));
    assert.equal((await search("ferry noon")).length, 1, "our index is loaded now");
    await assert.rejects(
      ours.db.transaction(async () => {
        await ours.memory.store(ours.aria, input({ content: "Zebras dance in the moonlight" }));
        throw new Error("the caller fails");
      }),
      /the caller fails/,
    );
    assert.deepEqual(await search("zebras moonlight"), []);
    // One row from another connection: Aria's version is the one the insert claimed, and the
    // row takes the rolled back row's number.
    const added = await theirs.store(ours.aria, input({ content: "Lanterns float on the canal" }));
    assert.deepEqual(await search("zebras moonlight"), [], "no entry points at their row");
    const [hit] = await search("Lanterns float on the canal");
    assert.equal(hit?.id, added.id);
    assert.ok(hit.relevance > 0.9, `indexed by its own vector (relevance ${hit.relevance})`);
  } finally {
    await close();
  }
});

Deno.test("an index loaded in a caller's transaction that rolls back is forgotten, and term ids", async () => {
  const { ours, theirs, search, close } = await sharedFixture();
  const zebraTerms = () =>
    (ours.db as SqliteDatabase).connection.all(
      "SELECT id FROM memory_terms WHERE term LIKE 'zebra%'",
    );
  try {
    await ours.memory.store(ours.aria, input({ content: "The ferry leaves at noon" }));
    await assert.rejects(
      ours.db.transaction(async () => {
        await ours.memory.store(ours.aria, input({ content: "Zebras dance in the moonlight" }));
        assert.equal((await search("zebras moonlight")).length, 1, "loaded with the new row");
        throw new Error("the caller fails");
      }),
      /the caller fails/,
    );
    assert.deepEqual(zebraTerms(), [], "the new term rolled back");
    const added = await theirs.store(ours.aria, input({ content: "Lanterns float on the canal" }));
    assert.deepEqual(await search("zebras moonlight"), [], "no entry points at their row");
    assert.equal((await search("Lanterns float on the canal"))[0]?.id, added.id);
    // The term is made again, not taken from before the rollback.
    await ours.memory.store(ours.aria, input({ content: "Zebras sing at dawn" }));
    assert.equal(zebraTerms().length, 1);
  } finally {
    await close();
  }
});

Deno.test("words follow content edits without an FTS5 table (it is dropped)", async () => {
  const fixture = await memoryFixture((db) => new SqliteBackend(db as SqliteDatabase));
  try {
    const { memory, aria } = fixture;
    const db = (fixture.db as SqliteDatabase).connection;
    assert.deepEqual(db.all("SELECT name FROM sqlite_master WHERE name LIKE '%fts%'"), []);
    /** The BM25 score of each memory for `query` (its own words only: no relatives). */
    const lexical = async (query: string) =>
      new Map(
        (await memory.search(aria, { query, n_results: 5, min_importance: 0, explain: true }))
          .map((hit) => [hit.id, hit.score_parts!.lexical]),
      );
    const stored = await memory.storeMany(aria, [
      input({ content: "My sister lives in Porto" }),
      input({ content: "The ferry leaves at noon" }),
    ]);
    assert.ok((await lexical("Porto")).get(stored[0]!.id)! > 0.5);
    await memory.update(stored[0]!.id, { content: "My sister moved to Madrid" });
    assert.ok((await lexical("Madrid")).get(stored[0]!.id)! > 0.5);
    assert.ok((await lexical("moving")).get(stored[0]!.id)! > 0.5, "stemmed as FTS5 stems");
    assert.ok(((await lexical("Porto")).get(stored[0]!.id) ?? 0) < 0.5, "the old words are gone");
  } finally {
    await fixture.close();
  }
});

Deno.test("pages and totals counted in SQL equal those computed from the whole list", async () => {
  const fixture = await memoryFixture((db) => new SqliteBackend(db as SqliteDatabase));
  try {
    const { backend, memory, aria, kira, clock } = fixture;
    const types = ["observation", "conversation", "reflection", "constructor"];
    const visibilities = ["private", "shared", "public"];
    // Deterministic variety: equal creation times, every type and visibility, odd importances.
    await memory.storeMany(
      aria,
      Array.from({ length: 60 }, (_, i) =>
        input({
          content: `note ${i}`,
          memory_type: types[(i * 7) % types.length],
          visibility: visibilities[i % 3],
          importance: ((i * 37) % 101) / 100,
          created_at: daysAgo(clock, (i * 13) % 9),
        })),
    );
    await memory.store(kira, input({ content: "not Aria's" }));
    const some = await backend.list(aria.id);
    await backend.touch(some.slice(0, 7), daysAgo(clock, 1));
    const switched = await fixture.reopen({ embedder: new HashedTestEmbedder(64) });
    await switched.store(aria, input({ content: "made by another embedder" }));

    const all = await backend.list(aria.id);
    for (const memoryType of [undefined, ...types, "missing"]) {
      for (const [limit, offset] of [[5, 0], [7, 3], [100, 0], [10, 55], [3, 70]] as const) {
        const query = { limit, offset, memoryType };
        // The keys differ (SQL: storing order; the whole list: ids); the pages do not.
        const { next: _sql, ...paged } = await backend.page(aria.id, query);
        const { next: _whole, ...whole } = pageOf(all, query);
        assert.deepEqual(paged, whole, JSON.stringify(query));
      }
    }
    for (const embedder of [memory.embedderId, "local-hash-v1-64", "none"]) {
      assert.deepEqual(await backend.totals(aria.id, embedder), totalsOf(all, embedder));
    }
    assert.deepEqual(await backend.totals("nobody", memory.embedderId), totalsOf([], "x"));
  } finally {
    await fixture.close();
  }
});

Deno.test("a search after a reindex reads the new embedder, not a row kept from before", async () => {
  const fixture = await memoryFixture((db) => new SqliteBackend(db as SqliteDatabase));
  try {
    const { memory, aria, backend } = fixture;
    const [stored] = await memory.storeMany(aria, [input({ content: "Aria plays the cello" })]);
    const query = (embedder: string, vector: Float32Array) => ({
      personaId: aria.id,
      othersVisibility: [],
      vector,
      embedder,
      terms: ["cello"],
      minImportance: 0,
      limit: 5,
    });
    const [local] = await new LocalEmbedder().embed(["cello"]);
    // The search keeps the rows it read for the next one.
    assert.equal(
      (await backend.candidates(query(memory.embedderId, local!)))[0]?.record.id,
      stored!.id,
    );
    const hashed = new HashedTestEmbedder(8);
    const [vector] = await hashed.embed([stored!.content]);
    await backend.writeVectors([{ record: stored!, embedder: hashed.id, vector: vector! }]);
    const [hit] = await backend.candidates(query(hashed.id, vector!));
    assert.equal(hit?.record.embedder, hashed.id);
  } finally {
    await fixture.close();
  }
});
