import assert from "node:assert/strict";
import { alternatingRounds, comparedTrees } from "./bench/_table.ts";

Deno.test("compared trees: this checkout alone, or beside the baseline given with --base", () => {
  assert.deepEqual(comparedTrees({ here: "/a" }), [{ label: "now", path: "/a" }]);
  assert.deepEqual(comparedTrees({ here: "/a", tree: "/t", base: "/b" }), [
    { label: "now", path: "/t" },
    { label: "baseline", path: "/b" },
  ]);
});

Deno.test("alternating rounds reverse the trees' order every other round", async () => {
  const trees = comparedTrees({ here: "/a", base: "/b" });
  const order: string[] = [];
  const figures = await alternatingRounds(trees, 3, (tree) => {
    order.push(tree.label);
    return Promise.resolve(order.length);
  });
  assert.deepEqual(order, ["now", "baseline", "baseline", "now", "now", "baseline"]);
  assert.deepEqual(figures.get("now"), [1, 4, 5]);
  assert.deepEqual(figures.get("baseline"), [2, 3, 6]);
});
