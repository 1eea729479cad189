import assert from "node:assert/strict";
import { handOnThroughLinks } from "./chain_hand_on.ts";

/** Linked items as `handOnThroughLinks` reads them: id → [relevance, superseded_by, kept]. */
function linkedItems(spec: [string, number, string | null, boolean][]) {
  return new Map(spec.map(([id, relevance, superseded_by, kept]) => [id, {
    record: { id },
    next: superseded_by,
    relevance,
    kept,
  }]));
}

Deno.test("a chain hands relevance on link by link, whatever the candidates' order", () => {
  const spec: [string, number, string | null, boolean][] = [
    ["a", 0.25, "b", true],
    ["b", 0.25, "c", true],
    ["c", 0.25, null, true],
    ["d", 0.4, "c", true],
  ];
  const results = new Set<string>();
  for (const order of [[0, 1, 2, 3], [3, 2, 1, 0], [1, 3, 0, 2], [2, 0, 3, 1]]) {
    const items = linkedItems(order.map((i) => spec[i]!));
    handOnThroughLinks(items);
    results.add(
      [...items.values()].sort((x, y) => x.record.id < y.record.id ? -1 : 1)
        .map((item) => item.relevance.toFixed(12)).join(" "),
    );
  }
  assert.equal(results.size, 1, [...results].join(" | "));
  const items = linkedItems(spec);
  handOnThroughLinks(items);
  // b takes a once (0.25 + 0.15 × 0.25 × 0.75); c takes b, then d, each once.
  assert.equal(items.get("b")!.relevance, 0.25 + 0.15 * 0.25 * 0.75);
  assert.ok(items.get("c")!.relevance > 0.4);
  assert.equal(items.get("a")!.relevance, 0.25, "the oldest keeps its own");
});

Deno.test("a cycle of links hands nothing on; an unkept link hands nothing on but passes on", () => {
  const cycle = linkedItems([["a", 0.3, "b", true], ["b", 0.5, "a", true]]);
  handOnThroughLinks(cycle);
  assert.deepEqual([...cycle.values()].map((item) => item.relevance), [0.3, 0.5]);
  const chain = linkedItems([["a", 0.6, "b", true], ["b", 0.1, "c", false], [
    "c",
    0.2,
    null,
    false,
  ]]);
  handOnThroughLinks(chain);
  assert.equal(chain.get("b")!.kept, true);
  assert.equal(chain.get("c")!.kept, true, "kept through the link a kept memory handed on");
  assert.ok(chain.get("c")!.relevance >= 0.6);
  const unkept = linkedItems([["a", 0.6, "b", false], ["b", 0.1, null, false]]);
  handOnThroughLinks(unkept);
  assert.equal(unkept.get("b")!.relevance, 0.1);
  assert.equal(unkept.get("b")!.kept, false);
});
