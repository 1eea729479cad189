import assert from "node:assert/strict";
import {
  CONTRACTION_MEMO_WORDS,
  contractionAsk,
  STORE_SHORT_FORMS_PER_QUERY,
  STORE_SHORT_FORMS_PER_WORD,
  storeShortForms,
} from "./store_short_forms.ts";
import { heldClippings } from "./store_vocabulary.ts";
import { SLIP_QUERY_WORDS } from "./meaning/stem_lookup.ts";
import { stem } from "./text.ts";
import { input } from "./testing/contract_fixture.ts";
import { topHits, withSqlite } from "./testing/told_memories.ts";

/** Word data knowing `known` (folded words and their stems) and nothing else. */
function vectorsKnowing(known: readonly string[]) {
  const words = new Set(known);
  const stems = new Set(known.map(stem));
  return { has: (word: string) => words.has(word), hasStem: (term: string) => stems.has(term) };
}

Deno.test("the documented store short-form bounds hold", () => {
  assert.equal(STORE_SHORT_FORMS_PER_WORD, 2);
  assert.equal(STORE_SHORT_FORMS_PER_QUERY, 4);
  assert.equal(CONTRACTION_MEMO_WORDS, 1024);
});

Deno.test("a known asked word asks for its contractions' terms, each read as its written form", () => {
  const asked = contractionAsk(
    ["appointment", "birthday", "qzblort"],
    vectorsKnowing([
      "appointment",
      "birthday",
    ]),
  );
  assert.ok(asked.terms[0]!.includes("appt"));
  // "bday" is analysed "bdai": the term is asked, and read back as the form it was made from.
  assert.ok(asked.terms[1]!.includes("bdai"));
  assert.equal(asked.forms.get("bdai"), "bday");
  // A word the vectors lack has no meaning for a short form to carry: nothing asked.
  assert.deepEqual(asked.terms[2], []);
  // The store's "bdai" stands for "birthday" by its written form, not by its term.
  const clippings = [[{ term: "bdai", documents: 2 }]];
  const known = vectorsKnowing(["birthday"]);
  assert.deepEqual(
    storeShortForms(["birthday"], { clippings, taken: new Set(), forms: asked.forms }, known)
      .map((each) => each.term),
    ["bdai"],
  );
  assert.deepEqual(storeShortForms(["birthday"], { clippings, taken: new Set() }, known), []);
});

Deno.test("a store compound contraction another known word reads to stands for no asked word (review47b M1)", () => {
  const asked = contractionAsk(["tuesday", "birthday"], vectorsKnowing(["tuesday", "birthday"]));
  const clippings = [[{ term: "tdai", documents: 2 }], [{ term: "bdai", documents: 2 }]];
  const found = (known: readonly string[]) =>
    storeShortForms(["tuesday", "birthday"], {
      clippings,
      taken: new Set(),
      forms: asked.forms,
    }, vectorsKnowing(known)).map((each) => each.term);
  assert.deepEqual(found(["tuesday", "birthday", "day"]), ["tdai", "bdai"]);
  // "tday" is "today" once the vectors know it: no short form of "tuesday".
  assert.deepEqual(found(["tuesday", "birthday", "day", "today"]), ["bdai"]);
});

Deno.test("a lookup's asked short forms are looked up exactly, beside the word's clippings", () => {
  const looked: string[] = [];
  const held = heldClippings(["appoint"], (term) => {
    looked.push(term);
    return term === "appt" ? 3 : 0;
  }, { shortForms: [["appt", "apnt"]] });
  assert.deepEqual(held, [[{ term: "appt", documents: 3 }]]);
  assert.deepEqual(looked, ["app", "appo", "appoi", "appt", "apnt"]);
});

Deno.test("a store clipping unknown to the vectors stands for a known asked word", () => {
  const found = storeShortForms(["physiotherapy"], {
    clippings: [[{ term: "physio", documents: 3 }]],
    taken: new Set(),
  }, vectorsKnowing(["physiotherapy"]));
  assert.deepEqual(found, [{
    term: "physio",
    documents: 3,
    asked: 0,
  }]);
});

