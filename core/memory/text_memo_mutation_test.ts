import assert from "node:assert/strict";
import { rememberedByText, TEXT_MEMO_CHARS } from "./text_memo.ts";

Deno.test("past TEXT_MEMO_CHARS characters the memo forgets down to half the characters, keeping the newer texts", () => {
  let computed = 0;
  // Each text's value weighs a quarter of the bound with its slot's entries (R10); the texts
  // themselves are counted once for all memos (TEXT_CHARS).
  let slot = 0;
  const memo = rememberedByText((_text) => (computed++, "v".repeat(TEXT_MEMO_CHARS / 4 - slot)));
  memo("probe"); // what a new text's slot weighs in this memo, to fill the bound exactly
  slot = memo.chars - TEXT_MEMO_CHARS / 4;
  memo.forget();
  computed = 0;
  const quarter = (mark: string) => `quarter ${mark}`;
  for (const mark of "abcd") memo(quarter(mark)); // exactly TEXT_MEMO_CHARS: nothing forgotten
  assert.equal(memo.size, 4);
  memo(quarter("e")); // past the bound: forget the oldest until the new one fits in half
  assert.equal(memo.size, 2, "three quarters forgotten: a, b and c");
  const before = computed;
  memo(quarter("d"));
  memo(quarter("e"));
  assert.equal(computed, before, "the newer texts are still remembered");
  memo(quarter("c"));
  assert.equal(computed, before + 1, "the older were forgotten");
});
