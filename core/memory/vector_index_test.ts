import assert from "node:assert/strict";
import { normalize } from "./embedder.ts";
import { VectorIndex } from "./vector_index.ts";
import { KeySlots } from "./key_slots.ts";
import { quantize } from "./kernel/mod.ts";

function unit(...values: number[]): Float32Array {
  return normalize(Float32Array.from(values));
}

const PLAIN = { importance: 0.5, memoryType: "conversation", visibility: "private" } as const;
const ALL = { minImportance: 0, visibilities: ["private", "shared", "public"] } as const;

Deno.test("nearest returns the k most similar rows, best first, exactly", () => {
  const index = new VectorIndex(3, 2);
  index.upsert("x", unit(1, 0, 0), PLAIN);
  index.upsert("y", unit(0, 1, 0), PLAIN);
  index.upsert("xy", unit(1, 1, 0), PLAIN);
  index.upsert("z", unit(0, 0, 1), PLAIN);
  const hits = index.nearest(unit(1, 0.2, 0), 2, ALL);
  assert.deepEqual(hits.map((hit) => hit.id), ["x", "xy"]);
  // Int8 rows: a cosine within the quantisation error of the exact one.
  assert.ok(Math.abs(hits[0]!.similarity - unit(1, 0.2, 0)[0]!) < 0.01);
  assert.equal(index.size, 4);
});

Deno.test("filters: importance, memory type and visibility", () => {
  const index = new VectorIndex(2);
  index.upsert("low", unit(1, 0), { ...PLAIN, importance: 0.1 });
  index.upsert("note", unit(1, 0.1), { ...PLAIN, memoryType: "observation" });
  index.upsert("shared", unit(1, 0.2), { ...PLAIN, visibility: "shared" });
  const query = unit(1, 0);
  const ids = (filter: Parameters<VectorIndex["nearest"]>[2]) =>
    index.nearest(query, 10, filter).map((hit) => hit.id).sort();
  assert.deepEqual(ids({ ...ALL, minImportance: 0.3 }), ["note", "shared"]);
  assert.deepEqual(ids({ ...ALL, memoryType: "observation" }), ["note"]);
  assert.deepEqual(ids({ ...ALL, memoryType: "unknown" }), []);
  assert.deepEqual(ids({ minImportance: 0, visibilities: ["shared", "public"] }), ["shared"]);
  index.setFields("low", { importance: 0.9, visibility: "public" });
  assert.deepEqual(ids({ minImportance: 0.3, visibilities: ["public"] }), ["low"]);
});

Deno.test("remove keeps the other rows findable; upsert replaces in place", () => {
  const index = new VectorIndex(2, 1);
  const angle = (i: number) => unit(Math.cos(i * Math.PI / 25), Math.sin(i * Math.PI / 25));
  for (let i = 0; i < 50; i++) index.upsert(`m${i}`, angle(i), PLAIN);
  for (let i = 0; i < 50; i += 2) index.remove(`m${i}`);
  assert.equal(index.size, 25);
  for (let i = 1; i < 50; i += 2) {
    const [best] = index.nearest(angle(i), 1, ALL);
    assert.equal(best!.id, `m${i}`);
  }
  index.upsert("m1", unit(0, -1), PLAIN);
  assert.equal(index.size, 25);
  assert.ok(Math.abs(index.similarity("m1", unit(0, -1))! - 1) < 0.01);
  assert.equal(index.similarity("m0", unit(1, 0)), undefined);
});

Deno.test("raw bytes of a Float32Array are accepted; a wrong dimension is refused", () => {
  const index = new VectorIndex(2);
  const vector = unit(3, 4);
  index.upsert("a", new Uint8Array(vector.buffer), PLAIN);
  assert.ok(Math.abs(index.similarity("a", vector)! - 1) < 0.01);
  assert.throws(() => index.upsert("b", unit(1, 2, 3), PLAIN), /3 dimensions/);
});

