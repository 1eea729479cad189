import assert from "node:assert/strict";
import { stem } from "../text.ts";
import { MemoryTexts } from "./memory_texts.ts";
import type { WordRows } from "./word_rows.ts";

Deno.test("a memory word's informativeness is its own row's, else its stem's most frequent word's", () => {
  // Row numbers stand for informativeness (row / 10), so each answer names the row it read.
  const table = {
    rows: { get: (word: string) => (word === "zorks" ? 5 : undefined) },
    rowsByStem: {
      get: (wordStem: string) =>
        wordStem === stem("zorks") ? 9 : wordStem === stem("blorfs") ? 7 : undefined,
    },
    informativenessOf: (row: number | undefined) => (row === undefined ? 1 : row / 10),
  } as unknown as WordRows;
  const words = { unit: () => undefined, related: () => undefined, stemInformativeness: () => 1 };
  const memory = new MemoryTexts(words, table);
  const [zorks, blorfs, quux] = memory.contentWords("zorks blorfs quuxes");
  assert.equal(zorks!.informativeness, 0.5, "the word's own row, not its stem's");
  assert.equal(blorfs!.informativeness, 0.7, "no row of its own: its stem's");
  assert.equal(quux!.informativeness, 1, "neither: fully informative");
});
