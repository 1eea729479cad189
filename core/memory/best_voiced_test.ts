import assert from "node:assert/strict";
import { bestVoiced } from "./best_voiced.ts";

interface Item {
  id: number;
  kept: boolean;
  relevance: number;
  linked: boolean;
  voice: number;
}

/** What `findUnlinkedUpdates` did per test before `bestVoiced`: filter, sort, cut. */
function reference(items: readonly Item[], compared: number, voiced: (item: Item) => boolean) {
  return items.filter((item) => item.kept && voiced(item) && !item.linked)
    .sort((a, b) => b.relevance - a.relevance)
    .slice(0, compared);
}

Deno.test("bestVoiced: each test's best, as filtering, sorting and cutting per test gives them (ties kept in order)", () => {
  let seed = 11;
  const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
  const tests = [(item: Item) => item.voice === 0, (item: Item) => item.voice < 2, () => true];
  for (const n of [0, 1, 5, 30, 120, 240]) {
    for (const compared of [1, 3, 10, 40]) {
      // Few distinct relevances: many ties, whose order is the items' own.
      const items = Array.from({ length: n }, (_, id) => ({
        id,
        kept: random() < 0.8,
        relevance: Math.floor(random() * 6) / 5,
        linked: random() < 0.1,
        voice: Math.floor(random() * 3),
      }));
      const best = bestVoiced(items, { compared, linked: (item) => item.linked });
      for (const [t, voiced] of tests.entries()) {
        assert.deepEqual(
          best(voiced).map((item) => item.id),
          reference(items, compared, voiced).map((item) => item.id),
          `${n} items, ${compared} compared, test ${t}`,
        );
      }
    }
  }
});

Deno.test("bestVoiced: relevances that are not finite order as each test's own sort orders them", () => {
  // NaN compares equal to everything: its place depends on what else is sorted (the first test
  // here orders these items otherwise than the sort of all of them would).
  const relevances = [NaN, 0, NaN, 0, 2, 4, NaN, 0.5, Infinity, 0.2, Infinity];
  const items = relevances.map((relevance, id) => ({
    id,
    kept: true,
    relevance,
    linked: false,
    voice: [0, 0, 0, 1, 1, 0, 1, 2, 0, 2, 0][id]!,
  }));
  const best = bestVoiced(items, { compared: 10, linked: () => false });
  for (
    const voiced of [
      (item: Item) => item.id < 7 && item.voice === 0,
      (item: Item) => item.voice !== 1,
    ]
  ) {
    assert.deepEqual(
      best(voiced).map((item) => item.id),
      reference(items, 10, voiced).map((item) => item.id),
    );
  }
});
