import assert from "node:assert/strict";
import {
  ARRAY_BUDGET,
  BEST_MATCH_LIMIT,
  BestMatches,
  bestMatches,
  ENTRY_COST,
  SEEN_QUERY_BUDGET,
} from "./best_matches.ts";

/**
 * `key` searched once already (over a text no test asks for), then another new query: `key`'s
 * arrays are held across searches from now on.
 */
function searchedBefore(matches: BestMatches, key: string): void {
  matches.words(key, "\0searched before", () => new Float64Array(0));
  matches.words(`\0after ${key}`, "\0searched before", () => new Float64Array(0));
}

/** A compute function that counts its calls and gives `length` cosines. */
function counted(length: number) {
  const calls = { n: 0 };
  return { calls, compute: () => (calls.n++, new Float64Array(length).fill(0.5)) };
}

Deno.test("best cosines are computed once per pair of texts and per query and text", () => {
  const matches = new BestMatches();
  const { calls, compute } = counted(3);
  const first = matches.pair("subject", "text", compute);
  assert.equal(matches.pair("subject", "text", compute), first);
  assert.equal(calls.n, 1);
  matches.words("subject", "text", compute);
  assert.equal(calls.n, 2, "queries' words are remembered apart from pairs");
  let word = 0;
  assert.equal(matches.word("cat", "a kitten", () => (word++, 0.7)), 0.7);
  assert.equal(matches.word("cat", "a kitten", () => (word++, 0.1)), 0.7);
  assert.equal(word, 1);
  assert.equal(bestMatches(Object), bestMatches(Object), "shared per word data");
  assert.notEqual(bestMatches(Object), bestMatches(Array));
});

Deno.test("heldWords reads a query's remembered cosines without computing any", () => {
  const matches = new BestMatches();
  const { calls, compute } = counted(2);
  assert.equal(matches.heldWords("cat\0dog", "a kitten"), undefined);
  const best = matches.words("cat\0dog", "a kitten", compute);
  assert.equal(matches.heldWords("cat\0dog", "a kitten"), best);
  assert.equal(matches.heldWords("cat", "a kitten"), undefined, "by the words as a whole");
  assert.equal(calls.n, 1);
});

Deno.test("long arrays fill the budget sooner: what is held, not how many, starts it over", () => {
  const length = 1_000;
  const fits = Math.floor(ARRAY_BUDGET / (length + ENTRY_COST));
  for (const kind of ["pair", "words"] as const) {
    const matches = new BestMatches();
    const { calls, compute } = counted(length);
    for (let i = 0; i < fits; i++) {
      // A query's arrays are held across searches once it comes again (see below).
      if (kind === "words") searchedBefore(matches, `query ${i}`);
      matches[kind](`query ${i}`, "memory", compute);
    }
    matches[kind]("query 0", "memory", compute);
    assert.equal(calls.n, fits, `${kind}: everything within the budget is remembered`);
    if (kind === "words") searchedBefore(matches, "one more");
    matches[kind]("one more", "memory", compute);
    matches[kind]("query 0", "memory", compute);
    assert.equal(calls.n, fits + 2, `${kind}: past the budget the memory started over`);
  }
  // Short arrays: many more fit than long ones (a query of 4 words over 40,000 memories).
  const matches = new BestMatches();
  const { calls, compute } = counted(4);
  for (let i = 0; i < 40_000; i++) matches.words("q", `memory ${i}`, compute);
  matches.words("q", "memory 0", compute);
  assert.equal(calls.n, 40_000);
});

Deno.test("single words start over past BEST_MATCH_LIMIT", () => {
  const matches = new BestMatches();
  let calls = 0;
  for (let i = 0; i < BEST_MATCH_LIMIT; i++) matches.word(`w${i}`, "t", () => (calls++, 0.3));
  matches.word("w0", "t", () => (calls++, 0.3));
  assert.equal(calls, BEST_MATCH_LIMIT);
  matches.word("new", "t", () => (calls++, 0.3));
  matches.word("w0", "t", () => (calls++, 0.3));
  assert.equal(calls, BEST_MATCH_LIMIT + 2);
});

