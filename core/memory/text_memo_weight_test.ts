import assert from "node:assert/strict";
import { rememberedByText, TEXT_MEMO_CHARS, valueWeight } from "./text_memo.ts";
import { actingEventsOfText } from "./fact_events.ts";

Deno.test("a text memo counts what its values hold against its bound, not only its texts (attack30 F3)", () => {
  // Each short text remembers 2,000 small objects: a memo counting texts alone would keep all
  // 4,000 of them (8 million objects).
  const events = Array.from({ length: 2_000 }, (_, i) => ({ verb: "walked", at: i }));
  const memo = rememberedByText((_text) => events);
  for (let i = 0; i < 4_000; i++) memo(`text ${i}`);
  const weight = valueWeight(events);
  assert.ok(weight >= 2_000 * 16, `${weight}`);
  assert.ok(memo.size <= TEXT_MEMO_CHARS / weight, `${memo.size} texts held`);
  assert.ok(memo.size >= TEXT_MEMO_CHARS / weight / 2 - 1, `${memo.size} texts held`);
});

Deno.test("a value weighs its strings and entries, two levels deep", () => {
  assert.equal(valueWeight(true), 0);
  assert.equal(valueWeight("walked"), 6);
  assert.ok(valueWeight(new Set(["a", "b"])) > valueWeight(new Set(["a"])));
  assert.ok(valueWeight(new Map([["son", { owned: true }]])) > 16);
  // "I walked. " repeated: its events weigh many times its text, as their heap does.
  const text = "I walked. ".repeat(1_000);
  assert.ok(valueWeight(actingEventsOfText(text)) > 4 * text.length);
});

Deno.test("a set or map below two levels weighs its entries (review46 R12: clauses' word sets)", () => {
  const words = new Set(Array.from({ length: 1_000 }, (_, i) => `word${i}`));
  // A text's clauses, each holding the set of its words: three levels down.
  const clauses = [{ unit: "pound", clause: words }];
  assert.ok(valueWeight(clauses) >= 1_000 * 16, `${valueWeight(clauses)}`);
  const deeper = [{ parts: [{ byName: new Map([...words].map((word) => [word, 1])) }] }];
  assert.ok(valueWeight(deeper) >= 1_000 * 16, `${valueWeight(deeper)}`);
});
