import assert from "node:assert/strict";
import { activateLore, type ActivationInput, LORE_DEFAULTS, loreAt } from "./activate.ts";
import type { Lorebook, LoreEntry } from "./book.ts";

function entry(fields: Partial<LoreEntry> & { content: string }): LoreEntry {
  return {
    keys: [],
    extensions: {},
    enabled: true,
    insertion_order: 100,
    use_regex: false,
    ...fields,
  };
}

function book(entries: LoreEntry[], fields: Partial<Lorebook> = {}): Lorebook {
  return { extensions: {}, entries, ...fields };
}

/** Runs activation of one book over `chat` (oldest first) and returns the fired contents. */
function fire(
  lorebook: Lorebook,
  chat: string[],
  options: Partial<ActivationInput> = {},
): string[] {
  return activateLore({
    books: [{ id: "b1", name: "Book", book: lorebook }],
    messages: chat.map((text) => ({ name: "", text })),
    ...options,
  }).fired.map((fired) => fired.content);
}

Deno.test("a key in the latest message fires its entry; no key, no entry", () => {
  const lore = book([entry({ keys: ["dragon"], content: "Dragons hoard gold." })]);
  assert.deepEqual(fire(lore, ["Is there a dragon here?"]), ["Dragons hoard gold."]);
  assert.deepEqual(fire(lore, ["Is there a wyvern here?"]), []);
});

Deno.test("secondary keys follow selectiveLogic: AND ANY, NOT ALL, NOT ANY, AND ALL", () => {
  const cases: Array<[number, string, boolean]> = [
    [0, "dragon and gold", true],
    [0, "dragon alone", false],
    [1, "dragon gold silver", false],
    [1, "dragon gold", true],
    [2, "dragon gold", false],
    [2, "dragon alone", true],
    [3, "dragon gold", false],
    [3, "dragon gold silver", true],
  ];
  for (const [logic, text, fires] of cases) {
    const lore = book([entry({
      keys: ["dragon"],
      selective: true,
      secondary_keys: ["gold", "silver"],
      extensions: { selectiveLogic: logic },
      content: "hit",
    })]);
    assert.equal(fire(lore, [text]).length === 1, fires, `logic ${logic} on "${text}"`);
  }
});

Deno.test("secondary keys are ignored unless the entry is selective", () => {
  const lore = book([entry({ keys: ["dragon"], secondary_keys: ["gold"], content: "hit" })]);
  assert.deepEqual(fire(lore, ["a dragon"]), ["hit"]);
});

Deno.test("keys ignore case by default; case_sensitive (field or extension) makes them exact", () => {
  const blind = book([entry({ keys: ["Eldoria"], content: "hit" })]);
  assert.deepEqual(fire(blind, ["welcome to ELDORIA"]), ["hit"]);
  const exact = book([entry({ keys: ["Eldoria"], case_sensitive: true, content: "hit" })]);
  assert.deepEqual(fire(exact, ["welcome to eldoria"]), []);
  assert.deepEqual(fire(exact, ["welcome to Eldoria"]), ["hit"]);
  const viaExtension = book([
    entry({ keys: ["Eldoria"], extensions: { case_sensitive: true }, content: "hit" }),
  ]);
  assert.deepEqual(fire(viaExtension, ["welcome to eldoria"]), []);
  const defaults = { ...LORE_DEFAULTS, caseSensitive: true };
  assert.deepEqual(fire(blind, ["welcome to eldoria"], { defaults }), []);
});

