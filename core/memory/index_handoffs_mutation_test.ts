// Tests that kill mut58's surviving mutants of index_handoffs.ts' `forget` and index_cache.ts'
// `#awaited` (core/memory/HISTORY.md, "Session 42 — mut58"): what a refused hand-over forgets,
// and which loaded indexes refuse one. Real SQLite file through `memoryFixture`.
import assert from "node:assert/strict";
import type { SqliteDatabase } from "../storage/mod.ts";
import { input, memoryFixture } from "./testing/contract_fixture.ts";
import { SqliteBackend } from "./sqlite_backend.ts";
import { IndexCache } from "./index_cache.ts";
import { IndexHandoffs } from "./index_handoffs.ts";
import { WordVectors } from "./meaning/word_vectors.ts";
import { indexReadTarget, loadRow, personaVersion } from "./testing/index_reads.ts";

const CONTENTS = [
  "The ferry to Kestrel Bay leaves at noon",
  "My sister is a physician in Lisbon",
  "Tide tables hang by the harbour door",
];

async function stored() {
  const fixture = await memoryFixture((db) => new SqliteBackend(db as SqliteDatabase));
  await fixture.memory.storeMany(fixture.aria, CONTENTS.map((content) => input({ content })));
  return fixture;
}

Deno.test("IndexHandoffs.forget forgets the offer, the early rows and the rows decoded for its key only", async () => {
  const fixture = await stored();
  try {
    const row = loadRow(indexReadTarget(fixture));
    const { dimensions } = await WordVectors.shared();
    const version = 1;
    const handoffs = new IndexHandoffs();
    // Each kind kept alone, then forgotten.
    handoffs.offer("a", { version, row });
    assert.equal(handoffs.kept, 1);
    handoffs.forget("a");
    assert.equal(handoffs.kept, 0, "the offer");
    handoffs.early("a", row);
    assert.equal(handoffs.kept, 1);
    handoffs.forget("a");
    assert.equal(handoffs.kept, 0, "the early rows");
    handoffs.early("a", row);
    await handoffs.reserve("a", { dimensions, count: CONTENTS.length });
    assert.equal(handoffs.kept, 1, "decoded into the reserved index");
    handoffs.forget("a");
    assert.equal(handoffs.kept, 0, "the decoded rows");
    assert.equal(handoffs.takeDecoded("a", row), undefined);
    // Another key's are kept.
    handoffs.offer("a", { version, row });
    handoffs.offer("b", { version, row });
    handoffs.forget("a");
    assert.equal(handoffs.kept, 1);
    assert.equal(handoffs.hasOffer("b"), true);
  } finally {
    await fixture.close();
  }
});

Deno.test("IndexCache: a refused offer forgets the rows offered before it at the same key", async () => {
  const fixture = await stored();
  try {
    const target = indexReadTarget(fixture);
    const { connection, embedder, persona } = target;
    const cache = new IndexCache(connection);
    const read = { version: personaVersion(target), row: loadRow(target) };
    cache.offer(persona, embedder, read);
    cache.early(persona, embedder, read);
    assert.equal(cache.handedOver, 2);
    // A memory written meanwhile: the same rows offered again are a version behind.
    await fixture.memory.store(fixture.aria, input({ content: "The harbour bell rings at six" }));
    cache.offer(persona, embedder, read);
    assert.equal(cache.handedOver, 0, "the earlier offer and early rows forgotten");
    assert.equal(cache.hasOffer(persona, embedder), false);
  } finally {
    await fixture.close();
  }
});

Deno.test("IndexCache: rows offered for an embedder whose vectors are not loaded are kept, though the persona's BM25 index is", async () => {
  const fixture = await stored();
  try {
    const target = indexReadTarget(fixture);
    const { connection, embedder, persona } = target;
    const { dimensions } = await WordVectors.shared();
    const cache = new IndexCache(connection);
    // Another embedder's load loads the persona's BM25 index (one a persona) and its own vectors.
    cache.get(persona, "another-embedder", dimensions);
    assert.ok(cache.loadedLexical(persona));
    assert.equal(cache.loadedVectors(persona, embedder), undefined);
    const read = { version: personaVersion(target), row: loadRow(target) };
    cache.offer(persona, embedder, read);
    assert.equal(cache.handedOver, 1, "a load of this embedder's vectors would take it");
    const index = cache.get(persona, embedder, dimensions);
    assert.equal(cache.handedOver, 0, "taken by that load");
    assert.equal(cache.loads.offered, 1);
    assert.equal(index.vectors.size, CONTENTS.length);
  } finally {
    await fixture.close();
  }
});

Deno.test("IndexCache: rows read at version 1 (one memory stored) are kept; at version 0 they are not", async () => {
  const fixture = await memoryFixture((db) => new SqliteBackend(db as SqliteDatabase));
  try {
    const target = indexReadTarget(fixture);
    const { connection, embedder, persona } = target;
    await fixture.memory.store(fixture.aria, input({ content: CONTENTS[0]! }));
    assert.equal(personaVersion(target), 1);
    const cache = new IndexCache(connection);
    cache.offer(persona, embedder, { version: 1, row: loadRow(target) });
    assert.equal(cache.handedOver, 1);
    cache.offer(persona, embedder, { version: 0, row: loadRow(target) });
    assert.equal(cache.handedOver, 0);
  } finally {
    await fixture.close();
  }
});
