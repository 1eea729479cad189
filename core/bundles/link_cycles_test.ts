import assert from "node:assert/strict";
import { breakCycles, stronglyConnected } from "./link_cycles.ts";
import { type BundleMemory as Memory, bundleMemory, secondsInto } from "./testing/bundle_memory.ts";

/** Memories m0..m(n-1), each a second newer than the one before, with the given supersedes. */
function memories(links: Record<number, number[]>, count: number, times?: number[]): Memory[] {
  return Array.from({ length: count }, (_, i) =>
    bundleMemory({
      id: `m${i}`,
      content: `note ${i}`,
      createdAt: secondsInto(2026, times?.[i] ?? i),
      supersedes: (links[i] ?? []).map((to) => `m${to}`),
    }));
}

/** True when following `supersedes` within the memories never comes back. */
function acyclic(list: readonly Memory[]): boolean {
  const index = new Map(list.map((memory, i) => [memory.id!, i]));
  const edges = list.map((memory) => memory.supersedes.flatMap((id) => index.get(id) ?? []));
  const group = stronglyConnected(edges);
  return new Set(group).size === list.length;
}

Deno.test("a chain closed back on itself loses only the link into its newest memory (attack36 A3's 1,010 links)", () => {
  const count = 1_010;
  const links: Record<number, number[]> = { 0: [count - 1] };
  for (let i = 1; i < count; i++) links[i] = [i - 1];
  const { memories: kept, dropped } = breakCycles(memories(links, count));
  assert.deepEqual(dropped, [{ from: 0, to: count - 1 }]);
  assert.deepEqual(kept[0]!.supersedes, []);
  for (let i = 1; i < count; i++) assert.deepEqual(kept[i]!.supersedes, [`m${i - 1}`]);
  assert.equal(kept.length, count);
});

Deno.test("the newest memory of a cycle decides, wherever it stands; equal times: the one listed first", () => {
  // m0 → m1 → m2 → m0 (each supersedes the next), m1 the newest: m0's link into it goes.
  const cycle = { 0: [1], 1: [2], 2: [0] };
  assert.deepEqual(breakCycles(memories(cycle, 3, [1, 9, 5])).dropped, [{ from: 0, to: 1 }]);
  assert.deepEqual(breakCycles(memories(cycle, 3, [9, 1, 5])).dropped, [{ from: 2, to: 0 }]);
  // All at one time: m0 (listed first, as an export lists the newest first) stays current.
  assert.deepEqual(breakCycles(memories(cycle, 3, [4, 4, 4])).dropped, [{ from: 2, to: 0 }]);
  // m1 and m2 tie as newest: m1, listed first, wins.
  assert.deepEqual(breakCycles(memories(cycle, 3, [1, 7, 7])).dropped, [{ from: 0, to: 1 }]);
});

Deno.test("no cycle: nothing dropped, the same memories handed back; links out of the bundle ignored", () => {
  const list = memories({ 1: [0], 2: [1, 0], 3: [9] }, 4);
  list[3]!.supersedes.push("elsewhere");
  const result = breakCycles(list);
  assert.deepEqual(result.dropped, []);
  assert.equal(result.memories, list);
  // An older memory may replace a newer one when no cycle comes of it.
  assert.deepEqual(breakCycles(memories({ 0: [1] }, 2)).dropped, []);
});

Deno.test("each of several cycles loses one link; memories off the cycles keep theirs", () => {
  // m0 ↔ m1, m2 → m3 → m4 → m2, m5 replaces m0 (into a cycle, not on it).
  const list = memories({ 0: [1], 1: [0], 2: [3], 3: [4], 4: [2], 5: [0] }, 6);
  const { memories: kept, dropped } = breakCycles(list);
  assert.deepEqual(dropped, [{ from: 0, to: 1 }, { from: 3, to: 4 }]);
  assert.deepEqual(kept[5]!.supersedes, ["m0"]);
  assert.deepEqual(kept[1]!.supersedes, ["m0"]);
  assert.ok(acyclic(kept));
  assert.deepEqual(list[0]!.supersedes, ["m1"], "the given memories are left as they were");
  // A self-link is a cycle of one memory.
  assert.deepEqual(breakCycles(memories({ 0: [0], 1: [0] }, 2)).dropped, [{ from: 0, to: 0 }]);
});

Deno.test("a tangle loses every link of its group from an older memory to a newer one, and no cycle is left", () => {
  // m0 ⇄ m1 ⇄ m2 (each replaces both neighbours): 4 links among 3 memories, not one plain cycle.
  const list = memories({ 0: [1], 1: [0, 2], 2: [1] }, 3);
  const { memories: kept, dropped } = breakCycles(list);
  assert.deepEqual(dropped, [{ from: 0, to: 1 }, { from: 1, to: 2 }]);
  assert.ok(acyclic(kept));
  assert.deepEqual(kept.map((memory) => memory.supersedes), [[], ["m0"], ["m1"]]);
  // A repeated id is one link: m0 ⇄ m1 listed twice is still a plain cycle, one link dropped.
  const twice = memories({ 0: [1, 1], 1: [0] }, 2);
  assert.deepEqual(breakCycles(twice).dropped, [{ from: 0, to: 1 }]);
  assert.deepEqual(breakCycles(twice).memories[0]!.supersedes, []);
});

Deno.test("random graphs come out acyclic, losing links only within their cycles' groups", () => {
  let seed = 7;
  const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
  for (let round = 0; round < 200; round++) {
    const count = 2 + Math.floor(random() * 12);
    const links: Record<number, number[]> = {};
    for (let i = 0; i < count; i++) {
      links[i] = Array.from(
        { length: Math.floor(random() * 3) },
        () => Math.floor(random() * count),
      ).filter((to) => to !== i);
    }
    const list = memories(links, count, listTimes(count, random));
    const { memories: kept, dropped } = breakCycles(list);
    assert.ok(acyclic(kept), `round ${round}`);
    const group = stronglyConnected(list.map((m) => m.supersedes.map((id) => Number(id.slice(1)))));
    for (const { from, to } of dropped) assert.equal(group[from], group[to], `round ${round}`);
    assert.equal(kept.length, count);
  }
});

function listTimes(count: number, random: () => number): number[] {
  return Array.from({ length: count }, () => Math.floor(random() * 5));
}

Deno.test("a plain cycle with a link out of it is still plain: only the link into its newest goes", () => {
  // m0 → m2 → m1 → m3 → m0 holds two links from an older memory to a newer one (m0 → m2,
  // m1 → m3); m1 also replaces m4, off the cycle. Only links inside the group count towards a
  // tangle: one link lost, the one into m3 (the newest), and m1 keeps m4.
  const list = memories({ 0: [2], 2: [1], 1: [3, 4], 3: [0] }, 5);
  const { memories: kept, dropped } = breakCycles(list);
  assert.deepEqual(dropped, [{ from: 1, to: 3 }]);
  assert.deepEqual(kept[1]!.supersedes, ["m4"]);
  assert.ok(acyclic(kept));
});
