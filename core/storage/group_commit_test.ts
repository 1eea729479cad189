import assert from "node:assert/strict";
import { GroupCommit } from "./group_commit.ts";

Deno.test("items asked for in one turn are written by one call, in order; later ones in the next", async () => {
  const calls: number[][] = [];
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const group = new GroupCommit<number>(async (items) => {
    calls.push([...items]);
    if (calls.length === 1) await gate;
  });
  const first = [1, 2, 3].map((n) => group.add(n));
  await new Promise((resolve) => setTimeout(resolve, 5));
  const second = [4, 5].map((n) => group.add(n));
  release();
  await Promise.all([...first, ...second]);
  assert.deepEqual(calls, [[1, 2, 3], [4, 5]]);
});

Deno.test("a failing item fails only its own caller: the group is written again one by one", async () => {
  const written: number[] = [];
  const group = new GroupCommit<number>((items) => {
    if (items.includes(2)) return Promise.reject(new Error(`cannot write 2`));
    written.push(...items);
    return Promise.resolve();
  });
  const results = await Promise.allSettled([1, 2, 3].map((n) => group.add(n)));
  assert.deepEqual(results.map((result) => result.status), ["fulfilled", "rejected", "fulfilled"]);
  assert.match(String((results[1] as PromiseRejectedResult).reason), /cannot write 2/);
  assert.deepEqual(written, [1, 3]);
});
