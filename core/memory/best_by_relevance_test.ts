import assert from "node:assert/strict";
import { bestByRelevance } from "./best_by_relevance.ts";

interface Item {
  id: number;
  relevance: number;
  voice: number;
}

/** What the fact-and-update code did per test before `bestByRelevance`: filter, sort, cut. */
function reference(items: readonly Item[], cap: number, passes: (item: Item) => boolean) {
  return items.filter(passes).sort((a, b) => b.relevance - a.relevance).slice(0, cap);
}

Deno.test("bestByRelevance: each test's best, as filtering, sorting and cutting per test gives them (ties kept in order)", () => {
  let seed = 11;
  const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
  const tests = [(item: Item) => item.voice === 0, (item: Item) => item.voice < 2, () => true];
  for (const n of [0, 1, 5, 30, 120, 240]) {
    for (const cap of [1, 3, 10, 40]) {
      // Few distinct relevances: many ties, whose order is the items' own.
      const items = Array.from({ length: n }, (_, id) => ({
        id,
        relevance: Math.floor(random() * 6) / 5,
        voice: Math.floor(random() * 3),
      }));
      const order = items.map((item) => item.id);
      const best = bestByRelevance(items, cap);
      for (const [t, passes] of tests.entries()) {
        assert.deepEqual(
          best(passes).map((item) => item.id),
          reference(items, cap, passes).map((item) => item.id),
          `${n} items, cap ${cap}, test ${t}`,
        );
      }
      assert.deepEqual(items.map((item) => item.id), order, "the items keep their order");
    }
  }
});

Deno.test("bestByRelevance: relevances that are not finite order as each test's own sort orders them", () => {
  // NaN compares equal to everything: its place depends on what else is sorted (the first test
  // here orders these items otherwise than the sort of all of them would).
  const relevances = [NaN, 0, NaN, 0, 2, 4, NaN, 0.5, Infinity, 0.2, Infinity];
  const voices = [0, 0, 0, 1, 1, 0, 1, 2, 0, 2, 0];
  const items = relevances.map((relevance, id) => ({ id, relevance, voice: voices[id]! }));
  const best = bestByRelevance(items, 10);
  for (
    const passes of [
      (item: Item) => item.id < 7 && item.voice === 0,
      (item: Item) => item.voice !== 1,
    ]
  ) {
    assert.deepEqual(
      best(passes).map((item) => item.id),
      reference(items, 10, passes).map((item) => item.id),
    );
  }
});
