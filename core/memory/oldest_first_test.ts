import assert from "node:assert/strict";
import { makeRoom } from "./oldest_first.ts";

Deno.test("makeRoom forgets the oldest sixteenth of the limit once the map is full", () => {
  const map = new Map(Array.from({ length: 31 }, (_, i) => [i, `v${i}`]));
  makeRoom(map, 32);
  assert.equal(map.size, 31, "below the limit nothing goes");
  map.set(31, "v31");
  makeRoom(map, 32);
  assert.deepEqual([...map.keys()].slice(0, 2), [2, 3], "0 and 1 went, oldest first");
  assert.equal(map.size, 30);

  const small = new Map([["a", 1], ["b", 2]]);
  const forgotten: string[] = [];
  makeRoom(small, 2, (keys) => forgotten.push(...keys));
  assert.deepEqual(forgotten, ["a"], "at least one, through the caller's forget");
  assert.equal(small.size, 2, "the caller's forget decides");
});