Deno.test("int8 rows score 100-dimensional unit vectors within 0.002 of the float cosine", () => {
  let seed = 7;
  const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647 - 0.5;
  const vectors = Array.from(
    { length: 300 },
    () => normalize(Float32Array.from({ length: 100 }, random)),
  );
  const index = new VectorIndex(100, 4);
  vectors.forEach((vector, i) => index.upsert(`v${i}`, vector, PLAIN));
  const query = normalize(Float32Array.from({ length: 100 }, random));
  const exact = (vector: Float32Array) => vector.reduce((sum, x, d) => sum + x * query[d]!, 0);
  const hits = index.nearest(query, 300, ALL);
  assert.equal(hits.length, 300, "every row, through three doublings of the capacity");
  let worst = 0;
  let total = 0;
  for (const hit of hits) {
    const error = Math.abs(hit.similarity - exact(vectors[Number(hit.id.slice(1))]!));
    worst = Math.max(worst, error);
    total += error;
    assert.ok(Math.abs(index.similarity(hit.id, query)! - hit.similarity) < 1e-4);
  }
  assert.ok(total / hits.length < 0.002, `mean error ${total / hits.length}`);
  assert.ok(worst < 0.01, `worst error ${worst}`);
  const [best] = hits;
  const truth = vectors.map((vector, i) => ({ i, cosine: exact(vector) }))
    .sort((a, b) => b.cosine - a.cosine);
  assert.ok(truth[0]!.cosine - exact(vectors[Number(best!.id.slice(1))]!) < 0.01);
});

Deno.test("reserve makes room ahead and keeps the rows there: a reserved index scores as an unreserved one", () => {
  const plain = new VectorIndex<string>(3, 2);
  const reserved = new VectorIndex<string>(3, 2);
  plain.upsert("x", unit(1, 0, 0), PLAIN);
  reserved.upsert("x", unit(1, 0, 0), PLAIN);
  // 5,000 rows of 20 bytes: room over many memory pages, each of them written once.
  reserved.reserve(5_000);
  let rounds = 1;
  while (reserved.prefault(4)) rounds++;
  // 5,001 rows of 20 bytes after two 16-byte query rows, then 5,001 scores: 30 pages, 4 a call.
  assert.equal(rounds, 8);
  for (let i = 0; i < 5_000; i++) {
    const vector = unit(1, (i % 97) / 50, ((i * 7) % 89) / 60);
    plain.upsert(`r${i}`, vector, PLAIN);
    reserved.upsert(`r${i}`, vector, PLAIN);
  }
  const query = unit(0.9, 0.3, 0.1);
  assert.deepEqual(reserved.nearest(query, 20, ALL), plain.nearest(query, 20, ALL));
  assert.equal(reserved.similarity("x", query), plain.similarity("x", query));
  assert.equal(reserved.size, 5_001);
});

Deno.test("a load given its key table (KeySlots.ordered) finds every row as one that fills its own", () => {
  const ids = [11, 5, 40, 2];
  const vectors = ids.map((id) => unit(id % 7, 1, id % 3, 2));
  const bytes = new Uint8Array(vectors.flatMap((vector) => [...quantize(vector)]));
  const fields = {
    importance: [0.5, 0.5, 0.5, 0.5],
    types: [0, 0, 0, 0],
    typeNames: ["conversation"],
    visibility: new Uint8Array([1, 1, 1, 1]),
  };
  const plain = new VectorIndex<number>(vectors[0]!.length);
  plain.load({ ids, fields, bytes });
  const given = new VectorIndex<number>(vectors[0]!.length);
  given.load({ ids, fields, bytes, slots: KeySlots.ordered(ids) });
  const filter = { minImportance: 0, visibilities: ["private"] as const };
  for (const vector of vectors) {
    assert.deepEqual(given.nearest(vector, 4, filter), plain.nearest(vector, 4, filter));
  }
  assert.deepEqual(
    ids.map((id) => given.similarity(id, vectors[0]!)),
    ids.map((id) => plain.similarity(id, vectors[0]!)),
  );
  given.remove(5);
  assert.equal(given.has(5), false);
  assert.equal(given.size, 3);
  given.upsert(99, vectors[1]!, { importance: 1, memoryType: "fact", visibility: "public" });
  assert.equal(
    given.nearest(vectors[1]!, 1, { minImportance: 0.9, visibilities: ["public"] })[0]?.id,
    99,
  );
});

