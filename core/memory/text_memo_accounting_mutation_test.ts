import assert from "node:assert/strict";
import {
  heldTexts,
  rememberedByText,
  TEXT_MEMO_CHARS,
  type TextMemo,
  textMemosBelow,
} from "./text_memo.ts";

/**
 * A short text naming `share` and `mark`, whose value (see {@linkcode weighed}) weighs `share`
 * of TEXT_MEMO_CHARS: a memo counts its values, the texts are counted once for all memos.
 */
const heavy = (share: number, mark: string) => `${share} ${mark}`;
/** The value of a {@linkcode heavy} text: a string of its share of TEXT_MEMO_CHARS. */
const weighed = (text: string) => "v".repeat(TEXT_MEMO_CHARS * Number(text.split(" ")[0]));

Deno.test("a memo is as full as the larger of its share of texts and of characters", () => {
  const memo = rememberedByText(weighed);
  memo(heavy(0.6, "a"));
  assert.equal(textMemosBelow(0.5), false, "one text, but 60 % of the characters");
  assert.equal(textMemosBelow(0.7), true);
  memo.forget();
});

Deno.test("after forgetting, each held text still counts its own characters", () => {
  let computed = 0;
  const memo = rememberedByText((text) => (computed++, weighed(text)));
  memo(heavy(0.5, "a"));
  memo(heavy(0.5, "b")); // exactly full
  memo(heavy(0.25, "c")); // forgets a and b: c is held alone
  memo(heavy(0.5, "d")); // 3/4 full
  memo(heavy(0.5, "e")); // forgets c and d: e alone, half full
  assert.equal(memo.size, 1);
  // Past the bound again: e (half) and f (5/8) cannot both be held.
  memo(heavy(0.625, "f"));
  assert.equal(memo.size, 1, "e forgotten: it counted its own half, not a's");
  const before = computed;
  memo(heavy(0.5, "e"));
  assert.equal(computed, before + 1);
  memo.forget();
});

Deno.test("a value worked out again by a compute that asks its own memo stays held when its first was forgotten", () => {
  const before = heldTexts();
  let computed = 0;
  let depth = 0;
  // The inner value holds 60 % of the characters; the outer one, added after it, forgets it.
  const memo: TextMemo<string> = rememberedByText((text): string => {
    computed++;
    return depth++ === 0 ? memo(text) + "w" : weighed(text);
  });
  const text = heavy(0.6, "a");
  const length = TEXT_MEMO_CHARS * 0.6 + 1;
  assert.equal(memo(text).length, length);
  assert.equal(memo(text).length, length);
  assert.equal(computed, 2, "the outer value is remembered");
  assert.equal(heldTexts(), before + 1);
  memo.forget();
  assert.equal(heldTexts(), before);
});
