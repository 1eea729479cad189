import assert from "node:assert/strict";
import {
  asksField,
  FIELD_COMPOUNDS,
  FIELD_KIND_SIMILARITY,
  FIELD_KINDS,
  FIELD_LEMMA_SIMILARITY,
  FIELD_MEMBER_SHARE,
  FIELD_MEMBER_TERMS,
  FIELD_MEMO_LIMIT,
  FIELD_WORDS,
  type FieldData,
  fieldMembers,
  withFieldMembers,
} from "./field_compounds.ts";
import { fieldData, withAskedClassMembers } from "./class_member_data.ts";
import { EXPANSION_KIND } from "./expansion_shares.ts";
import { KIND_SIMILARITY } from "./meaning/word_relations.ts";
import { WordVectors } from "./meaning/word_vectors.ts";
import { typeMembers } from "./meaning/answer_types.ts";
import { stem } from "./text.ts";
import { input, memoryFixture } from "./testing/contract_fixture.ts";
import { SqliteBackend } from "./sqlite_backend.ts";
import type { SqliteDatabase } from "../storage/mod.ts";

/** A unit vector at `cosine` from the field word's axis (the first dimension). */
function at(cosine: number): Float32Array {
  return new Float32Array([cosine, Math.sqrt(1 - cosine * cosine)]);
}

/** What a test's word data says; every word not given a cosine sits at 0.9 of the field. */
interface Given {
  /** Per field stem, its compounds' second terms and each compound's one-word lemmas. */
  compounds: Record<string, Record<string, readonly string[]>>;
  /** Per stem, its relatives and the cosine each counts as (default: a kind's). */
  related?: Record<string, readonly (string | [string, number])[]>;
  /** Cosines with the field word's vector, by stem. */
  cosines?: Record<string, number>;
  roles: readonly string[];
}

function dataOf(given: Given): FieldData {
  const unitOfStem = (term: string) => at(given.cosines?.[term] ?? 0.9);
  return {
    compoundsOf: (term) => Object.keys(given.compounds[term] ?? {}),
    phrase: ([first, second]) => given.compounds[first!]?.[second!],
    // The field words ("health", "medical") sit on the axis itself.
    unit: (word) => ["health", "medical"].includes(word) ? at(1) : unitOfStem(stem(word)),
    unitOfStem,
    related: (term) => {
      const list = given.related?.[term];
      if (list === undefined) return undefined;
      return new Map(list.map((one) => typeof one === "string" ? [one, KIND_SIMILARITY] : one));
    },
    roles: new Set(given.roles),
  };
}

/** "health profession" → caregiver, whose kinds are a nurse, a doctor and a thing. */
const HEALTH: Given = {
  compounds: { health: { profession: ["caregiver"], care: ["healthcare"] } },
  related: { caregiv: ["nurs", "doctor", "prescript"], healthcar: ["therapi"] },
  roles: ["caregiv", "nurs", "doctor"],
};

Deno.test("fieldMembers gives the people among a field's compound lemmas and their kinds, never things", () => {
  assert.deepEqual(fieldMembers("health", dataOf(HEALTH)), ["caregiv", "nurs", "doctor"]);
});

Deno.test("fieldMembers keeps a lemma at FIELD_LEMMA_SIMILARITY of the field word, not below", () => {
  assert.equal(FIELD_LEMMA_SIMILARITY, 0.35);
  // 0.35 has no exact float32 form; the bound's `>=` is pinned at 0.25, exact, below.
  const kept = dataOf({ ...HEALTH, cosines: { caregiv: 0.351 } });
  assert.deepEqual(fieldMembers("health", kept), ["caregiv", "nurs", "doctor"]);
  const dropped = dataOf({ ...HEALTH, cosines: { caregiv: 0.349 } });
  assert.deepEqual(fieldMembers("health", dropped), []);
});

