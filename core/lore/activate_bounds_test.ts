/**
 * The boundaries and constants of lorebook activation, each pinned where an off-by-one or a
 * dropped rule would change what fires: the scan depth cap, an exact budget fit, the probability
 * roll, `useProbability: false`, the default depth of an at-depth entry, empty keys, case-sensitive
 * regex keys, decorator bounds, and the defaults themselves.
 */
import assert from "node:assert/strict";
import { loadConfig } from "../config.ts";
import { activateLore, type ActivationInput, LORE_DEFAULTS, MAX_SCAN_DEPTH } from "./activate.ts";
import type { Lorebook, LoreEntry } from "./book.ts";
import { loreDefaults } from "./mod.ts";
import { estimateTokens } from "./tokens.ts";

function entry(fields: Partial<LoreEntry> & { content: string }): LoreEntry {
  return {
    keys: ["k"],
    extensions: {},
    enabled: true,
    insertion_order: 100,
    use_regex: false,
    ...fields,
  };
}

function run(
  entries: LoreEntry[],
  chat: string[],
  options: Partial<ActivationInput> & { book?: Partial<Lorebook> } = {},
) {
  const { book, ...input } = options;
  return activateLore({
    books: [{ id: "b", name: "B", book: { extensions: {}, entries, ...book } }],
    messages: chat.map((text) => ({ name: "", text })),
    ...input,
  });
}

function fired(...args: Parameters<typeof run>): string[] {
  return run(...args).fired.map((f) => f.content);
}

Deno.test("no entry scans more than MAX_SCAN_DEPTH (1000) messages, whatever it asks", () => {
  assert.equal(MAX_SCAN_DEPTH, 1000);
  const deep = entry({ keys: ["dragon"], extensions: { scan_depth: 5000 }, content: "hit" });
  const filler = Array.from({ length: 999 }, () => "nothing");
  assert.deepEqual(fired([deep], ["dragon", ...filler]), ["hit"], "the 1000th newest is scanned");
  assert.deepEqual(fired([deep], ["dragon", "nothing", ...filler]), [], "the 1001st is not");
});

Deno.test("an entry that fits the token budget exactly is admitted", () => {
  const content = "x".repeat(40); // 10 estimated tokens
  assert.equal(estimateTokens(content), 10);
  const two = [
    entry({ content: `${content}` }),
    entry({ content: `${content}`.replace("x", "y") }),
  ];
  assert.equal(fired(two, ["k"], { book: { token_budget: 20 } }).length, 2, "10 + 10 = 20 fits");
  assert.equal(fired(two, ["k"], { book: { token_budget: 19 } }).length, 1);
});

Deno.test("probability: an entry fires when the roll is below it, never at it", () => {
  const chance = [
    entry({ extensions: { probability: 30, useProbability: true }, content: "lucky" }),
  ];
  assert.deepEqual(fired(chance, ["k"], { random: () => 0.2999 }), ["lucky"]);
  assert.deepEqual(fired(chance, ["k"], { random: () => 0.3 }), [], "a roll of 30 misses 30%");
  const cut = run(chance, ["k"], { random: () => 0.3 }).cut;
  assert.deepEqual(cut.map((c) => c.reason), ["probability"]);
});

Deno.test("useProbability false turns the roll off, as SillyTavern does", () => {
  const off = [
    entry({ extensions: { probability: 10, useProbability: false }, content: "always" }),
  ];
  assert.deepEqual(fired(off, ["k"], { random: () => 0.99 }), ["always"]);
});

Deno.test("a SillyTavern at-depth entry without a depth goes 4 messages up, as a system line", () => {
  const [deep] = run([entry({ extensions: { position: 4 }, content: "deep" })], ["k"]).fired;
  assert.deepEqual([deep?.position, deep?.depth, deep?.role], ["at_depth", 4, "system"]);
});

Deno.test("an empty or blank key never fires (cards often carry one)", () => {
  assert.deepEqual(fired([entry({ keys: ["", "  "], content: "hit" })], ["anything at all"]), []);
  assert.deepEqual(
    fired([entry({ keys: [""], use_regex: true, content: "hit" })], ["anything"]),
    [],
  );
});

Deno.test("a case-sensitive regex key keeps its case; a case-blind one does not", () => {
  const exact = [
    entry({ keys: ["Sword(s)?"], use_regex: true, case_sensitive: true, content: "hit" }),
  ];
  assert.deepEqual(fired(exact, ["a sword"]), []);
  assert.deepEqual(fired(exact, ["a Sword"]), ["hit"]);
  const blind = [entry({ keys: ["Sword(s)?"], use_regex: true, content: "hit" })];
  assert.deepEqual(fired(blind, ["a sword"]), ["hit"]);
});

Deno.test("@@activate_only_after N fires from the Nth character message; @@activate_only_every 0 is no decorator", () => {
  const after = [entry({ content: "@@activate_only_after 3\nlate" })];
  assert.deepEqual(fired(after, ["k"], { characterMessages: 2 }), []);
  assert.deepEqual(fired(after, ["k"], { characterMessages: 3 }), ["late"]);
  const every = [entry({ content: "@@activate_only_every 2\neven" })];
  assert.deepEqual(fired(every, ["k"], { characterMessages: 3 }), []);
  assert.deepEqual(fired(every, ["k"], { characterMessages: 4 }), ["even"]);
  const zero = [entry({ content: "@@activate_only_every 0\nzero" })];
  assert.deepEqual(fired(zero, ["k"], { characterMessages: 3 }), ["zero"], "0 is not a period");
});

Deno.test("the activation defaults are SillyTavern's and the settings' (depth 2, 1024 tokens, 8192 in all, 3 steps)", () => {
  assert.deepEqual(LORE_DEFAULTS, {
    scanDepth: 2,
    tokenBudget: 1024,
    totalTokenBudget: 8192,
    maxRecursionSteps: 3,
    caseSensitive: false,
    wholeWords: false,
    recursiveScanning: false,
  });
  assert.deepEqual(loreDefaults(loadConfig({ env: {}, dotenv: "" })), LORE_DEFAULTS);
});

Deno.test("@@activate_only_every N fires on multiples of N only", () => {
  const third = [entry({ content: "@@activate_only_every 3\nthird" })];
  assert.deepEqual(fired(third, ["k"], { characterMessages: 2 }), [], "2 is not a multiple of 3");
  assert.deepEqual(fired(third, ["k"], { characterMessages: 4 }), []);
  assert.deepEqual(fired(third, ["k"], { characterMessages: 6 }), ["third"]);
});

Deno.test("a 100% entry rolls no dice: the next entry's roll is the first number drawn", () => {
  const entries = [
    entry({ extensions: { probability: 100, useProbability: true }, content: "sure" }),
    entry({ extensions: { probability: 50, useProbability: true }, content: "maybe" }),
  ];
  const rolls = [0.9, 0.1];
  assert.deepEqual(fired(entries, ["k"], { random: () => rolls.shift()! }), ["sure"]);
});

Deno.test("token estimates round up: one token per 4 characters or part of them", () => {
  assert.equal(estimateTokens(""), 0);
  assert.equal(estimateTokens("x"), 1);
  assert.equal(estimateTokens("x".repeat(4)), 1);
  assert.equal(estimateTokens("x".repeat(41)), 11);
});
