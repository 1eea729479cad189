import assert from "node:assert/strict";
import { hashText, SeededRandom } from "./random.ts";

Deno.test("the same seed gives the same sequence; another seed a different one", () => {
  const a = new SeededRandom(7);
  const b = new SeededRandom(7);
  const c = new SeededRandom(8);
  const seqA = Array.from({ length: 20 }, () => a.next());
  const seqB = Array.from({ length: 20 }, () => b.next());
  const seqC = Array.from({ length: 20 }, () => c.next());
  assert.deepEqual(seqA, seqB);
  assert.notDeepEqual(seqA, seqC);
  for (const value of seqA) assert.ok(value >= 0 && value < 1);
});

Deno.test("text seeds hash stably", () => {
  assert.equal(hashText("tavern"), hashText("tavern"));
  assert.notEqual(hashText("tavern"), hashText("Tavern"));
  assert.equal(new SeededRandom("x").next(), new SeededRandom(hashText("x")).next());
});

Deno.test("int stays in bounds and reaches both ends", () => {
  const random = new SeededRandom(1);
  const seen = new Set<number>();
  for (let i = 0; i < 500; i++) {
    const value = random.int(2, 4);
    assert.ok(value >= 2 && value <= 4);
    seen.add(value);
  }
  assert.deepEqual([...seen].sort(), [2, 3, 4]);
});

Deno.test("weighted never picks a zero weight and follows the weights", () => {
  const random = new SeededRandom(3);
  const counts = { a: 0, b: 0, c: 0 };
  const weights = { a: 1, b: 3, c: 0 };
  for (let i = 0; i < 4000; i++) {
    counts[random.weighted(["a", "b", "c"] as const, (item) => weights[item])]++;
  }
  assert.equal(counts.c, 0);
  assert.ok(counts.b > 2 * counts.a, `b (${counts.b}) should be about 3x a (${counts.a})`);
  assert.equal(random.weighted(["x", "y"], () => 0).length, 1, "all-zero weights: uniform");
  assert.throws(() => random.pick([]), RangeError);
});
