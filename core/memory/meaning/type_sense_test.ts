import assert from "node:assert/strict";
import { OTHER_SENSE_SIMILARITY, TYPE_SIMILARITY, typeSense } from "./answer_types.ts";
import { DEFINED_SIMILARITY, DERIVED_SIMILARITY } from "./word_relations.ts";
import { rankedAfter } from "../testing/ranked_after.ts";

Deno.test("the documented constant: another sense's relative counts below a member", () => {
  assert.equal(OTHER_SENSE_SIMILARITY, DEFINED_SIMILARITY);
  assert.ok(OTHER_SENSE_SIMILARITY < TYPE_SIMILARITY);
});

Deno.test("typeSense: relatives outside the type capped, members and derived words kept", () => {
  const related = new Map([
    ["anim", 0.45],
    ["favorit", 0.55],
    ["petter", DERIVED_SIMILARITY],
    [
      "creatur",
      0.45,
    ],
    ["beast", 0.45],
    ["kiss", 0.35],
  ]);
  const members = new Set(["anim", "creatur", "beast", "tortois"]);
  const units = new Map([
    ["anim", new Float32Array([1, 0])],
    ["creatur", new Float32Array([1, 0])],
    ["beast", new Float32Array([0, 1])],
    ["favorit", new Float32Array([0, 1])],
  ]);
  const sense = typeSense(related, members, (stem) => units.get(stem));
  assert.deepEqual([...sense.related], [
    ["anim", 0.45],
    ["favorit", OTHER_SENSE_SIMILARITY],
    ["petter", DERIVED_SIMILARITY],
    ["creatur", 0.45],
    ["beast", 0.45],
    ["kiss", 0.35],
  ]);
  // The class is the members' mean only ("favorit" has a vector, but is no member).
  const [x, y] = sense.centroid!;
  assert.ok(Math.abs(x! - 2 / Math.sqrt(5)) < 1e-6 && Math.abs(y! - 1 / Math.sqrt(5)) < 1e-6);
  // Remembered: the same relatives and type give the same object.
  assert.equal(typeSense(related, members, () => undefined), sense);
  // Too few members with vectors make no class.
  assert.equal(
    typeSense(new Map([["anim", 0.45]]), members, (s) => units.get(s)).centroid,
    undefined,
  );
});

Deno.test("search: 'what pets' finds the tortoise, not a favourite loved in another sense", async () => {
  const ranked = await rankedAfter([
    "I keep an old tortoise called Mortimer in the garden.",
    "My favourite food is pea soup, I love it with crusty bread.",
  ], "What pets do I have?");
  assert.equal(ranked[0], 0);
});
