/**
 * Pins of the memos' halving past {@linkcode TEXT_CHARS} that mut55's survivors TM-7, TM-9,
 * TM-16, TM-18 and TM-21 passed (session 40, fix149: core/memory/HISTORY.md). The memo made
 * first in this file is the process's first (each test file runs in a worker of its own).
 */
import assert from "node:assert/strict";
import { heldChars, rememberedByText, TEXT_CHARS } from "./text_memo.ts";

const M = TEXT_CHARS / 16;
const text = (mark: string, length: number) => mark.padEnd(length, "x");

Deno.test("every memo forgets, the first made too, and a single held character goes", () => {
  assert.equal(heldChars(), 0, "no other test's texts held");
  const first = rememberedByText((line) => line.length);
  const second = rememberedByText((line) => line.length);
  try {
    first("a");
    second(text("b", TEXT_CHARS - 1));
    assert.equal(heldChars(), TEXT_CHARS);
    second("zz"); // past the bound: both memos forget their older half, "a" with it
    assert.equal(first.size, 0);
    assert.equal(second.size, 1);
    assert.equal(heldChars(), 2);
    second.forget();
    // 1 + TEXT_CHARS passes the bound: the one character held is forgotten (not kept because
    // fewer than two are held).
    second("a");
    second(text("big", TEXT_CHARS));
    assert.equal(second.size, 1);
    assert.equal(heldChars(), TEXT_CHARS);
  } finally {
    first.forget();
    second.forget();
  }
  assert.equal(heldChars(), 0);
});

Deno.test("a halving forgets the older half rounded up: two of three texts", () => {
  const memo = rememberedByText((line) => line.length);
  try {
    memo(text("a1", 9 * M));
    memo(text("a2", M));
    memo(text("a3", 6 * M));
    // ceil(3 / 2) = 2 go (a1, a2): 6 M + 2 fits in half; a floor would keep a2 as well.
    memo("zz");
    assert.equal(memo.size, 2);
    assert.equal(heldChars(), 6 * M + 2);
  } finally {
    memo.forget();
  }
});

Deno.test("memos halve again until the texts and the new one fit in half of TEXT_CHARS, not in all of it", () => {
  const memo = rememberedByText((line) => line.length);
  try {
    memo(text("a1", 2 * M));
    memo(text("a2", 2 * M));
    memo(text("a3", 12 * M));
    assert.equal(heldChars(), TEXT_CHARS);
    // One halving (a1, a2) leaves 12 M + 2 > TEXT_CHARS / 2: a second forgets a3.
    memo("zz");
    assert.equal(memo.size, 1);
    assert.equal(heldChars(), 2);
  } finally {
    memo.forget();
  }
});

Deno.test("after a halving each held text still releases its own value's weight", () => {
  // a1's value is heavy, the others' light: released in a2's or a3's place, the memo's count
  // of characters would fall below zero.
  const memo = rememberedByText((line) => line.startsWith("a1") ? "v".repeat(100_000) : 1);
  try {
    for (const mark of ["a1", "a2", "a3", "a4"]) memo(text(mark, 4 * M));
    assert.ok(memo.chars >= 100_000);
    // Two halvings: a1 and a2 go, then a3 (4 M + 2 fits in half).
    memo("zz");
    assert.equal(memo.size, 2);
    assert.ok(memo.chars >= 0 && memo.chars < 1_000, `${memo.chars}: a4's and zz's weights`);
  } finally {
    memo.forget();
  }
});