Deno.test("forWord shares the single words' memory with word, one lookup of the word", () => {
  const matches = new BestMatches();
  let calls = 0;
  assert.equal(matches.word("cat", "a kitten", () => (calls++, 0.7)), 0.7);
  const cat = matches.forWord("cat");
  assert.equal(cat("a kitten", () => (calls++, 0.1)), 0.7, "remembered by word()");
  assert.equal(cat("a tiger", () => (calls++, 0.6)), 0.6);
  assert.equal(cat("a tiger", () => (calls++, 0.1)), 0.6);
  assert.equal(matches.word("cat", "a tiger", () => (calls++, 0.1)), 0.6, "remembered for word()");
  const dog = matches.forWord("dog");
  assert.equal(dog("a puppy", () => (calls++, 0.8)), 0.8, "a word first seen by forWord");
  assert.equal(matches.word("dog", "a puppy", () => (calls++, 0.1)), 0.8);
  assert.equal(calls, 3);
});

Deno.test("forWord's memory starts over with word's past BEST_MATCH_LIMIT", () => {
  const matches = new BestMatches();
  let calls = 0;
  const held = matches.forWord("w0");
  for (let i = 0; i < BEST_MATCH_LIMIT; i++) matches.word(`w${i}`, "t", () => (calls++, 0.3));
  assert.equal(held("t", () => (calls++, 0.9)), 0.3, "remembered");
  matches.word("new", "t", () => (calls++, 0.3));
  assert.equal(held("t", () => (calls++, 0.3)), 0.3);
  assert.equal(calls, BEST_MATCH_LIMIT + 2, "started over: computed again");
  assert.equal(matches.word("w0", "t", () => (calls++, 0.1)), 0.3, "and remembered again");
  assert.equal(calls, BEST_MATCH_LIMIT + 2);
});

Deno.test("wordMemo looks up and stores apart, in the single words' memory word reads", () => {
  const matches = new BestMatches();
  const cat = matches.wordMemo("cat");
  assert.equal(cat.held("a kitten"), undefined, "nothing computed on a lookup");
  cat.remember("a kitten", 0.7);
  assert.equal(matches.word("cat", "a kitten", () => 0.1), 0.7, "stored for word()");
  matches.word("cat", "a tiger", () => 0.6);
  assert.equal(cat.held("a tiger"), 0.6, "word()'s seen by the memo");
});

Deno.test("rememberWords holds an array as words would have", () => {
  const matches = new BestMatches();
  const best = new Float64Array([0.2, 0.9]);
  assert.equal(matches.heldWords("a\0b", "text"), undefined);
  matches.rememberWords("a\0b", "text", best);
  assert.equal(matches.heldWords("a\0b", "text"), best);
  assert.equal(matches.words("a\0b", "text", () => new Float64Array(2)), best, "not computed");
});

Deno.test("a new query's arrays last until another new query's; a query that comes again is held", () => {
  const matches = new BestMatches();
  const { calls, compute } = counted(2);
  const first = matches.words("chat one", "memory", compute);
  assert.equal(matches.heldWords("chat one", "memory"), first, "for the rest of its search");
  matches.words("chat two", "memory", compute);
  // A chat's recall searches with a message never seen before: nothing of it outlives the chat.
  assert.equal(matches.heldWords("chat one", "memory"), undefined, "a query seen once: dropped");
  assert.notEqual(matches.heldWords("chat two", "memory"), undefined);
  const again = matches.words("chat one", "memory", compute);
  matches.words("chat three", "memory", compute);
  matches.words("chat four", "other", compute);
  assert.equal(matches.heldWords("chat one", "memory"), again, "searched again: held");
  assert.equal(matches.words("chat one", "memory", compute), again);
  assert.equal(calls.n, 5);
});

Deno.test("the queries known as searched before start over past SEEN_QUERY_BUDGET", () => {
  const matches = new BestMatches();
  const { calls, compute } = counted(1);
  const long = (i: number) => `${i}`.padEnd(1_000, "x");
  const fits = Math.floor(SEEN_QUERY_BUDGET / 1_000);
  for (let i = 0; i < fits; i++) matches.words(long(i), "memory", compute);
  matches.words(long(0), "memory", compute);
  matches.words(long(1), "memory", compute);
  assert.notEqual(matches.heldWords(long(0), "memory"), undefined, "known: held");
  matches.words(long(fits), "memory", compute);
  matches.words(long(2), "memory", compute);
  matches.words(long(3), "memory", compute);
  assert.equal(matches.heldWords(long(2), "memory"), undefined, "forgotten as searched before");
  assert.equal(calls.n, fits + 5);
});
