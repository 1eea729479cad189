/**
 * Macros are replaced lazily (attack18 F1): in a key when it is looked for, in an entry's content
 * only once the entry fired and its book has room; and all books share one total budget
 * (attack18 F2).
 *
 * @module
 */
import assert from "node:assert/strict";
import { activateLore } from "./activate.ts";
import { loreEntry } from "./testing/fixtures.ts";
import type { LoreSource } from "./activation_types.ts";

const entry = loreEntry;

/**
 * A clock that never moves: these tests are about macros, and a loaded machine (the whole suite in
 * parallel) could spend the time budget (`LORE_TIME_BUDGET_MS`) before the entry that fires.
 */
const timeBudget = { ms: 250, now: () => 0 };

/** A hostile book: `count` entries of `chars` characters dense with `{{char}}`, never firing. */
function hostile(id: string, count: number, chars = 20_000): LoreSource {
  const content = `${id} {{char}} `.repeat(chars / 12);
  const entries = Array.from({ length: count }, (_, i) => entry([`never${i}`], `${i} ${content}`));
  return { id, name: id, book: { extensions: {}, entries } };
}

Deno.test("macros are replaced only in the content of entries that fire", () => {
  const books = [hostile("h1", 200), hostile("h2", 200)];
  books.push({
    id: "fires",
    name: "fires",
    book: { extensions: {}, entries: [entry(["dragon"], "{{char}} knows dragons")] },
  });
  const seen: string[] = [];
  const result = activateLore({
    timeBudget,
    books,
    messages: [{ name: "u", text: "a dragon!" }],
    substitute: (text) => (seen.push(text), text.replaceAll("{{char}}", "Kira")),
  });
  assert.deepEqual(result.fired.map((f) => f.content), ["Kira knows dragons"]);
  // Keys hold no macro (no call for them); the only content replaced is the fired entry's.
  assert.deepEqual(seen, ["{{char}} knows dragons"]);
});

Deno.test("a fired entry's macros are replaced once however many steps scan", () => {
  const seen: string[] = [];
  const book = {
    extensions: {},
    recursive_scanning: true,
    entries: [entry(["a"], "{{char}} b"), entry(["b"], "{{char}} c"), entry(["z"], "{{user}}")],
  };
  const result = activateLore({
    timeBudget,
    books: [{ id: "r", name: "r", book }],
    messages: [{ name: "u", text: "a" }],
    substitute: (text) => (seen.push(text), text.replaceAll("{{char}}", "K")),
  });
  assert.deepEqual(result.fired.map((f) => f.content), ["K b", "K c"]);
  assert.deepEqual(seen.sort(), ["{{char}} b", "{{char}} c"]);
});

Deno.test("fired constants past a closed book are cut without a macro pass", () => {
  const content = "{{char}} ".repeat(1000);
  const entries = Array.from({ length: 50 }, () => entry([], content, true));
  let calls = 0;
  const result = activateLore({
    timeBudget,
    books: [{ id: "c", name: "c", book: { extensions: {}, token_budget: 3000, entries } }],
    messages: [],
    substitute: (text) => (calls++, text.replaceAll("{{char}}", "Kira")),
  });
  // 1 token per 4 characters: 5,000 characters is 1,250 tokens, two fit in 3,000.
  assert.equal(result.fired.length, 2);
  assert.equal(calls, 3, "the two admitted and the one that closed the book");
  assert.equal(result.cut.filter((c) => c.reason === "budget").length, 48);
});

Deno.test("32 books of huge budgets share the total budget", () => {
  const books: LoreSource[] = Array.from({ length: 32 }, (_, b) => ({
    id: `b${b}`,
    name: `b${b}`,
    book: {
      extensions: {},
      token_budget: 1_000_000,
      entries: Array.from({ length: 9 }, () => entry([], "x".repeat(99_000), true)),
    },
  }));
  const defaults = {
    scanDepth: 2,
    tokenBudget: 1024,
    totalTokenBudget: 60_000,
    maxRecursionSteps: 3,
    caseSensitive: false,
    wholeWords: false,
    recursiveScanning: false,
  };
  const result = activateLore({ books, messages: [], defaults });
  const tokens = result.fired.reduce((sum, f) => sum + f.tokens, 0);
  assert.equal(result.fired.length, 2, "two entries of 24,750 tokens fit in 60,000");
  assert.ok(tokens <= 60_000);
  assert.equal(result.cut.length, 32 * 9 - 2);
  // Without a total, the default (8192) holds: no 99,000-character entry fits.
  const bounded = activateLore({ books, messages: [] });
  assert.equal(bounded.fired.length, 0);
});

Deno.test("an entry whose macros leave nothing adds nothing", () => {
  const result = activateLore({
    timeBudget,
    books: [{
      id: "n",
      name: "n",
      book: {
        extensions: {},
        entries: [entry([], "{{// a note}}", true), entry([], "kept", true)],
      },
    }],
    messages: [],
    substitute: (text) => text.replace("{{// a note}}", ""),
  });
  assert.deepEqual(result.fired.map((f) => f.content), ["kept"]);
});
