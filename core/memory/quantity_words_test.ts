import assert from "node:assert/strict";
import { asksQuantity, namesQuantity } from "./quantity_words.ts";
import { answerType, namesAnswer } from "./query.ts";
import { forgetAnswers, namesAnswerRemembered } from "./answer_memo.ts";
import { input, memoryFixture } from "./testing/contract_fixture.ts";
import { SqliteBackend } from "./sqlite_backend.ts";
import type { SqliteDatabase } from "../storage/mod.ts";

const kinds = { isPlace: () => false, isPerson: () => false };

Deno.test("how many, how much, how old and what age ask for an amount", () => {
  for (
    const text of [
      "How many kids do we have?",
      "How much is our rent?",
      "How old is my daughter?",
      "What age is my girl?",
      "How fast can I run ten kilometres?",
      "how far is the office",
    ]
  ) {
    assert.ok(asksQuantity(text), text);
    assert.equal(answerType(text, kinds), "quantity", text);
  }
  for (
    const text of ["How long have we been married?", "How is my knee?", "How do I get to work?"]
  ) {
    assert.ok(!asksQuantity(text), text);
  }
  assert.equal(answerType("How long have we been married?", kinds), "span", "a span of time");
  assert.equal(answerType("Who has how many cats?", kinds), "person", "who comes first");
});

Deno.test("a memory names an amount in digits or in number words", () => {
  assert.ok(namesQuantity("The rent went up to 1,050 euros"));
  assert.ok(namesQuantity("I ran a 10k on Sunday"));
  assert.ok(namesQuantity("Mila just turned five"));
  assert.ok(namesQuantity("I have a single cup of decaf"));
  assert.ok(namesQuantity("We see them twice a year"));
  assert.ok(!namesQuantity("We love the flat's big windows"));
  assert.ok(!namesQuantity("Someone left their phone"), "no number inside a word");
  assert.ok(namesAnswer("Mila is four", "quantity", kinds));
  forgetAnswers();
  assert.ok(namesAnswerRemembered("Mila is four", "quantity", kinds));
  assert.ok(!namesAnswerRemembered("Mila loves the sea", "quantity", kinds));
});

Deno.test("search: 'How much ...?' finds the memory that says how much", async () => {
  const fixture = await memoryFixture((db) => new SqliteBackend(db as SqliteDatabase));
  try {
    const store = async (content: string) =>
      (await fixture.memory.store(fixture.aria, input({ content }))).id;
    await store("I drink my coffee black.");
    const cups = await store("I drink three cups of coffee a day.");
    await store("I always keep a spare umbrella in the hall.");
    await store("The bus to the coast was late again this morning.");
    const hits = await fixture.memory.search(fixture.aria, {
      query: "How much coffee do I drink?",
      n_results: 5,
      min_importance: 0,
    });
    assert.equal(hits[0]?.id, cups);
  } finally {
    await fixture.close();
  }
});