Deno.test("nearest over many rows equals sorting every allowed row by its similarity", () => {
  const dimensions = 24;
  let state = 7;
  const random = () => (state = (state * 1_103_515_245 + 12_345) >>> 0) / 2 ** 31 - 1;
  const index = new VectorIndex<number>(dimensions);
  for (let id = 0; id < 2_000; id++) {
    const vector = unit(...Array.from({ length: dimensions }, random));
    index.upsert(id, vector, { ...PLAIN, importance: (id % 10) / 10 });
  }
  for (const [k, filter] of [[50, ALL], [7, ALL], [30, { ...ALL, minImportance: 0.75 }]] as const) {
    const query = unit(...Array.from({ length: dimensions }, random));
    const allowed = Array.from({ length: 2_000 }, (_, id) => id)
      .filter((id) => id % 10 >= filter.minImportance * 10);
    const similarity = (id: number) => Math.fround(index.similarity(id, query)!);
    const hits = index.nearest(query, k, filter);
    assert.equal(hits.length, k);
    // The k-th best similarity: every hit reaches it, no row left out beats it.
    const kth = allowed.map(similarity).sort((a, b) => b - a)[k - 1]!;
    const found = new Set(hits.map((hit) => hit.id));
    for (const hit of hits) {
      assert.ok(allowed.includes(hit.id), `${hit.id} passes the filter`);
      assert.ok(Math.abs(hit.similarity - similarity(hit.id)) < 1e-4, `${hit.id}'s similarity`);
      assert.ok(hit.similarity >= kth - 1e-4, `${hit.id} is among the best ${k}`);
    }
    for (const id of allowed) {
      if (!found.has(id)) assert.ok(similarity(id) <= kth + 1e-4, `${id} is not left out`);
    }
    assert.deepEqual(hits, [...hits].sort((a, b) => b.similarity - a.similarity), "best first");
  }
});

Deno.test("a stored vector that is no number (saved before checks) never takes another's place", () => {
  const index = new VectorIndex(2, 2);
  index.upsert("nan", Float32Array.of(NaN, 1), PLAIN);
  index.upsert("x", unit(1, 0), PLAIN);
  index.upsert("xy", unit(1, 1), PLAIN);
  index.upsert("y", unit(0, 1), PLAIN);
  assert.deepEqual(index.nearest(unit(1, 0.1), 2, ALL).map((hit) => hit.id), ["x", "xy"]);
  assert.deepEqual(index.nearest(unit(1, 0.1), 4, ALL).map((hit) => hit.id), ["x", "xy", "y"]);
});

Deno.test("of equal similarities the vector index keeps the later rows (newer memories)", () => {
  const index = new VectorIndex<number>(2);
  for (let key = 0; key < 10; key++) index.upsert(key, unit(1, 0), PLAIN);
  const hits = index.nearest(unit(1, 0), 3, { minImportance: 0, visibilities: ["private"] });
  assert.deepEqual(hits.map((hit) => hit.id).sort(), [7, 8, 9]);
});

Deno.test("ties keep the newer memories on the unfiltered path, after a remove moved a row", () => {
  const index = new VectorIndex<number>(2);
  index.upsert(0, unit(0, 1), PLAIN);
  for (let key = 1; key <= 5; key++) index.upsert(key, unit(1, 0), PLAIN);
  // Accept-all filter: the fast loop every unfiltered search takes.
  assert.deepEqual(index.nearest(unit(1, 0), 3, ALL).map((hit) => hit.id).sort(), [3, 4, 5]);
  index.remove(0); // the last row (5) moves into row 0
  index.upsert(6, unit(1, 0), PLAIN);
  assert.deepEqual(index.nearest(unit(1, 0), 3, ALL).map((hit) => hit.id).sort(), [4, 5, 6]);
  const filtered = { minImportance: 0, visibilities: ["private"] } as const;
  assert.deepEqual(index.nearest(unit(1, 0), 3, filtered).map((hit) => hit.id).sort(), [4, 5, 6]);
  // An update in place keeps its place in storing order.
  index.upsert(1, unit(1, 0), PLAIN);
  assert.deepEqual(index.nearest(unit(1, 0), 3, ALL).map((hit) => hit.id).sort(), [4, 5, 6]);
});

Deno.test("ties after a load keep the rows loaded last, and rows added after them", () => {
  const index = new VectorIndex<number>(2, 2);
  const row = quantize(unit(1, 0));
  const bytes = new Uint8Array(row.length * 4);
  for (let i = 0; i < 4; i++) bytes.set(row, i * row.length);
  index.load({
    ids: [0, 1, 2, 3],
    bytes,
    fields: {
      importance: [0.5, 0.5, 0.5, 0.5],
      types: [0, 0, 0, 0],
      typeNames: ["x"],
      visibility: [1, 1, 1, 1],
    },
  });
  index.remove(0);
  index.upsert(4, unit(1, 0), PLAIN);
  assert.deepEqual(index.nearest(unit(1, 0), 2, ALL).map((hit) => hit.id).sort(), [3, 4]);
});
