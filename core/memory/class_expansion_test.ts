import assert from "node:assert/strict";
import {
  CLASS_MEMBER_HOPS,
  CLASS_MEMBER_SHARE,
  CLASS_MEMBER_SIMILARITY,
  CLASS_MEMBER_TERMS,
  CLASS_WORDS,
  type ClassMemberData,
  classMembers,
  MEMO_LIMIT,
  withClassMembers,
} from "./class_expansion.ts";
import {
  classMemberData,
  classMemberDataMade,
  withAskedClassMembers,
} from "./class_member_data.ts";
import { EXPANSION_KIND } from "./expansion_shares.ts";
import { stem } from "./text.ts";
import { WordVectors } from "./meaning/word_vectors.ts";
import { input, memoryFixture } from "./testing/contract_fixture.ts";
import { SqliteBackend } from "./sqlite_backend.ts";
import type { SqliteDatabase } from "../storage/mod.ts";

/** A unit vector at `cosine` from the class axis (the first dimension). */
function at(cosine: number): Float32Array {
  return new Float32Array([cosine, Math.sqrt(1 - cosine * cosine)]);
}

/**
 * Word data of one type, "health", holding the class word "medication" (stem "medic") and
 * members at the given cosines, each related in WordNet as `related` says.
 */
function dataOf(
  members: Record<string, number>,
  related: Record<string, readonly string[]> = {},
  options: { cue?: string; inType?: boolean } = {},
): ClassMemberData {
  const stems = new Set(Object.keys(members));
  if (options.inType ?? true) stems.add("medic");
  const units = new Map(Object.entries(members).map(([term, cosine]) => [term, at(cosine)]));
  units.set("medic", at(1));
  return {
    types: { aligned: new Map([["health", stems]]), all: new Map([["health", stems]]) },
    cueType: (word) => word === options.cue ? "health" : undefined,
    unit: (word) => units.get(stem(word)),
    unitOfStem: (term) => units.get(term),
    related: (term) => {
      const list = related[term];
      return list === undefined ? undefined : new Map(list.map((one) => [one, 0.45]));
    },
    isPlural: (word) => word.endsWith("s") && !word.endsWith("ss"),
  };
}

/** Each member related to the class word directly. */
const direct = (terms: readonly string[]) =>
  Object.fromEntries(terms.map((term) => [term, ["medic"]]));

Deno.test("classMembers keeps the type's members the vectors put at CLASS_MEMBER_SIMILARITY or more, closest first", () => {
  assert.equal(CLASS_MEMBER_SIMILARITY, 0.5);
  const members = { warfarin: 0.58, aspirin: 0.68, knee: 0.49, metformin: 0.5 };
  const data = dataOf(members, direct(Object.keys(members)));
  assert.deepEqual(classMembers("medication", data).map(({ term }) => term), [
    "aspirin",
    "warfarin",
    "metformin",
  ]);
});

Deno.test("classMembers needs the class word in the type or as its cue, and never gives its own stem", () => {
  const members = { warfarin: 0.58 };
  const outside = dataOf(members, direct(["warfarin"]), { inType: false });
  assert.deepEqual(classMembers("medication", outside), []);
  const cued = dataOf(members, direct(["warfarin"]), { inType: false, cue: "medication" });
  assert.deepEqual(classMembers("medication", cued).map(({ term }) => term), ["warfarin"]);
  assert.ok(!classMembers("medication", cued).some(({ term }) => term === "medic"));
});

Deno.test("classMembers keeps only members WordNet ties to the class word within CLASS_MEMBER_HOPS", () => {
  assert.equal(CLASS_MEMBER_HOPS, 12);
  const members = { warfarin: 0.58, statin: 0.6, aspirin: 0.68, asthma: 0.64, knee: 0.7 };
  const data = dataOf(members, {
    // A member whose own relatives hold the class word.
    statin: ["cholesterol", "medic"],
    // The class word's relatives hold it.
    medic: ["aspirin"],
    // Through one relative of its own: warfarin → anticoagulant → medication.
    warfarin: ["coumadin", "anticoagul"],
    anticoagul: ["warfarin", "medic"],
    // Related, but to nothing that reaches the class word: a sibling, not a member.
    asthma: ["respiratori", "wheez"],
  });
  assert.deepEqual(classMembers("medication", data).map(({ term }) => term), [
    "aspirin",
    "statin",
    "warfarin",
  ]);
  // The relative through which a member reaches is one of its first CLASS_MEMBER_HOPS.
  const far = dataOf({ warfarin: 0.58 }, {
    warfarin: [...Array.from({ length: CLASS_MEMBER_HOPS }, (_, i) => `x${i}`), "anticoagul"],
    anticoagul: ["medic"],
  });
  assert.deepEqual(classMembers("medication", far), []);
});

Deno.test("classMembers gives at most CLASS_MEMBER_TERMS members", () => {
  assert.equal(CLASS_MEMBER_TERMS, 48);
  const many = Object.fromEntries(
    Array.from({ length: CLASS_MEMBER_TERMS + 5 }, (_, i) => [`drug${i}`, 0.9 - i * 0.005]),
  );
  const data = dataOf(many, direct(Object.keys(many)));
  const members = classMembers("medication", data);
  assert.equal(members.length, CLASS_MEMBER_TERMS);
  assert.equal(members[0]!.term, "drug0");
});

