import assert from "node:assert/strict";
import { SqliteDatabase } from "../storage/mod.ts";
import { input, memoryFixture } from "./testing/contract_fixture.ts";
import { SqliteBackend } from "./sqlite_backend.ts";
import { IndexCache } from "./index_cache.ts";
import { IndexHandoffs } from "./index_handoffs.ts";
import type { DecodedRows } from "./index_build.ts";
import type { LoadRow } from "./index_rows.ts";
import { WordVectors } from "./meaning/word_vectors.ts";
import { indexReadTarget, loadRow, personaVersion } from "./testing/index_reads.ts";

/**
 * Index rows read aside that come before their postings (`IndexCache.early`): decoded into the
 * vector index made ahead while the worker builds the postings, taken by the load only with an
 * offer of the same rows at the persona's current version.
 */

const CONTENTS = [
  "The ferry to Kestrel Bay leaves at noon",
  "My sister is a physician in Lisbon",
  "Tide tables hang by the harbour door",
  "The lighthouse keeper feeds a grey cat",
];

async function storedFixture(dir?: string) {
  const backends: SqliteBackend[] = [];
  const database = dir
    ? new SqliteDatabase(`${dir}/persona.db`, { checkpointInWorker: true })
    : undefined;
  const fixture = await memoryFixture((db) => {
    backends.push(new SqliteBackend(db as SqliteDatabase, { asideReadMin: 3 }));
    return backends.at(-1)!;
  }, { database });
  await fixture.memory.storeMany(fixture.aria, CONTENTS.map((content) => input({ content })));
  return { fixture, backends };
}

/** Checked by the type checker only: rows decoded ahead have no `terms` to read yet. */
function _noTermsBeforePostings(decoded: DecodedRows): unknown {
  // @ts-expect-error: `DecodedRows.row` is an `EarlyLoadRow`; its terms come with the postings.
  return decoded.row.terms;
}

const search = (memory: Awaited<ReturnType<typeof memoryFixture>>["memory"], persona: {
  id: string;
}, query: string) =>
  memory.search(persona as never, { query, n_results: 5, min_importance: 0 })
    .then((hits) => hits.map((hit) => [hit.content, hit.score]));

Deno.test("rows that come early are decoded when the vector index is made, before or after them; a load takes them with their offer", async () => {
  const { fixture } = await storedFixture();
  try {
    const target = indexReadTarget(fixture);
    const { connection, embedder, persona } = target;
    const { dimensions } = await WordVectors.shared();
    const version = personaVersion(target);
    const read = () => loadRow(target);
    const reference = new IndexCache(connection).get(persona, embedder, dimensions);
    const sizes = (index: typeof reference) => [index.vectors.size, index.lexical.size];
    const reserve = (cache: IndexCache) =>
      cache.reserve(persona, embedder, { dimensions, count: CONTENTS.length });
    for (const order of ["rows first", "index first"]) {
      const cache = new IndexCache(connection);
      const row = read();
      // As they come from the worker: without the terms, which follow with the postings.
      const { terms, ...early } = row;
      if (order === "rows first") {
        cache.early(persona, embedder, { version, row: early as LoadRow });
        await reserve(cache);
      } else {
        const reserving = reserve(cache);
        cache.early(persona, embedder, { version, row: early as LoadRow });
        await reserving;
      }
      Object.assign(early, { terms });
      cache.offer(persona, embedder, { version, row: early as LoadRow });
      const index = cache.get(persona, embedder, dimensions);
      assert.deepEqual(
        cache.loads,
        { read: 0, offered: 1, built: 0, reserved: 1, ahead: 1 },
        order,
      );
      assert.deepEqual(sizes(index), sizes(reference), order);
      assert.equal(index.lexical.averageLength, reference.lexical.averageLength, order);
    }
    // A reserve after the rows are decoded makes no second index (n × dims, never used).
    const handoffs = new IndexHandoffs();
    const earlyRow = read();
    handoffs.early("key", earlyRow);
    await handoffs.reserve("key", { dimensions, count: CONTENTS.length });
    await handoffs.reserve("key", { dimensions, count: CONTENTS.length });
    assert.equal(handoffs.takeReserved("key"), undefined, "no index reserved again");
    assert.ok(handoffs.takeDecoded("key", earlyRow), "the rows decoded once are kept");
    // Offered rows other than those decoded: the load builds from the offered ones.
    const cache = new IndexCache(connection);
    cache.early(persona, embedder, { version, row: read() });
    await reserve(cache);
    cache.offer(persona, embedder, { version, row: read() });
    assert.deepEqual(sizes(cache.get(persona, embedder, dimensions)), sizes(reference));
    assert.deepEqual(cache.loads, { read: 0, offered: 1, built: 0, reserved: 0, ahead: 0 });
    // Dropped with the persona's indexes.
    const dropped = new IndexCache(connection);
    const row = read();
    dropped.early(persona, embedder, { version, row });
    await reserve(dropped);
    dropped.drop(persona);
    dropped.offer(persona, embedder, { version, row });
    dropped.get(persona, embedder, dimensions);
    assert.equal(dropped.loads.ahead, 0, "dropped");
  } finally {
    await fixture.close();
  }
});

