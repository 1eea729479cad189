import assert from "node:assert/strict";
import type { SqliteDatabase } from "../storage/mod.ts";
import { input, memoryFixture } from "./testing/contract_fixture.ts";
import { SqliteBackend } from "./sqlite_backend.ts";
import { IndexCache } from "./index_cache.ts";
import { type LoadRow, words32 } from "./index_rows.ts";
import { buildPostings, type PostingsBuild } from "./postings_build.ts";
import { WordVectors } from "./meaning/word_vectors.ts";
import { indexReadTarget, loadRow, personaVersion } from "./testing/index_reads.ts";

/**
 * `loadIndexes`' hand-over paths on a real SQLite file: a vector index reserved ahead, postings
 * built elsewhere (with offered rows, decoded ahead or not), and rows decoded ahead into an index
 * of other dimensions than the load asks for.
 */

const CONTENTS = [
  "The ferry to Kestrel Bay leaves at noon",
  "My sister is a physician in Lisbon",
  "Tide tables hang by the harbour door",
  "The lighthouse keeper feeds a grey cat",
];

async function stored() {
  const fixture = await memoryFixture((db) => new SqliteBackend(db as SqliteDatabase));
  await fixture.memory.storeMany(fixture.aria, CONTENTS.map((content) => input({ content })));
  const target = indexReadTarget(fixture);
  const { connection, embedder, persona } = target;
  const { dimensions } = await WordVectors.shared();
  const version = personaVersion(target);
  const read = () => loadRow(target);
  const reserve = (cache: IndexCache, count = CONTENTS.length) =>
    cache.reserve(persona, embedder, { dimensions, count });
  return { fixture, connection, dimensions, embedder, persona, version, read, reserve };
}

/** `row`'s postings as the worker builds them, noting whether the load read any of them. */
function watchedPostings(row: LoadRow): { postings: PostingsBuild; read: () => boolean } {
  let read = false;
  const built = buildPostings(words32(row.terms), CONTENTS.length);
  const postings = new Proxy(built, {
    get(target, property, receiver) {
      read = true;
      return Reflect.get(target, property, receiver);
    },
  });
  return { postings, read: () => read };
}

Deno.test("a load reading its own rows takes the vector index reserved ahead, counted", async () => {
  const { fixture, connection, dimensions, embedder, persona, reserve } = await stored();
  try {
    const reference = new IndexCache(connection).get(persona, embedder, dimensions);
    const cache = new IndexCache(connection);
    await reserve(cache);
    assert.equal(cache.handedOver, 1);
    const index = cache.get(persona, embedder, dimensions);
    assert.deepEqual(cache.loads, { read: 1, offered: 0, built: 0, reserved: 1, ahead: 0 });
    assert.equal(cache.handedOver, 0, "the reserved index is taken, not left kept");
    assert.equal(index.vectors.size, reference.vectors.size);
  } finally {
    await fixture.close();
  }
});

Deno.test("postings built elsewhere are taken with the offered rows, decoded ahead or not", async () => {
  const { fixture, connection, dimensions, embedder, persona, version, read, reserve } =
    await stored();
  try {
    const reference = new IndexCache(connection).get(persona, embedder, dimensions);
    const expected = reference.lexical.size;
    // Offered with their postings, nothing decoded ahead.
    const offered = new IndexCache(connection);
    const plain = watchedPostings(read());
    offered.offer(persona, embedder, { version, row: read(), postings: plain.postings });
    const index = offered.get(persona, embedder, dimensions);
    assert.deepEqual(offered.loads, { read: 0, offered: 1, built: 1, reserved: 0, ahead: 0 });
    assert.ok(plain.read(), "the offered postings were taken, not built again");
    assert.equal(index.lexical.size, expected);
    // Decoded ahead into the reserved index, the postings coming with the offer.
    const ahead = new IndexCache(connection);
    const row = read();
    const { terms, ...early } = row;
    ahead.early(persona, embedder, { version, row: early as LoadRow });
    await reserve(ahead);
    Object.assign(early, { terms });
    const watched = watchedPostings(row);
    ahead.offer(persona, embedder, { version, row: early as LoadRow, postings: watched.postings });
    const decoded = ahead.get(persona, embedder, dimensions);
    assert.deepEqual(ahead.loads, { read: 0, offered: 1, built: 1, reserved: 1, ahead: 1 });
    assert.ok(watched.read(), "the offered postings were taken by the decoded rows' load");
    assert.equal(decoded.lexical.size, expected);
  } finally {
    await fixture.close();
  }
});

Deno.test("rows decoded ahead at other dimensions than the load's are not taken", async () => {
  const { fixture, connection, dimensions, embedder, persona, version, read, reserve } =
    await stored();
  try {
    // The embedder id's vectors changed size since the rows were decoded at the old one's.
    const cache = new IndexCache(connection);
    const row = read();
    cache.early(persona, embedder, { version, row });
    await reserve(cache);
    cache.offer(persona, embedder, { version, row });
    const index = cache.get(persona, embedder, dimensions + 1);
    assert.equal(index.vectors.dimensions, dimensions + 1);
    assert.equal(cache.loads.ahead, 0);
  } finally {
    await fixture.close();
  }
});
