import assert from "node:assert/strict";
import { MEMORY_WORD_LIMIT, MemoryTexts, TEXT_CACHE_LIMIT } from "./memory_texts.ts";
import type { WordRows } from "./word_rows.ts";

/** Texts of made-up words, read through a table that knows none of them (no vectors needed). */
function texts(): { texts: MemoryTexts; units: () => number } {
  let units = 0;
  const words = {
    unit: () => (units++, undefined),
    related: () => undefined,
    stemInformativeness: () => 1,
  };
  const table = {
    rows: { get: () => undefined },
    rowsByStem: { get: () => undefined },
    informativenessOf: () => 1,
  } as unknown as WordRows;
  return { texts: new MemoryTexts(words, table), units: () => units };
}

Deno.test("a text's words are remembered until TEXT_CACHE_LIMIT other texts were read", () => {
  assert.equal(TEXT_CACHE_LIMIT, 32_768);
  const { texts: memory } = texts();
  const first = memory.contentWords("zork blip");
  assert.deepEqual(first.map((word) => word.word), ["zork", "blip"]);
  for (let i = 1; i < TEXT_CACHE_LIMIT; i++) memory.contentWords(`zork text${i}`);
  assert.equal(memory.contentWords("zork blip"), first, "remembered at the limit");
  memory.contentWords("zork one more");
  assert.notEqual(memory.contentWords("zork blip"), first, "the oldest went");
});

Deno.test("a memory word is prepared once for every text, until MEMORY_WORD_LIMIT other words", () => {
  assert.equal(MEMORY_WORD_LIMIT, 50_000);
  const { texts: memory, units } = texts();
  const [zork] = memory.contentWords("zork");
  assert.equal(memory.contentWords("zork blorf")[0], zork, "the same object in another text");
  assert.equal(units(), 2, "zork and blorf, once each");
  // One word a text: each text is new, each word too.
  for (let i = 2; i < MEMORY_WORD_LIMIT; i++) memory.contentWords(`word${i}`);
  assert.equal(memory.contentWords("zork word2")[0], zork, "remembered at the limit");
  memory.contentWords("onemore");
  assert.notEqual(memory.contentWords("zork word3")[0], zork, "the oldest went");
});
