import assert from "node:assert/strict";
import { CONTENT_LIMIT } from "./schema.ts";
import { heldChars, rememberedByText, TEXT_CHARS, textMemosBelow } from "./text_memo.ts";

Deno.test("a text many memos hold counts its characters once, not once a memo (attack38 A3)", () => {
  // A search's pool of 1,000 memories of the longest content, asked by twelve memos in turn,
  // twice: counted by each memo, 10 M characters each passed the memos' bound and each memo
  // forgot the older half within the pass, and worked the same texts out again in the next.
  const texts = Array.from({ length: 1_000 }, (_, i) => `${i} `.padEnd(CONTENT_LIMIT, "x"));
  let computed = 0;
  const memos = Array.from({ length: 12 }, () => rememberedByText((_text) => (computed++, 1)));
  const before = heldChars();
  try {
    for (let pass = 0; pass < 2; pass++) {
      for (const text of texts) for (const memo of memos) memo(text);
    }
    assert.equal(computed, 12 * 1_000, "each text worked out once by each memo");
    assert.equal(heldChars() - before, 1_000 * CONTENT_LIMIT, "each text counted once");
    for (const memo of memos) {
      assert.ok(memo.chars < 1_000 * 100, `${memo.chars}: a memo counts its values, not the texts`);
    }
  } finally {
    for (const memo of memos) memo.forget();
  }
  assert.equal(heldChars(), before, "released with the last memo's value");
});

Deno.test("past TEXT_CHARS characters of texts every memo forgets its older half, until half is held", () => {
  const quarter = TEXT_CHARS / 4;
  let computed = 0;
  const first = rememberedByText((text) => (computed++, text.length));
  const second = rememberedByText((text) => (computed++, text.length));
  const text = (mark: string, length: number) => mark.padEnd(length, "x");
  const before = heldChars();
  assert.equal(before, 0, "no other test's texts held");
  try {
    first(text("a1", quarter + 2));
    second(text("b1", quarter + 2));
    first(text("a2", quarter - 2));
    second(text("b2", quarter - 2));
    assert.equal(heldChars(), TEXT_CHARS, "exactly the bound: nothing forgotten");
    assert.equal(textMemosBelow(0.9), false, "as full as the texts they hold");
    assert.equal(computed, 4);
    second("cdef"); // past the bound: each memo forgets its older half, a1 and b1
    assert.equal(heldChars(), TEXT_CHARS / 2, "a2, b2 and cdef: exactly half the bound, no less");
    assert.equal(first.size, 1);
    assert.equal(second.size, 2);
    assert.equal(textMemosBelow(0.5), false, "half full");
    assert.equal(textMemosBelow(0.51), true);
    first(text("a2", quarter - 2));
    second(text("b2", quarter - 2));
    assert.equal(computed, 5, "the newer texts are still remembered");
    first(text("a1", quarter + 2));
    assert.equal(computed, 6, "the older were forgotten");
  } finally {
    first.forget();
    second.forget();
  }
  assert.equal(heldChars(), 0);
});
