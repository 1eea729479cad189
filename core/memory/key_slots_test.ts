import assert from "node:assert/strict";
import { KeySlots } from "./key_slots.ts";
import { SeededRandom } from "../simulation/random.ts";

Deno.test("key slots answer as a Map does through sets, updates, deletions and reserves", () => {
  const random = new SeededRandom(7);
  const next = () => random.next();
  const slots = new KeySlots<number | string>();
  const map = new Map<number | string, number>();
  // Integer keys (the table: row numbers, and any int32 so that keys collide), numbers past
  // int32, negative ones, fractions and strings (the Map).
  const pool = Array.from(
    { length: 5_000 },
    (_, i) => i < 2_500 ? i : Math.floor(next() * 2 ** 31),
  );
  const keyOf = () => {
    const pick = next();
    if (pick < 0.8) return pool[Math.floor(next() * pool.length)]!;
    if (pick < 0.85) return 2 ** 31 + Math.floor(next() * 10);
    if (pick < 0.9) return -1 - Math.floor(next() * 10);
    if (pick < 0.95) return Math.floor(next() * 10) + 0.5;
    return `id-${Math.floor(next() * 50)}`;
  };
  for (let step = 0; step < 40_000; step++) {
    const key = keyOf();
    const action = next();
    if (action < 0.55) {
      const value = Math.floor(next() * 1_000_000);
      slots.set(key, value);
      map.set(key, value);
    } else if (action < 0.9) {
      assert.equal(slots.delete(key), map.delete(key), `delete ${key}`);
    } else if (action < 0.91) {
      slots.reserve(Math.floor(next() * 3_000));
    }
    assert.equal(slots.get(key), map.get(key), `get ${key} at step ${step}`);
    assert.equal(slots.has(key), map.has(key));
    assert.equal(slots.size, map.size);
  }
  for (const [key, value] of map) assert.equal(slots.get(key), value);
  assert.deepEqual(
    [...slots.values()].sort((a, b) => a - b),
    [...map.values()].sort((a, b) => a - b),
  );
});

Deno.test("key slots keep working when deletions fill the table with marks", () => {
  const slots = new KeySlots<number>();
  for (let round = 0; round < 50; round++) {
    for (let i = 0; i < 100; i++) slots.set(round * 100 + i, i);
    for (let i = 0; i < 100; i++) assert.ok(slots.delete(round * 100 + i));
  }
  assert.equal(slots.size, 0);
  assert.equal(slots.get(4_950), undefined);
  slots.set(0, 3);
  assert.equal(slots.get(0), 3);
  assert.deepEqual([...slots.values()], [3]);
  assert.equal(new KeySlots<number>().get(1), undefined, "an empty table finds nothing");
  // Many live keys and a churn of new ones: marks and keys together never fill the table.
  const churn = new KeySlots<number>();
  for (let i = 0; i < 1_000; i++) churn.set(i * 7_919, i);
  for (let i = 1_000; i < 20_000; i++) {
    churn.set(i * 7_919, i);
    assert.ok(churn.delete((i - 1_000) * 7_919));
  }
  assert.equal(churn.size, 1_000);
  assert.equal(churn.get(19_999 * 7_919), 19_999);
  assert.equal(churn.get(18_999 * 7_919), undefined);
});

Deno.test("key slots: a table of keys in order, and a copy that changes apart from it", () => {
  const ordered = KeySlots.ordered<number>([40, 7, 1_000_003, 12]);
  assert.equal(ordered.size, 4);
  assert.deepEqual([40, 7, 1_000_003, 12, 5].map((key) => ordered.get(key)), [
    0,
    1,
    2,
    3,
    undefined,
  ]);
  const mixed = KeySlots.ordered<string | number>(["a", 3]);
  const copy = mixed.copy();
  copy.set(3, 9);
  copy.set("b", 2);
  copy.delete("a");
  assert.deepEqual([mixed.get("a"), mixed.get(3), mixed.get("b"), mixed.size], [
    0,
    1,
    undefined,
    2,
  ]);
  assert.deepEqual([copy.get("a"), copy.get(3), copy.get("b"), copy.size], [undefined, 9, 2, 2]);
  for (let i = 0; i < 100; i++) copy.set(100 + i, i);
  assert.equal(mixed.size, 2, "the copy grows on its own");
  assert.equal(copy.get(150), 50);
});