Deno.test("match_whole_words stops a key from firing inside a longer word", () => {
  const loose = book([entry({ keys: ["art"], content: "hit" })]);
  assert.deepEqual(fire(loose, ["what a party"]), ["hit"], "substring by default");
  const whole = book([
    entry({ keys: ["art"], extensions: { match_whole_words: true }, content: "hit" }),
  ]);
  assert.deepEqual(fire(whole, ["what a party"]), []);
  assert.deepEqual(fire(whole, ["I love art!"]), ["hit"]);
  assert.deepEqual(fire(whole, ["(art)"]), ["hit"], "punctuation is a word edge");
  const accented = book([
    entry({ keys: ["café"], extensions: { match_whole_words: true }, content: "hit" }),
  ]);
  assert.deepEqual(fire(accented, ["cafés"]), [], "letters of any script extend a word");
  assert.deepEqual(fire(accented, ["un café noir"]), ["hit"]);
});

Deno.test("use_regex keys are patterns; /pattern/flags keys bring their flags; bad patterns never fire", () => {
  const regex = book([entry({ keys: ["sword(s|fight)"], use_regex: true, content: "hit" })]);
  assert.deepEqual(fire(regex, ["a SWORDFIGHT began"]), ["hit"], "case-blind by default");
  assert.deepEqual(fire(regex, ["a sword"]), []);
  const literal = book([entry({ keys: ["/^hello\\b/"], content: "hit" })]);
  assert.deepEqual(fire(literal, ["hello there"]), ["hit"]);
  assert.deepEqual(fire(literal, ["HELLO there"]), [], "no i flag: exact case");
  const flagged = book([entry({ keys: ["/^hello/i"], content: "hit" })]);
  assert.deepEqual(fire(flagged, ["HELLO there"]), ["hit"]);
  const broken = book([
    entry({ keys: ["(unclosed", "(?<=look)behind"], use_regex: true, content: "hit" }),
  ]);
  assert.deepEqual(fire(broken, ["(unclosed lookbehind"]), []);
});

Deno.test("a catastrophic pattern cannot hang the scan (RE2 matches in linear time)", () => {
  const evil = book([entry({ keys: ["(a+)+$"], use_regex: true, content: "hit" })]);
  const started = performance.now();
  assert.deepEqual(fire(evil, [`${"a".repeat(50_000)}!`]), []);
  assert.ok(performance.now() - started < 5000, "finished");
});

Deno.test("SillyTavern's blanket use_regex: true does not turn its plain keys into patterns", () => {
  const exported = book([entry({
    keys: ["C++"],
    use_regex: true,
    extensions: { selectiveLogic: 0, display_index: 0 },
    content: "hit",
  })]);
  assert.deepEqual(fire(exported, ["I write C++ daily"]), ["hit"]);
});

Deno.test("constant entries fire without keys; disabled entries never fire, even constant ones", () => {
  const lore = book([
    entry({ constant: true, content: "always" }),
    entry({ constant: true, enabled: false, content: "never" }),
    entry({ keys: ["x"], enabled: false, content: "never either" }),
  ]);
  assert.deepEqual(fire(lore, ["x"]), ["always"]);
});

Deno.test("scan depth: only the last N messages are scanned (entry, then book, then default)", () => {
  const chat = ["the dragon left", "hello", "how are you?"];
  const byDefault = book([entry({ keys: ["dragon"], content: "hit" })]);
  assert.deepEqual(fire(byDefault, chat), [], "default depth 2 does not reach the third message");
  assert.deepEqual(fire(book(byDefault.entries, { scan_depth: 3 }), chat), ["hit"]);
  const perEntry = book([
    entry({ keys: ["dragon"], extensions: { scan_depth: 3 }, content: "hit" }),
  ], {
    scan_depth: 1,
  });
  assert.deepEqual(fire(perEntry, chat), ["hit"], "the entry's own scan depth wins");
  const none = book(byDefault.entries, { scan_depth: 0 });
  assert.deepEqual(fire(none, ["dragon"]), [], "depth 0 scans no message");
});

