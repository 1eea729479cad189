import assert from "node:assert/strict";
import { rememberedByText, TEXT_MEMO_CHARS, TEXT_MEMO_LIMIT } from "./text_memo.ts";

Deno.test("the slot entries a late memo adds for a text count against its characters (review42 R10)", () => {
  // A memo made after 60 others adds a slot of 60+ entries (~500 bytes) for each text only it asks.
  for (let i = 0; i < 60; i++) rememberedByText((text) => text.length);
  const count = TEXT_MEMO_LIMIT - 1_000;
  const length = Math.floor(TEXT_MEMO_CHARS / count) - 10; // the values alone stay within the bound
  const memo = rememberedByText((text) => `${text}:`.padEnd(length, "x"));
  for (let i = 0; i < count; i++) memo(`${i}`);
  assert.ok(memo.size < count, `${memo.size} of ${count} held: the slots were not counted`);
  assert.ok(memo.chars <= TEXT_MEMO_CHARS);
  memo.forget();
  assert.equal(memo.chars, 0);
});

Deno.test("a memo remembers an undefined value as it does any other, and forgets it", () => {
  let computed = 0;
  const memo = rememberedByText((text) => (computed++, text === "none" ? undefined : text.length));
  assert.equal(memo("none"), undefined);
  assert.equal(memo("none"), undefined);
  assert.equal(memo("some"), 4);
  assert.equal(computed, 2, "undefined is held, not worked out again");
  assert.equal(memo.size, 2);
  memo.forget();
  assert.equal(memo("none"), undefined);
  assert.equal(computed, 3);
});
