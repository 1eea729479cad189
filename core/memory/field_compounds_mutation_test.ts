/**
 * `withFieldMembers` passes over a type word it cannot widen (mut59): one the query's terms lack,
 * or one with no people, goes uncounted, and the next type word is widened.
 */
import assert from "node:assert/strict";
import { FIELD_MEMBER_SHARE, type FieldData, withFieldMembers } from "./field_compounds.ts";
import { KIND_SIMILARITY } from "./meaning/word_relations.ts";

/** Word data where each field's compound gives the lemmas `people` (all roles, all close). */
function dataOf(people: Record<string, readonly string[]>): FieldData {
  const unit = new Float32Array([1, 0]);
  return {
    compoundsOf: (term) => people[term] === undefined ? [] : ["worker"],
    phrase: ([first]) => people[first!],
    unit: () => unit,
    unitOfStem: () => unit,
    related: () => new Map<string, number>([["unrelated", KIND_SIMILARITY]]),
    roles: new Set(Object.values(people).flat()),
  };
}

Deno.test("withFieldMembers passes over a type word the query's terms lack, and widens the next", () => {
  const data = dataOf({ health: ["caregiv"], medic: ["houseman"] });
  const expanded = { terms: ["medic", "stuff"], priors: [0.5, 1] };
  const widened = withFieldMembers("health and medical stuff", expanded, data);
  assert.deepEqual(widened.terms, ["medic", "stuff", "houseman"]);
  assert.deepEqual(widened.priors, [0.5, 1, 0.5 * FIELD_MEMBER_SHARE]);
});

Deno.test("withFieldMembers passes over a type word with no people uncounted, and widens one with one", () => {
  const data = dataOf({ medic: ["houseman"] });
  const expanded = { terms: ["health", "medic"], priors: [1, 1] };
  const widened = withFieldMembers("health and medical stuff", expanded, data);
  assert.deepEqual(widened.terms, ["health", "medic", "houseman"]);
  assert.deepEqual(widened.priors, [1, 1, FIELD_MEMBER_SHARE]);
});