Deno.test("the token budget admits the highest insertion order first and closes the book at the first misfit", () => {
  const forty = "x".repeat(160); // 40 estimated tokens
  const lore = book([
    entry({ keys: ["k"], insertion_order: 10, content: `low ${forty}` }),
    entry({ keys: ["k"], insertion_order: 30, content: `high ${forty}` }),
    entry({ keys: ["k"], insertion_order: 20, content: `mid ${forty}` }),
    entry({ keys: ["k"], insertion_order: 5, content: "tiny" }),
  ], { token_budget: 90 });
  const result = activateLore({
    books: [{ id: "b1", name: "Book", book: lore }],
    messages: [{ name: "user", text: "k" }],
  });
  assert.deepEqual(result.fired.map((f) => f.content.split(" ")[0]), ["mid", "high"]);
  assert.deepEqual(result.cut.map((c) => [c.label, c.reason]), [["k", "budget"], ["k", "budget"]]);
  assert.deepEqual(result.cut.map((c) => c.entry), [0, 3], "low did not fit; tiny came after");
});

Deno.test("priority, when given, decides the budget before insertion order", () => {
  const big = "y".repeat(200);
  const lore = book([
    entry({ keys: ["k"], insertion_order: 1, priority: 90, content: `keep ${big}` }),
    entry({ keys: ["k"], insertion_order: 99, priority: 10, content: `drop ${big}` }),
  ], { token_budget: 60 });
  assert.deepEqual(fire(lore, ["k"]).map((c) => c.split(" ")[0]), ["keep"]);
});

Deno.test("recursive scanning lets fired content fire other entries, up to the step limit", () => {
  const chain = [
    entry({ keys: ["alpha"], content: "alpha leads to beta" }),
    entry({ keys: ["beta"], content: "beta leads to gamma" }),
    entry({ keys: ["gamma"], content: "gamma leads to delta" }),
    entry({ keys: ["delta"], content: "delta ends it" }),
  ];
  assert.deepEqual(fire(book(chain), ["alpha"]), ["alpha leads to beta"], "off by default");
  const recursive = book(chain, { recursive_scanning: true });
  assert.equal(fire(recursive, ["alpha"]).length, 4);
  const limited = fire(recursive, ["alpha"], {
    defaults: { ...LORE_DEFAULTS, maxRecursionSteps: 2 },
  });
  assert.deepEqual(limited, ["alpha leads to beta", "beta leads to gamma", "gamma leads to delta"]);
  const result = activateLore({
    books: [{ id: "b1", name: "Book", book: recursive }],
    messages: [{ name: "", text: "alpha" }],
  });
  assert.deepEqual(result.fired.map((f) => [f.via, f.step]), [
    ["key", 0],
    ["recursion", 1],
    ["recursion", 2],
    ["recursion", 3],
  ]);
});

Deno.test("prevent_recursion, exclude_recursion and delay_until_recursion shape recursion", () => {
  const prevented = book([
    entry({ keys: ["alpha"], extensions: { prevent_recursion: true }, content: "mentions beta" }),
    entry({ keys: ["beta"], content: "beta" }),
  ], { recursive_scanning: true });
  assert.deepEqual(fire(prevented, ["alpha"]), ["mentions beta"]);
  const excluded = book([
    entry({ keys: ["alpha"], content: "mentions beta" }),
    entry({ keys: ["beta"], extensions: { exclude_recursion: true }, content: "beta" }),
  ], { recursive_scanning: true });
  assert.deepEqual(fire(excluded, ["alpha"]), ["mentions beta"]);
  const delayed = book([
    entry({ keys: ["alpha"], content: "alpha text" }),
    entry({ keys: ["alpha"], extensions: { delay_until_recursion: true }, content: "late" }),
  ], { recursive_scanning: true });
  const result = activateLore({
    books: [{ id: "b", name: "B", book: delayed }],
    messages: [{ name: "", text: "alpha" }],
  });
  assert.deepEqual(result.fired.map((f) => [f.content, f.step]), [["alpha text", 0], ["late", 1]]);
});

