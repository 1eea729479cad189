import assert from "node:assert/strict";
import { normalize } from "./embedder.ts";
import { VectorIndex } from "./vector_index.ts";

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
  assert.ok(Math.abs(hits[0]!.similarity - unit(1, 0.2, 0)[0]!) < 1e-6);
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
  for (let i = 0; i < 50; i++) index.upsert(`m${i}`, unit(Math.cos(i), Math.sin(i)), PLAIN);
  for (let i = 0; i < 50; i += 2) index.remove(`m${i}`);
  assert.equal(index.size, 25);
  for (let i = 1; i < 50; i += 2) {
    const [best] = index.nearest(unit(Math.cos(i), Math.sin(i)), 1, ALL);
    assert.equal(best!.id, `m${i}`);
  }
  index.upsert("m1", unit(0, -1), PLAIN);
  assert.equal(index.size, 25);
  assert.ok(Math.abs(index.similarity("m1", unit(0, -1))! - 1) < 1e-6);
  assert.equal(index.similarity("m0", unit(1, 0)), undefined);
});

Deno.test("raw bytes of a Float32Array are accepted; a wrong dimension is refused", () => {
  const index = new VectorIndex(2);
  const vector = unit(3, 4);
  index.upsert("a", new Uint8Array(vector.buffer), PLAIN);
  assert.ok(Math.abs(index.similarity("a", vector)! - 1) < 1e-6);
  assert.throws(() => index.upsert("b", unit(1, 2, 3), PLAIN), /3 dimensions/);
});
