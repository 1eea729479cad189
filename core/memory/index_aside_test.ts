import assert from "node:assert/strict";
import type { SqliteDatabase } from "../storage/mod.ts";
import { input, type memoryFixture } from "./testing/contract_fixture.ts";
import { asideFixture } from "./testing/aside_fixture.ts";
import { ASIDE_READ_MIN, SqliteBackend } from "./sqlite_backend.ts";
import { WordVectors } from "./meaning/word_vectors.ts";

const search = (memory: Awaited<ReturnType<typeof memoryFixture>>["memory"], persona: {
  id: string;
}, query: string) =>
  memory.search(persona as never, { query, n_results: 5, min_importance: 0 })
    .then((hits) => hits.map((hit) => [hit.content, hit.score]));

/** A query whose term weights load a persona's indexes without reading aside first. */
const weightsQuery = (personaId: string, embedder: string) => ({
  personaId,
  othersVisibility: [],
  vector: new Float32Array(100),
  embedder,
  terms: ["violin"],
  priors: [1],
  minImportance: 0,
  limit: 5,
});

Deno.test("a large persona's index rows are read on the storage worker and searched as if read here", async () => {
  const dir = await Deno.makeTempDir({ prefix: "persona-aside-" });
  const { fixture, backends, sizes } = await asideFixture(dir);
  try {
    sizes.min = Infinity;
    const here = await fixture.reopen();
    const hereBackend = backends.at(-1)!;
    const expected = await search(here, fixture.aria, "doctor in Lisbon");
    assert.deepEqual(
      hereBackend.indexLoads,
      { read: 1, offered: 0, built: 0, reserved: 0, ahead: 0, asides: 0 },
      "too small: read here",
    );
    sizes.min = 3;
    const aside = await fixture.reopen();
    const backend = backends.at(-1)!;
    // A search while a read aside is under way waits for it instead of reading again.
    const reading = backend.prefetch(fixture.aria.id, aside.embedderId);
    assert.deepEqual(await search(aside, fixture.aria, "doctor in Lisbon"), expected);
    await reading;
    assert.deepEqual(backend.indexLoads, {
      read: 0,
      offered: 1,
      built: 1,
      reserved: 0,
      ahead: 0,
      asides: 1,
    });
    // A search alone reads here (the worker may be busy checkpointing).
    const alone = await fixture.reopen();
    assert.deepEqual(await search(alone, fixture.aria, "doctor in Lisbon"), expected);
    assert.deepEqual(backends.at(-1)!.indexLoads, {
      read: 1,
      offered: 0,
      built: 0,
      reserved: 0,
      ahead: 0,
      asides: 0,
    });
    // The warm-up's way: read ahead, then preload (which does not read aside again).
    const warmed = await fixture.reopen();
    const warmedBackend = backends.at(-1)!;
    assert.deepEqual(await warmed.warm(), [fixture.aria.id]);
    // Its vector index was made (memory mapped) while it waited for the rows.
    assert.deepEqual(warmedBackend.indexLoads, {
      read: 0,
      offered: 1,
      built: 1,
      reserved: 1,
      ahead: 1,
      asides: 1,
    });
    assert.deepEqual(await search(warmed, fixture.aria, "doctor in Lisbon"), expected);
  } finally {
    await fixture.close();
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("a vector index made ahead while the rows are read aside is the one the load fills", async () => {
  const dir = await Deno.makeTempDir({ prefix: "persona-aside-" });
  const { fixture, backends, sizes } = await asideFixture(dir);
  try {
    sizes.min = Infinity;
    const expected = await search(await fixture.reopen(), fixture.aria, "doctor in Lisbon");
    sizes.min = 3;
    const memory = await fixture.reopen();
    const backend = backends.at(-1)!;
    const { dimensions } = await WordVectors.shared();
    const vectors = { embedder: memory.embedderId, dimensions, count: 4 };
    // No read under way: nothing is made.
    backend.reserve(fixture.aria.id, vectors);
    const reading = backend.prefetch(fixture.aria.id, memory.embedderId);
    backend.reserve(fixture.aria.id, { ...vectors, dimensions: 7 });
    backend.reserve(fixture.aria.id, vectors);
    await reading;
    assert.deepEqual(await search(memory, fixture.aria, "doctor in Lisbon"), expected);
    assert.deepEqual(backend.indexLoads, {
      read: 0,
      offered: 1,
      built: 1,
      reserved: 1,
      ahead: 1,
      asides: 1,
    });
    // Of another dimension than the vectors: the load makes its own.
    const other = await fixture.reopen();
    const otherBackend = backends.at(-1)!;
    const again = otherBackend.prefetch(fixture.aria.id, other.embedderId);
    otherBackend.reserve(fixture.aria.id, { ...vectors, dimensions: 7 });
    await again;
    assert.deepEqual(await search(other, fixture.aria, "doctor in Lisbon"), expected);
    assert.deepEqual(otherBackend.indexLoads, {
      read: 0,
      offered: 1,
      built: 1,
      reserved: 0,
      ahead: 0,
      asides: 1,
    });
  } finally {
    await fixture.close();
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("the service's read ahead reads the largest persona's rows aside once; the warm-up takes them", async () => {
  const dir = await Deno.makeTempDir({ prefix: "persona-aside-" });
  const { fixture, backends, sizes } = await asideFixture(dir);
  try {
    sizes.min = Infinity;
    const expected = await search(await fixture.reopen(), fixture.aria, "doctor in Lisbon");
    sizes.min = 3;
    const memory = await fixture.reopen();
    const backend = backends.at(-1)!;
    assert.equal(memory.prefetching, undefined, "not before it is asked for");
    await memory.prefetch();
    assert.equal(memory.prefetch(), memory.prefetching, "once");
    assert.equal(backend.indexed(fixture.aria.id), false, "read, not loaded");
    assert.deepEqual(backend.indexLoads, {
      read: 0,
      offered: 0,
      built: 0,
      reserved: 0,
      ahead: 0,
      asides: 1,
    });
    assert.deepEqual(await memory.warm(), [fixture.aria.id]);
    const { read, offered, built, asides } = backend.indexLoads;
    assert.deepEqual({ read, offered, built, asides }, {
      read: 0,
      offered: 1,
      built: 1,
      asides: 1,
    });
    assert.deepEqual(await search(memory, fixture.aria, "doctor in Lisbon"), expected);
  } finally {
    await fixture.close();
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("rows read aside are dropped when the persona changed before the load", async () => {
  const dir = await Deno.makeTempDir({ prefix: "persona-aside-" });
  const { fixture, backends } = await asideFixture(dir);
  try {
    const memory = await fixture.reopen();
    const backend = backends.at(-1)!;
    await backend.prefetch(fixture.aria.id, memory.embedderId);
    // Written after the read: the offered rows are one version behind.
    const late = await fixture.memory.store(fixture.aria, input({ content: "A violin lesson" }));
    // A load without a read aside of its own (a search would read aside again, afresh).
    await backend.termWeights(weightsQuery(fixture.aria.id, memory.embedderId));
    assert.deepEqual(backend.indexLoads, {
      read: 1,
      offered: 0,
      built: 0,
      reserved: 0,
      ahead: 0,
      asides: 1,
    });
    const hits = await memory.search(fixture.aria, {
      query: "violin lesson",
      n_results: 5,
      min_importance: 0,
    });
    assert.equal(hits[0]?.id, late.id, "the new memory is found");
  } finally {
    await fixture.close();
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("rows read aside are dropped when search columns had to be filled in", async () => {
  const dir = await Deno.makeTempDir({ prefix: "persona-aside-" });
  const { fixture, backends } = await asideFixture(dir);
  try {
    const memory = await fixture.reopen();
    const backend = backends.at(-1)!;
    await backend.prefetch(fixture.aria.id, memory.embedderId);
    // As an older database: the columns went missing after the read (no version bump).
    (fixture.db as SqliteDatabase).connection.run(
      "UPDATE memories SET terms = NULL, index_vector = NULL",
    );
    await backend.termWeights(weightsQuery(fixture.aria.id, memory.embedderId));
    assert.deepEqual(backend.indexLoads, {
      read: 1,
      offered: 0,
      built: 0,
      reserved: 0,
      ahead: 0,
      asides: 1,
    });
    const hits = await memory.search(fixture.aria, {
      query: "ferry at noon",
      n_results: 5,
      min_importance: 0,
    });
    assert.match(String(hits[0]?.content), /ferry/);
  } finally {
    await fixture.close();
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("without a storage worker, or below the size, index rows are read here", async () => {
  const dir = await Deno.makeTempDir({ prefix: "persona-aside-" });
  const { fixture, backends } = await asideFixture(dir, { worker: false });
  try {
    const memory = await fixture.reopen();
    await search(memory, fixture.aria, "ferry");
    assert.deepEqual(backends.at(-1)!.indexLoads, {
      read: 1,
      offered: 0,
      built: 0,
      reserved: 0,
      ahead: 0,
      asides: 0,
    });
    assert.equal(ASIDE_READ_MIN, 20_000, "the documented size");
    const small = new SqliteBackend(fixture.db as SqliteDatabase, { asideReadMin: 5 });
    await small.prefetch(fixture.aria.id, memory.embedderId);
    await small.preload(fixture.aria.id, { embedder: memory.embedderId, dimensions: 100 });
    assert.deepEqual(small.indexLoads, {
      read: 1,
      offered: 0,
      built: 0,
      reserved: 0,
      ahead: 0,
      asides: 0,
    });
    await small.close();
  } finally {
    await fixture.close();
    await Deno.remove(dir, { recursive: true });
  }
});
