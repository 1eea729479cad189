import assert from "node:assert/strict";
import {
  isNounHead,
  MODIFIER_ONLY,
  modifierFactor,
  modifierPairs,
  queryModifiers,
} from "./noun_modifiers.ts";
import { TextFactors } from "./text_factors.ts";
import { input, memoryFixture } from "./testing/contract_fixture.ts";
import { SqliteBackend } from "./sqlite_backend.ts";
import type { SqliteDatabase } from "../storage/mod.ts";
import type { MemoryRecord } from "./schema.ts";

Deno.test("a noun after an article and before a noun head is a modifier", () => {
  assert.deepEqual(modifierPairs("We walked past the dog park on Sunday."), [
    { modifier: "dog", head: "park" },
  ]);
  assert.deepEqual(modifierPairs("Dario got a job at a car rental company."), [
    { modifier: "car", head: "rental" },
  ]);
});

Deno.test("a verb, a name, a possessive or a clause break after the word makes no modifier", () => {
  // "gets", "works": a verb's third person; "Max": a name; "my": a possessive (a part: "screen").
  assert.deepEqual(modifierPairs("The city gets noisy in summer."), []);
  assert.deepEqual(modifierPairs("The nurse works nights."), []);
  assert.deepEqual(modifierPairs("We adopted the dog Max last spring."), []);
  assert.deepEqual(modifierPairs("My phone screen is cracked."), []);
  assert.deepEqual(modifierPairs("I gave the dog, park rangers said, a bath."), []);
  assert.deepEqual(modifierPairs("I train paramedics at a college."), []);
  assert.ok(isNounHead("park") && isNounHead("insurance") && !isNounHead("works"));
});

Deno.test("a memory matching the query only through modifiers loses MODIFIER_ONLY", () => {
  const dog = queryModifiers("What dog do we have?", ["dog"]);
  assert.equal(modifierFactor(dog, "We walked past the dog park."), 0.8);
  // The head asked too, or the word also said as what the memory is about: kept whole.
  const park = queryModifiers("Is the dog allowed in the park?", ["dog", "allow", "park"]);
  assert.equal(modifierFactor(park, "We walked past the dog park."), 1);
  assert.equal(modifierFactor(dog, "The dog park tired the dog out."), 1);
  assert.equal(modifierFactor(dog, "Our dog loves the park."), 1);
  assert.equal(modifierFactor(dog, "I like the city park."), 1);
  // Another query word said plainly: "walk" is no modifier there.
  const walk = queryModifiers("Where do I walk the dog?", ["walk", "dog"]);
  assert.equal(modifierFactor(walk, "We walked past the dog park."), 1);
});

Deno.test("a memory matching only the query's own modifier, not its head, loses MODIFIER_ONLY", () => {
  const query = queryModifiers("Do I have an electric car?", ["electr", "car"]);
  assert.deepEqual(modifierPairs("Do I have an electric car?"), [{
    modifier: "electr",
    head: "car",
  }]);
  assert.equal(modifierFactor(query, "Our electricity bill was high this winter."), 0.8);
  // The head said too: the pair's memory.
  assert.equal(modifierFactor(query, "My car is electric."), 1);
  assert.equal(modifierFactor(query, "I sold the petrol car last year."), 1);
});

Deno.test("the search's text factors give a modifier-only match its factor", () => {
  const record = { content: "We walked past the dog park." } as MemoryRecord;
  const modifiers = queryModifiers("What dog do we have?", ["dog"]);
  assert.equal(new TextFactors({ modifiers }).modified(record), 1 - MODIFIER_ONLY);
  assert.equal(new TextFactors({}).modified(record), 1);
});

Deno.test("a memory that says the query's noun as another noun's modifier ranks below its answer", async () => {
  const fixture = await memoryFixture((db) => new SqliteBackend(db as SqliteDatabase));
  try {
    for (
      const content of [
        "The ferry leaves at noon on Sundays.",
        "The user asked how to repot a cactus.",
        "It rained all weekend at the campsite.",
      ]
    ) await fixture.memory.store(fixture.aria, input({ content }));
    await fixture.memory.store(
      fixture.aria,
      input({ content: "We walked past the dog park and I felt a bit low." }),
    );
    const answer = await fixture.memory.store(
      fixture.aria,
      input({ content: "Pepper died last winter and our flat feels empty without a dog." }),
    );
    const hits = await fixture.memory.search(fixture.aria, {
      query: "What dog do we have?",
      n_results: 3,
      min_importance: 0,
    });
    assert.equal(hits[0]?.id, answer.id);
  } finally {
    await fixture.close();
  }
});

Deno.test("the shipped heads are sorted for binary search and carry WordNet's licence", async () => {
  const { default: data } = await import("./meaning/noun_heads.gen.json", {
    with: { type: "json" },
  });
  const { SortedLines } = await import("./meaning/sorted_lines.ts");
  assert.ok(new SortedLines(data.heads, "|").sorted);
  assert.match(data.licence, /WordNet 3\.1 Copyright 2011 by Princeton University/);
});