Deno.test("fieldMembers keeps a kind at FIELD_KIND_SIMILARITY of the field word, not below", () => {
  assert.equal(FIELD_KIND_SIMILARITY, 0.25);
  const data = dataOf({ ...HEALTH, cosines: { nurs: 0.25, doctor: 0.24 } });
  assert.deepEqual(fieldMembers("health", data), ["caregiv", "nurs"]);
});

Deno.test("fieldMembers reads kinds only, not a lemma's definitions or synonyms", () => {
  const data = dataOf({
    ...HEALTH,
    related: { caregiv: [["nurs", 0.4], ["doctor", 0.55], "midwif"] },
    roles: ["nurs", "doctor", "midwif"],
  });
  assert.deepEqual(fieldMembers("health", data), ["midwif"]);
});

Deno.test("fieldMembers reads FIELD_KINDS kinds per lemma and FIELD_COMPOUNDS compounds", () => {
  assert.equal(FIELD_KINDS, 12);
  assert.equal(FIELD_COMPOUNDS, 8);
  const kinds = Array.from({ length: FIELD_KINDS + 1 }, (_, i) => `kind${i}`);
  const many = dataOf({
    compounds: { health: { profession: ["caregiver"] } },
    related: {
      caregiv: kinds,
    },
    roles: kinds,
  });
  assert.deepEqual(fieldMembers("health", many), kinds.slice(0, FIELD_KINDS));
  const seconds = Array.from({ length: FIELD_COMPOUNDS + 1 }, (_, i) => `second${i}`);
  const compounds = Object.fromEntries(seconds.map((second, i) => [second, [`role${i}`]]));
  const roles = seconds.map((_, i) => `role${i}`);
  const wide = dataOf({ compounds: { health: compounds }, roles });
  assert.deepEqual(fieldMembers("health", wide), roles.slice(0, FIELD_COMPOUNDS));
});

Deno.test("fieldMembers gives at most FIELD_MEMBER_TERMS people, never the field's own stem", () => {
  assert.equal(FIELD_MEMBER_TERMS, 32);
  const seconds = Array.from({ length: 4 }, (_, i) => `second${i}`);
  const kinds = (i: number) => Array.from({ length: FIELD_KINDS }, (_, k) => `kind${i}x${k}`);
  const data = dataOf({
    compounds: { health: Object.fromEntries(seconds.map((second, i) => [second, [`l${i}`]])) },
    related: Object.fromEntries(seconds.map((_, i) => [`l${i}`, [...kinds(i), "health"]])),
    roles: [...seconds.flatMap((_, i) => [`l${i}`, ...kinds(i)]), "health"],
  });
  const members = fieldMembers("health", data);
  assert.equal(members.length, FIELD_MEMBER_TERMS);
  assert.ok(!members.includes("health"));
});

Deno.test("fieldMembers remembers FIELD_MEMO_LIMIT field words per data, then forgets the oldest", () => {
  assert.equal(FIELD_MEMO_LIMIT, 256);
  const data = dataOf(HEALTH);
  let worked = 0;
  const compoundsOf = data.compoundsOf;
  data.compoundsOf = (term) => {
    if (term === "health") worked++;
    return compoundsOf(term);
  };
  fieldMembers("health", data);
  for (let i = 1; i < FIELD_MEMO_LIMIT; i++) fieldMembers(`field${i}`, data);
  fieldMembers("health", data);
  assert.equal(worked, 1);
  fieldMembers("onemore", data);
  fieldMembers("health", data);
  assert.equal(worked, 2);
});

Deno.test("withFieldMembers adds a type word's people at a kind's share of its prior", () => {
  assert.equal(FIELD_MEMBER_SHARE, EXPANSION_KIND);
  const expanded = { terms: ["health", "stuff", "nurs"], priors: [1, 0.5, 0.7] };
  const widened = withFieldMembers("health stuff", expanded, dataOf(HEALTH));
  assert.deepEqual(widened.terms, ["health", "stuff", "nurs", "caregiv", "doctor"]);
  assert.deepEqual(widened.priors, [1, 0.5, 0.7, EXPANSION_KIND, EXPANSION_KIND]);
});