Deno.test("a store clipping is no short form when the vectors know it, or not the asked word, or it is taken", () => {
  const clippings = [[{ term: "car", documents: 5 }]];
  // "car" is a word of its own: no clipping of "cardigan".
  assert.deepEqual(
    storeShortForms(
      ["cardigan"],
      { clippings, taken: new Set() },
      vectorsKnowing(["cardigan", "car"]),
    ),
    [],
  );
  // An asked word the vectors lack has no meaning for a short form to carry.
  assert.deepEqual(
    storeShortForms(["cardigan"], { clippings, taken: new Set() }, vectorsKnowing([])),
    [],
  );
  // Already a term of the query (or a slip): not brought twice.
  assert.deepEqual(
    storeShortForms(
      ["cardigan"],
      { clippings, taken: new Set(["car"]) },
      vectorsKnowing(["cardigan"]),
    ),
    [],
  );
  // The rule decides, not the lookup: "hol" cuts too little of "hole" (no store would offer it).
  assert.deepEqual(
    storeShortForms(["hole"], {
      clippings: [[{ term: "hol", documents: 1 }]],
      taken: new Set(),
    }, vectorsKnowing(["hole"])),
    [],
  );
});

Deno.test("store short forms are bounded a word and a query, those of the most memories first", () => {
  const words = ["physiotherapy", "university", "registration"];
  const found = storeShortForms(words, {
    clippings: [
      [{ term: "physio", documents: 4 }, { term: "physi", documents: 2 }, {
        term: "phy",
        documents: 1,
      }],
      [{ term: "uni", documents: 3 }, { term: "univ", documents: 1 }],
      [{ term: "reg", documents: 9 }],
    ],
    taken: new Set(),
  }, vectorsKnowing(words));
  assert.deepEqual(found.map((each) => each.term), ["physio", "physi", "uni", "univ"]);
});

Deno.test("the clippings a lookup reads are at most six exact terms a word, whatever the store", () => {
  // The most a search looks up: SLIP_QUERY_WORDS words of any length.
  const words = Array.from(
    { length: SLIP_QUERY_WORDS },
    (_, i) => stem("physiotherapy") + "x".repeat(i),
  );
  let lookups = 0;
  const held = heldClippings(words, (term) => {
    lookups++;
    return term === "physio" ? 1 : 0;
  });
  assert.equal(lookups, 6 * SLIP_QUERY_WORDS);
  assert.ok(held.every((each) => each.length === 1 && each[0]!.term === "physio"));
});

/** 1,000 notes of appointments, nearer "When is my physiotherapy?" by meaning than a physio note. */
function appointments(count: number): string[] {
  const names = ["Tom", "Ana", "Rui", "Jess", "Ken", "Dev", "Leah", "Priya", "Mo", "Ines", "Joe"];
  const things = [
    "dentist appointment",
    "hair appointment",
    "eye test",
    "team meeting",
    "parents evening",
    "car service",
    "piano lesson",
    "swimming lesson",
    "doctor's check-up",
    "vet visit",
    "yoga class",
    "boiler repair",
  ];
  const days = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
  const places = ["the high street", "the clinic", "town", "the leisure centre", "the library"];
  return Array.from(
    { length: count },
    (_, i) =>
      `${names[i % names.length]} has the ${things[(i >> 2) % things.length]} on ${
        days[i % days.length]
      } at ${1 + (i % 12)}pm near ${places[(i >> 1) % places.length]}, £${10 + (i % 90)}`,
  );
}

Deno.test("search: a note's short form is found by the full word among 1,000 memories (real SQLite)", async () => {
  // review45b M2: neither the sentence vectors (no "physio") nor BM25 (no term of the query)
  // made the note a candidate, so alignment's short-form rule never saw it.
  await withSqlite(async (fixture) => {
    await fixture.memory.storeMany(
      fixture.aria,
      appointments(1000).map((content) => input({ content })),
    );
    const physio = await fixture.memory.store(
      fixture.aria,
      input({ content: "physio Thu 0745 w/ Sam, R shoulder, £55 a session" }),
    );
    const hits = await topHits(fixture, "When is my physiotherapy?");
    assert.equal(hits[0]?.id, physio.id, hits.map((hit) => hit.content).join("\n"));
  });
});

const CONTRACTED: Array<{ note: string; query: string }> = [
  { note: "mgr is Priya now, 1:1s every other Weds", query: "Who is my manager?" },
  { note: "bday is the 14th, Sam's taking me out", query: "When is my birthday?" },
];

for (const { note, query } of CONTRACTED) {
  Deno.test(`search: a note's contraction is found by the full word among 1,000 memories: "${query}" (real SQLite)`, async () => {
    // recall108: a contraction keeps only the word's first letter of its beginning ("mgr") or
    // a compound's head ("bday"), so no beginning of the word's root finds it.
    await withSqlite(async (fixture) => {
      await fixture.memory.storeMany(
        fixture.aria,
        appointments(1000).map((content) => input({ content })),
      );
      const shortened = await fixture.memory.store(fixture.aria, input({ content: note }));
      const hits = await topHits(fixture, query);
      assert.equal(hits[0]?.id, shortened.id, hits.map((hit) => hit.content).join("\n"));
    });
  });
}
