import assert from "node:assert/strict";
import { bySense } from "./sense_order.ts";
import { WordVectors } from "./word_vectors.ts";
import { CLOSE_SIMILARITY, FORM_SIMILARITY, KIND_SIMILARITY } from "./word_relations.ts";
import { EXPANSION_PER_TERM } from "../ranking.ts";
import { stem } from "../text.ts";

Deno.test("bySense: forms first, then closest in meaning first, ties in their order", () => {
  const related = new Map([
    ["lot", CLOSE_SIMILARITY],
    ["heap", CLOSE_SIMILARITY],
    ["alp", KIND_SIMILARITY],
    ["mountains", FORM_SIMILARITY],
    ["hill", KIND_SIMILARITY],
  ]);
  const closeness: Record<string, number> = { lot: 0.1, heap: 0.1, alp: 0.6, hill: 0.7 };
  const ordered = bySense(related, (other) => closeness[other]!);
  assert.deepEqual([...ordered.keys()], ["mountains", "hill", "alp", "lot", "heap"]);
  assert.equal(ordered.get("alp"), KIND_SIMILARITY, "each keeps its strength");
  assert.equal(ordered.get("mountains"), FORM_SIMILARITY);
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
