import assert from "node:assert/strict";
import { GENERAL_NOUNS, GENERAL_TOPIC_WORDS, generalNounSubject } from "./general_nouns.ts";
import { input, memoryFixture } from "./testing/contract_fixture.ts";
import { SqliteBackend } from "./sqlite_backend.ts";
import type { SqliteDatabase } from "../storage/mod.ts";

Deno.test("generalNounSubject reads a noun phrase headed by a general noun as a broad topic", () => {
  assert.deepEqual(generalNounSubject("car stuff"), { text: "car stuff", terms: ["car", "stuff"] });
  assert.deepEqual(generalNounSubject("my own health stuff")?.terms, ["health", "stuff"]);
  assert.deepEqual(generalNounSubject("my job details")?.terms, ["job", "detail"]);
  assert.deepEqual(generalNounSubject("Elmhurst info")?.terms, ["elmhurst", "info"]);
  assert.deepEqual(generalNounSubject("school things")?.terms, ["school", "thing"]);
  assert.deepEqual(generalNounSubject("Dad's news")?.terms, ["dad", "new"]);
  // Dialect spellings of function words read as what they stand for ("ma" is "my").
  assert.deepEqual(generalNounSubject("ma car stuff")?.terms, ["car", "stuff"]);
  // The class is closed, and holds no noun that is also a class or a verb.
  assert.deepEqual(
    [...GENERAL_NOUNS],
    ["stuff", "thing", "things", "detail", "details", "info", "information", "news"],
  );
  for (const text of ["holiday plans", "the three quarters matters", "my business", "car"]) {
    assert.equal(generalNounSubject(text), undefined, text);
  }
});

Deno.test("generalNounSubject leaves clauses, questions, a general noun alone and longer phrases", () => {
  for (
    const text of [
      "stuff",
      "my stuff",
      "the things",
      "car stuff?",
      "what car stuff",
      "is the car stuff",
      "I sorted the car stuff",
      "stuff about the car",
    ]
  ) {
    assert.equal(generalNounSubject(text), undefined, text);
  }
  // GENERAL_TOPIC_WORDS words are a topic; one more is a description.
  assert.equal(GENERAL_TOPIC_WORDS, 4);
  assert.deepEqual(generalNounSubject("my car insurance details")?.terms, [
    "car",
    "insur",
    "detail",
  ]);
  assert.equal(generalNounSubject("my old car insurance details"), undefined);
});

Deno.test("a general-noun topic ranks the lines that tell of it over short lines that share its word (real SQLite)", async () => {
  const fixture = await memoryFixture((db) => new SqliteBackend(db as SqliteDatabase));
  try {
    // Short lines holding "car" (BM25's length normalisation ranks them first) that tell little.
    const short = [
      "the car is filthy again",
      "car park was rammed today",
      "someone dinged the car",
      "the car smells of dog",
      "car radio is playing up",
      "left my sunnies in the car",
      "the car needs a wash",
      "kids fought in the car",
    ];
    for (const content of short) await fixture.memory.store(fixture.aria, input({ content }));
    const answers = [];
    for (
      const content of [
        "my car is a 2015 Skoda Octavia estate, diesel, insured with Admiral until September",
        "booked the car's MOT and service at Kwik Fit in Roundhay for the 14th, about 180 pounds",
      ]
    ) answers.push((await fixture.memory.store(fixture.aria, input({ content }))).id);
    const hits = (await fixture.memory.search(fixture.aria, {
      query: "car stuff",
      n_results: 3,
      min_importance: 0,
    })).map((hit) => hit.id);
    for (const id of answers) assert.ok(hits.includes(id), JSON.stringify(hits));
  } finally {
    await fixture.close();
  }
});