Deno.test("rows decoded ahead are dropped when a memory was written before the load; it is found", async () => {
  const dir = await Deno.makeTempDir({ prefix: "persona-early-" });
  const { fixture, backends } = await storedFixture(dir);
  try {
    const memory = await fixture.reopen();
    const backend = backends.at(-1)!;
    const { dimensions } = await WordVectors.shared();
    // The warm-up's way: the read aside, the vector index made while it runs.
    const reading = backend.prefetch(fixture.aria.id, memory.embedderId);
    const vectors = { embedder: memory.embedderId, dimensions, count: CONTENTS.length };
    backend.reserve(fixture.aria.id, vectors);
    await reading;
    // Written after the read and the decoding, before the load.
    const late = await fixture.memory.store(fixture.aria, input({ content: "A violin lesson" }));
    const hits = await memory.search(fixture.aria, {
      query: "violin lesson",
      n_results: 5,
      min_importance: 0,
    });
    assert.equal(hits[0]?.id, late.id, "the new memory is found");
    const { read, ahead } = backend.indexLoads;
    assert.deepEqual({ read, ahead }, { read: 1, ahead: 0 }, "read again, nothing taken ahead");
    // Undisturbed, the same rows decoded ahead are taken and search as if read here.
    const again = await fixture.reopen();
    const undisturbed = backends.at(-1)!;
    const next = undisturbed.prefetch(fixture.aria.id, again.embedderId);
    undisturbed.reserve(fixture.aria.id, { ...vectors, count: CONTENTS.length + 1 });
    await next;
    const reference = await search(await fixture.reopen(), fixture.aria, "doctor in Lisbon");
    assert.deepEqual(await search(again, fixture.aria, "doctor in Lisbon"), reference);
    assert.equal(undisturbed.indexLoads.ahead, 1);
  } finally {
    await fixture.close();
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("rows read elsewhere are not kept for loaded indexes, nor for a persona whose memories changed or went meanwhile", async () => {
  const { fixture, backends } = await storedFixture();
  try {
    const connection = (fixture.db as SqliteDatabase).connection;
    const { dimensions } = await WordVectors.shared();
    const embedder = fixture.memory.embedderId;
    const persona = fixture.aria.id;
    const target = { connection, embedder, persona };
    const readNow = () => ({ version: personaVersion(target), row: loadRow(target) });
    const handOver = (cache: IndexCache, read: ReturnType<typeof readNow>) => {
      cache.early(persona, embedder, read);
      cache.offer(persona, embedder, read);
    };
    // Current and not loaded: kept (the offer and the early rows) until the load takes them.
    const waiting = new IndexCache(connection);
    handOver(waiting, readNow());
    assert.equal(waiting.handedOver, 2);
    waiting.get(persona, embedder, dimensions);
    assert.equal(waiting.handedOver, 0, "taken by the load");
    // Loaded already (another persona's search loaded it while the read ran): no load takes them.
    const loaded = new IndexCache(connection);
    loaded.get(persona, embedder, dimensions);
    handOver(loaded, readNow());
    assert.equal(loaded.handedOver, 0, "not kept for loaded indexes");
    // Read, then a memory deleted: the rows are a version behind, and would never be taken.
    const behind = new IndexCache(connection);
    const read = readNow();
    connection.run("DELETE FROM memories WHERE seq = (SELECT max(seq) FROM memories)");
    handOver(behind, read);
    assert.equal(behind.handedOver, 0, "not kept a version behind");
    // Read, then the persona deleted (its version row goes too): nothing would ever load it.
    const gone = new IndexCache(connection);
    const last = readNow();
    await backends[0]!.deletePersona(persona);
    handOver(gone, last);
    assert.equal(gone.handedOver, 0, "not kept for a deleted persona");
    // Read after the delete: no version row, nothing to hand over.
    handOver(gone, { version: 0, row: loadRow({ connection, embedder, persona }) });
    assert.equal(gone.handedOver, 0, "not kept at version 0");
    // A vector index made for the rows goes with them.
    await gone.reserve(persona, embedder, { dimensions, count: CONTENTS.length });
    assert.equal(gone.handedOver, 1);
    gone.offer(persona, embedder, last);
    assert.equal(gone.handedOver, 0, "the reserved index forgotten with the refused offer");
  } finally {
    await fixture.close();
  }
});
