import assert from "node:assert/strict";
import {
  heldTexts,
  holdsText,
  memoLookups,
  memoSizes,
  prepareText,
  rememberedByText,
  TEXT_MEMO_CHARS,
  TEXT_MEMO_LIMIT,
  type TextMemo,
} from "./text_memo.ts";

Deno.test("a remembered function computes each text once, undefined results included", () => {
  const asked: string[] = [];
  const memo = rememberedByText((text) => {
    asked.push(text);
    return text === "none" ? undefined : text.length;
  });
  assert.equal(memo("abc"), 3);
  assert.equal(memo("abc"), 3);
  assert.equal(memo("none"), undefined);
  assert.equal(memo("none"), undefined);
  assert.deepEqual(asked, ["abc", "none"]);
  memo.forget();
  memo("abc");
  assert.deepEqual(asked, ["abc", "none", "abc"], "forgotten");
});

Deno.test("memoLookups counts every lookup of every memo, held or worked out", () => {
  const memo = rememberedByText((text) => text.length);
  const other = rememberedByText((text) => text.toUpperCase());
  const before = memoLookups();
  memo("counted");
  memo("counted");
  other("counted");
  assert.equal(memoLookups() - before, 3);
});

Deno.test("past TEXT_MEMO_LIMIT texts or TEXT_MEMO_CHARS characters the memo forgets its older half", () => {
  let computed = 0;
  const memo = rememberedByText((text) => (computed++, text.length));
  memo("oldest");
  for (let i = 1; i < TEXT_MEMO_LIMIT; i++) memo(`text ${i}`);
  const before = computed;
  memo("oldest");
  assert.equal(computed, before, "still remembered when full");
  memo("one more");
  memo(`text ${TEXT_MEMO_LIMIT - 1}`);
  memo(`text ${TEXT_MEMO_LIMIT / 2 + 1}`);
  assert.equal(computed, before + 1, "the newer half is still remembered (attack29 F2)");
  assert.equal(memo.size, TEXT_MEMO_LIMIT / 2);
  memo("oldest");
  memo(`text ${TEXT_MEMO_LIMIT / 2 - 1}`);
  assert.equal(computed, before + 3, "the older half was forgotten");

  memo.forget();
  // Two values of half the characters each (and their slot entries) are more than it holds.
  const heavy = rememberedByText((text) => (computed++, text.repeat(TEXT_MEMO_CHARS / 2)));
  computed = 0;
  heavy("x");
  heavy("y");
  heavy("x");
  assert.equal(computed, 3, "two heavy values are more than it holds: the first was forgotten");
  memo.forget();
  heavy.forget();
});

Deno.test("memos hold their texts in one shared table: one entry per text, released when no memo holds it", () => {
  const before = heldTexts();
  let firstComputed = 0;
  const first = rememberedByText((text) => (firstComputed++, text.length));
  first("shared text");
  first("first's own");
  const second = rememberedByText((text) => text.toUpperCase());
  assert.equal(second("shared text"), "SHARED TEXT", "a memo made after the text's entry");
  assert.equal(heldTexts(), before + 2, "the shared text is one entry for both memos");
  assert.equal(first.size, 2);
  assert.equal(second.size, 1);
  first.forget();
  assert.equal(heldTexts(), before + 1, "first's own text released, the shared one still held");
  assert.equal(second("shared text"), "SHARED TEXT");
  assert.equal(second.size, 1);
  first("shared text");
  assert.equal(firstComputed, 3, "forgotten by the first memo alone");
  first.forget();
  second.forget();
  assert.equal(heldTexts(), before, "nothing left behind");
});

Deno.test("a compute that asks its own memo the same text leaves it held once", () => {
  const before = heldTexts();
  let depth = 0;
  const memo: TextMemo<number> = rememberedByText((text): number =>
    depth++ === 0 ? memo(text) + 1 : text.length
  );
  assert.equal(memo("abc"), 4);
  assert.equal(memo("abc"), 4, "the outer value replaced the inner one");
  assert.equal(memo.size, 1);
  memo.forget();
  assert.equal(heldTexts(), before);
});

Deno.test("prepareText asks every memo made with everyCandidate, once a text, and no other memo", () => {
  const asked: string[] = [];
  const every = rememberedByText((text) => (asked.push(`every ${text}`), text.length), {
    everyCandidate: true,
  });
  const other = rememberedByText((text) => (asked.push(`other ${text}`), text.length));
  try {
    prepareText("a prepared text");
    prepareText("a prepared text");
    assert.deepEqual(asked, ["every a prepared text"]);
    assert.equal(holdsText("a prepared text"), true);
    assert.equal(every("a prepared text"), 15, "remembered: not worked out again");
    assert.deepEqual(asked, ["every a prepared text"]);
    assert.equal(other.size, 0);
    assert.equal(holdsText("never prepared"), false);
  } finally {
    every.forget();
    other.forget();
  }
});

Deno.test("memoSizes counts each memo's texts in the order the memos were made", () => {
  const first = rememberedByText((text) => text.length);
  const second = rememberedByText((text) => text.length);
  try {
    first("one");
    first("two");
    second("one");
    assert.deepEqual(memoSizes().slice(-2), [2, 1]);
  } finally {
    first.forget();
    second.forget();
  }
  assert.deepEqual(memoSizes().slice(-2), [0, 0]);
});
