import assert from "node:assert/strict";
import { inSenseOrder, senseOrder } from "./sense_order.ts";
import { WordVectors } from "./word_vectors.ts";
import { FORM_SIMILARITY } from "./word_relations.ts";
import { EXPANSION_PER_TERM } from "../expansion_shares.ts";
import { stem } from "../text.ts";

Deno.test("senseOrder: the lists' first stems closest first, run-length coded", () => {
  const closeness: Record<string, number> = {
    lot: 0.1,
    heap: 0.05,
    hill: 0.7,
    alp: 0.6,
    ledge: 0.2,
    climb: 0.5,
  };
  const lists = [["lot", "heap"], ["hill", "alp", "ledge"], ["climb"]];
  const order = senseOrder(lists, (stem) => closeness[stem]!, 10);
  assert.equal(order, "k2dkc2");
  assert.deepEqual(inSenseOrder(lists, order), [
    ["hill", 1],
    ["alp", 1],
    ["climb", 2],
    ["ledge", 1],
    ["lot", 0],
    ["heap", 0],
  ]);
  assert.equal(senseOrder(lists, (stem) => closeness[stem]!, 3), "k2d", "only the first");
  assert.deepEqual(
    inSenseOrder(lists, "k2d").map(([stem]) => stem),
    ["hill", "alp", "climb", "lot", "heap", "ledge"],
    "the rest list after list",
  );
  assert.equal(senseOrder(lists, () => 0, 10), "", "a tie goes to the earlier list: in turn");
  assert.deepEqual(inSenseOrder(lists, "").map(([, list]) => list), [0, 0, 1, 1, 1, 2]);
});

Deno.test("a word's relatives come in the sense in use: expansion's share holds it", async () => {
  const words = await WordVectors.shared();
  const expanded = (word: string) =>
    [...words.related(stem(word)) ?? []].filter(([, s]) => s < FORM_SIMILARITY)
      .slice(0, EXPANSION_PER_TERM).map(([other]) => other);
  // In frequency order "mountain" brought "big", "lot", "deal" ("a mountain of work") and
  // "home" "nation", "intern", "plain" ("home team") first, and neither kept these.
  assert.ok(expanded("mountains").includes(stem("alps")), `${expanded("mountains")}`);
  assert.ok(expanded("home").includes(stem("house")), `${expanded("home")}`);
  assert.ok(!expanded("mountains").includes(stem("lot")), "a rare sense's synonym waits");
  const forms = [...words.related(stem("went")) ?? []];
  assert.equal(forms[0]![1], FORM_SIMILARITY, "the word's other forms come first");
});
