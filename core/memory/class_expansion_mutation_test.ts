import assert from "node:assert/strict";
import { type ClassMemberData, classMembers, withClassMembers } from "./class_expansion.ts";
import { classMemberData } from "./class_member_data.ts";
import { WordVectors } from "./meaning/word_vectors.ts";
import { stem } from "./text.ts";

/** A unit vector at `cosine` from the class axis (the first dimension). */
function at(cosine: number): Float32Array {
  return new Float32Array([cosine, Math.sqrt(1 - cosine * cosine)]);
}

/** Word data of one type, "health", holding "medic" and `members` at their cosines to it. */
function dataOf(
  members: Record<string, number>,
  related: Record<string, readonly string[]>,
): ClassMemberData {
  const stems = new Set(["medic", ...Object.keys(members)]);
  const units = new Map(Object.entries(members).map(([term, cosine]) => [term, at(cosine)]));
  units.set("medic", at(1));
  return {
    types: { aligned: new Map([["health", stems]]), all: new Map([["health", stems]]) },
    cueType: () => undefined,
    unit: (word) => units.get(stem(word)),
    unitOfStem: (term) => units.get(term),
    related: (term) => {
      const list = related[term];
      return list === undefined ? undefined : new Map(list.map((one) => [one, 0.45]));
    },
    isPlural: (word) => word.endsWith("s") && !word.endsWith("ss"),
  };
}

const termsOf = (word: string, data: ClassMemberData) =>
  classMembers(word, data).map(({ term }) => term);

Deno.test("classMembers reads the class word's stem's vector when the word has none", () => {
  const data = dataOf({ warfarin: 0.58 }, { warfarin: ["medic"] });
  data.unit = () => undefined;
  assert.deepEqual(termsOf("medication", data), ["warfarin"]);
});

Deno.test("classMembers never gives the class word's own stem, even where WordNet ties it to itself", () => {
  // "medic" reaches itself through "warfarin", its cosine with itself is 1.
  const data = dataOf({ warfarin: 0.58 }, { warfarin: ["medic"], medic: ["warfarin"] });
  assert.deepEqual(termsOf("medication", data), ["warfarin"]);
});

Deno.test("classMembers orders members of one cosine by their terms", () => {
  const data = dataOf({ zeta: 0.6, alpha: 0.6 }, { zeta: ["medic"], alpha: ["medic"] });
  assert.deepEqual(termsOf("medication", data), ["alpha", "zeta"]);
});

Deno.test("withClassMembers: a class word the query's terms lack adds nothing; a member is added once", () => {
  const data = dataOf({ warfarin: 0.58, pill: 0.7 }, {
    warfarin: ["medic", "pill"],
    pill: ["medic"],
  });
  // The class word's stem is no term of the query: there is no prior to share.
  const without = { terms: ["everyon"], priors: [1] };
  assert.equal(withClassMembers("everyone's medication", without, data), without);
  // "warfarin" is a member of both classes asked: added for the first only.
  const expanded = { terms: ["pill", "medic"], priors: [1, 1] };
  const text = "what pills do we take, which medications do we need";
  assert.deepEqual(withClassMembers(text, expanded, data).terms, ["pill", "medic", "warfarin"]);
});

Deno.test("the shipped data: a cue word of a type reaches its members though it is none itself", async () => {
  const data = await classMemberData(await WordVectors.shared());
  // "instruments" is the instrument type's cue, not a member of it.
  const terms = termsOf("instruments", data);
  for (const member of ["violin", "piano"]) assert.ok(terms.includes(member), terms.join(" "));
});