Deno.test("withClassMembers adds a class's members at a kind's share of the class word's prior", () => {
  assert.equal(CLASS_MEMBER_SHARE, EXPANSION_KIND);
  const data = dataOf({ warfarin: 0.58, pill: 0.7 }, direct(["warfarin", "pill"]));
  const expanded = { terms: ["everyon", "medic", "pill"], priors: [0.2, 0.9, 0.8] };
  const widened = withClassMembers("everyone's medication", expanded, data);
  // "pill" is a term of the query already: it keeps its own prior.
  assert.deepEqual(widened.terms, ["everyon", "medic", "pill", "warfarin"]);
  assert.deepEqual(widened.priors, [0.2, 0.9, 0.8, 0.9 * CLASS_MEMBER_SHARE]);
  // No class asked for by its shape: the query as it was.
  const one = { terms: ["medic", "morn"], priors: [0.9, 0.5] };
  assert.equal(withClassMembers("my medication this morning", one, data), one);
});

Deno.test("withClassMembers widens at most CLASS_WORDS class words of a question", () => {
  assert.equal(CLASS_WORDS, 2);
  const data = dataOf({ warfarin: 0.58 }, direct(["warfarin"]));
  const expanded = { terms: ["pill", "tablet", "medic"], priors: [1, 1, 1] };
  // Three classes, the third "medications", the only one with members: past the bound.
  const text = "what pills do we take, which tablets do we have, which medications do we need";
  assert.deepEqual(withClassMembers(text, expanded, data).terms, ["pill", "tablet", "medic"]);
  const two = "what pills do we take, which medications do we need";
  assert.deepEqual(withClassMembers(two, expanded, data).terms, [
    "pill",
    "tablet",
    "medic",
    "warfarin",
  ]);
});

Deno.test("the shipped data reaches drugs from 'medication', not from one dentist appointment", async () => {
  const data = await classMemberData(await WordVectors.shared());
  const terms = classMembers("medication", data).map(({ term }) => term);
  for (const drug of ["warfarin", "metformin", "aspirin"]) assert.ok(terms.includes(drug), drug);
  assert.ok(!terms.includes("knee"));
  const own = { terms: ["dentist", "appoint"], priors: [1, 0.8] };
  assert.equal(withClassMembers("when is my dentist appointment", own, data), own);
});

Deno.test("a class asked for several facts finds a member that shares no word with it (real SQLite)", async () => {
  const fixture = await memoryFixture((db) => new SqliteBackend(db as SqliteDatabase));
  try {
    // More lines holding the class word than a search's pool holds (50 for 5 results): the
    // member's line is found by its own word or not at all.
    for (let i = 0; i < 120; i++) {
      const content = `medication cupboard note ${i}: tidy the medication shelf`;
      await fixture.memory.store(fixture.aria, input({ content }));
    }
    const { id } = await fixture.memory.store(
      fixture.aria,
      input({ content: "Dad takes warfarin, 4mg every night from Monday" }),
    );
    const hits = await fixture.memory.search(fixture.aria, {
      query: "everyone's medication",
      n_results: 5,
      min_importance: 0,
    });
    assert.equal(hits[0]?.id, id, JSON.stringify(hits.map((hit) => hit.content)));
  } finally {
    await fixture.close();
  }
});

Deno.test("classMembers remembers a class word's members by the word, not its stem", () => {
  const data = dataOf({ warfarin: 0.58 }, direct(["warfarin"]));
  // "medical" shares the stem "medic", its vector far from every member here: no members.
  const units = data.unit;
  data.unit = (word) => word === "medical" ? new Float32Array([-1, 0]) : units(word);
  assert.deepEqual(classMembers("medical", data), []);
  assert.deepEqual(classMembers("medication", data).map(({ term }) => term), ["warfarin"]);
});

Deno.test("classMembers remembers MEMO_LIMIT class words per data, then forgets the oldest", () => {
  assert.equal(MEMO_LIMIT, 512);
  const data = dataOf({ warfarin: 0.58 }, direct(["warfarin"]));
  const units = data.unit;
  let worked = 0;
  data.unit = (word) => {
    if (word === "medication") worked++;
    return units(word);
  };
  classMembers("medication", data);
  for (let i = 1; i < MEMO_LIMIT; i++) classMembers(`class${i}`, data);
  classMembers("medication", data);
  assert.equal(worked, 1);
  classMembers("onemore", data);
  classMembers("medication", data);
  assert.equal(worked, 2);
});

Deno.test("the answer types load only for a question that asks a class word, once per vectors", async () => {
  const shared = await WordVectors.shared();
  // Vectors of their own: the shared ones may have loaded the data in another test.
  const words = {
    has: (word: string) => shared.has(word),
    unit: (word: string) => shared.unit(word),
    unitOfStem: (term: string) => shared.unitOfStem(term),
    related: (term: string) => shared.related(term),
  } as unknown as WordVectors;
  const own = { terms: ["dentist", "appoint"], priors: [1, 0.8] };
  const asked = "when is my dentist appointment";
  assert.equal(await withAskedClassMembers(asked, { expanded: own, words }), own);
  assert.equal(classMemberDataMade(words), false);
  const medication = { terms: ["everyon", "medic"], priors: [1, 1] };
  const widened = await withAskedClassMembers("everyone's medication", {
    expanded: medication,
    words,
  });
  assert.equal(classMemberDataMade(words), true);
  assert.ok(widened.terms.includes("warfarin"), widened.terms.join(" "));
  assert.equal(classMemberData(words), classMemberData(words));
  assert.notEqual(classMemberData(words), classMemberData(shared));
});