Deno.test("withFieldMembers widens only words that ask a type, at most FIELD_WORDS of them", () => {
  assert.equal(FIELD_WORDS, 1);
  const data = dataOf({
    compounds: { ...HEALTH.compounds, medic: { intern: ["houseman"] } },
    related: HEALTH.related,
    roles: [...HEALTH.roles, "houseman"],
  });
  const own = { terms: ["dentist", "appoint"], priors: [1, 0.8] };
  assert.equal(withFieldMembers("when is my dentist appointment", own, data), own);
  assert.equal(asksField("when is my dentist appointment"), false);
  assert.equal(asksField("what's going on with my health"), true);
  const both = { terms: ["health", "medic"], priors: [1, 1] };
  const widened = withFieldMembers("health and medical stuff", both, data);
  assert.ok(widened.terms.includes("doctor"));
  assert.ok(!widened.terms.includes("houseman"), widened.terms.join(" "));
});

Deno.test("the shipped data reaches the people of health, not its things", async () => {
  const words = await WordVectors.shared();
  const roles = (await typeMembers()).all.get("occupation")!;
  const data: FieldData = {
    compoundsOf: (term) => words.compoundsOf(term),
    phrase: (terms) => words.phrase(terms),
    unit: (word) => words.unit(word),
    unitOfStem: (term) => words.unitOfStem(term),
    related: (term) => words.related(term),
    roles,
  };
  const members = fieldMembers("health", data);
  for (const role of ["doctor", "nurs", "dentist", "physician"]) {
    assert.ok(members.includes(role), `${role}: ${members.join(" ")}`);
  }
  for (const thing of ["prescript", "therapi", "treatment", "spa"]) {
    assert.ok(!members.includes(thing), thing);
  }
  assert.deepEqual(words.compoundsOf("health").slice(0, 4), [
    "care",
    "check",
    "club",
    "profession",
  ]);
  assert.deepEqual(fieldMembers("car", data), ["maker"]);
});

Deno.test("a question about a field finds the person who works in it, sharing no word (real SQLite)", async () => {
  const fixture = await memoryFixture((db) => new SqliteBackend(db as SqliteDatabase));
  try {
    // More lines holding a word of the question than a search's pool holds (50 for 5 results):
    // the person's line is found by its own word or not at all.
    for (let i = 0; i < 120; i++) {
      const content = `going on the number ${i} bus into town with the shopping bags`;
      await fixture.memory.store(fixture.aria, input({ content }));
    }
    const { id } = await fixture.memory.store(
      fixture.aria,
      input({ content: "saw the nurse at the surgery on Tuesday about my blood tests" }),
    );
    const hits = await fixture.memory.search(fixture.aria, {
      query: "what's going on with my health",
      n_results: 5,
      min_importance: 0,
    });
    assert.ok(hits.some((hit) => hit.id === id), JSON.stringify(hits.map((hit) => hit.content)));
  } finally {
    await fixture.close();
  }
});

Deno.test("withAskedClassMembers widens a field's question through the shipped vectors", async () => {
  const words = await WordVectors.shared();
  const expanded = { terms: ["go", "health"], priors: [0.3, 1] };
  const widened = await withAskedClassMembers("what's going on with my health", {
    expanded,
    words,
  });
  assert.ok(widened.terms.includes("doctor"), widened.terms.join(" "));
  const own = { terms: ["dentist", "appoint"], priors: [1, 0.8] };
  assert.equal(
    await withAskedClassMembers("when is my dentist appointment", { expanded: own, words }),
    own,
  );
});

Deno.test("fieldData is made once per word vectors, so a field word's people are remembered", async () => {
  const words = await WordVectors.shared();
  assert.equal(await fieldData(words), await fieldData(words));
  const data = await fieldData(words);
  assert.equal(fieldMembers("health", data), fieldMembers("health", data));
});