Deno.test("fired entries come in insertion order with their positions, at-depth ones with depth and role", () => {
  const lore = book([
    entry({ keys: ["k"], insertion_order: 50, position: "after_char", content: "after" }),
    entry({ keys: ["k"], insertion_order: 10, content: "before" }),
    entry({
      keys: ["k"],
      insertion_order: 5,
      extensions: { position: 4, depth: 2, role: 1 },
      content: "deep",
    }),
    entry({ keys: ["k"], insertion_order: 1, extensions: { position: 5 }, content: "examples" }),
  ]);
  const result = activateLore({
    books: [{ id: "b", name: "B", book: lore }],
    messages: [{ name: "", text: "k" }],
  });
  assert.deepEqual(result.fired.map((f) => f.content), ["examples", "deep", "before", "after"]);
  const deep = result.fired.find((f) => f.content === "deep");
  assert.deepEqual([deep?.position, deep?.depth, deep?.role], ["at_depth", 2, "user"]);
  assert.equal(loreAt(result, "before_char"), "before");
  assert.equal(loreAt(result, "after_char"), "after");
  assert.equal(loreAt(result, "before_examples"), "examples");
});

Deno.test("decorators: activate, dont_activate, additional and exclude keys, fallbacks, position", () => {
  const lore = book([
    entry({ content: "@@activate\nforced" }),
    entry({ keys: ["k"], content: "@@dont_activate\nsuppressed" }),
    entry({ keys: ["k"], content: "@@additional_keys gold\nneeds gold" }),
    entry({ keys: ["k"], content: "@@exclude_keys silver\nno silver" }),
    entry({ keys: ["k"], content: "@@unknown_one 3\n@@@position after_desc\nfell back" }),
  ]);
  const result = activateLore({
    books: [{ id: "b", name: "B", book: lore }],
    messages: [{ name: "", text: "k and silver" }],
  });
  assert.deepEqual(result.fired.map((f) => [f.content, f.via, f.position]), [
    ["forced", "decorator", "before_char"],
    ["fell back", "key", "after_char"],
  ]);
  const gold = activateLore({
    books: [{ id: "b", name: "B", book: lore }],
    messages: [{ name: "", text: "k and gold" }],
  });
  assert.ok(gold.fired.some((f) => f.content === "needs gold"));
  assert.ok(gold.fired.some((f) => f.content === "no silver"));
});

Deno.test("macros are replaced in keys and content; each fired entry reports how it fired", () => {
  const lore = book([
    entry({ keys: ["{{char}}"], comment: "about me", content: "{{char}} is kind" }),
  ]);
  const result = activateLore({
    books: [{ id: "b", name: "B", book: lore }],
    messages: [{ name: "user", text: "tell me about Seraphina" }],
    substitute: (text) => text.replaceAll("{{char}}", "Seraphina"),
  });
  assert.deepEqual(result.fired.map((f) => ({ ...f, tokens: 0 })), [{
    lorebook_id: "b",
    lorebook_name: "B",
    entry: 0,
    label: "about me",
    via: "key",
    matched_key: "Seraphina",
    step: 0,
    position: "before_char",
    insertion_order: 100,
    tokens: 0,
    content: "Seraphina is kind",
  }]);
});

Deno.test("message names are scanned; empty content never fires; probability rolls", () => {
  const named = book([entry({ keys: ["Kira"], content: "hit" })]);
  const result = activateLore({
    books: [{ id: "b", name: "B", book: named }],
    messages: [{ name: "Kira", text: "hello" }],
  });
  assert.equal(result.fired.length, 1);
  assert.deepEqual(fire(book([entry({ keys: ["k"], content: "  " })]), ["k"]), []);
  const chance = book([entry({ keys: ["k"], extensions: { probability: 30 }, content: "lucky" })]);
  assert.deepEqual(fire(chance, ["k"], { random: () => 0.1 }), ["lucky"]);
  assert.deepEqual(fire(chance, ["k"], { random: () => 0.5 }), []);
});
