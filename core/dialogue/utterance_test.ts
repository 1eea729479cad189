import assert from "node:assert/strict";
import { mentions, overlap } from "./utterance.ts";

Deno.test("overlap is the Jaccard similarity of the words of 3+ letters, kept sets or not", () => {
  assert.equal(overlap("I love jazz and blues", "Jazz is not blues, is it?"), 2 / 5);
  assert.equal(overlap("a b c", "jazz"), 0, "no word of 3+ letters on one side");
  assert.equal(overlap("The same words", "the SAME words"), 1);
  // More texts than the memo keeps (it starts over): every answer stays the one computed fresh.
  const texts = Array.from({ length: 200 }, (_, i) => `word${i % 7} shared text${i} tail${i % 3}`);
  for (let round = 0; round < 2; round++) {
    for (const [i, text] of texts.entries()) {
      const other = texts[(i * 37) % texts.length]!;
      const a = new Set(text.toLowerCase().match(/[a-z']+/g)!.filter((w) => w.length >= 3));
      const b = new Set(other.toLowerCase().match(/[a-z']+/g)!.filter((w) => w.length >= 3));
      const shared = [...a].filter((word) => b.has(word)).length;
      assert.equal(overlap(text, other), shared / (a.size + b.size - shared));
    }
  }
});

Deno.test("mentions finds whole names in any case, in order, with patterns reused", () => {
  const names = ["Kira", "Aria", "Bo.b"];
  for (let round = 0; round < 3; round++) {
    assert.deepEqual(mentions("What do you think, aria? And KIRA?", names), ["Aria", "Kira"]);
    assert.deepEqual(mentions("Kiran and Arial and Bob", names), [], "whole words only, escaped");
    assert.deepEqual(mentions("Ask Bo.b, then Kira", names), ["Bo.b", "Kira"]);
  }
});
