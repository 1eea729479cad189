import assert from "node:assert/strict";
import { type Filler, fillUp } from "./fill.ts";
import { FILL_SIMILARITY, mayFill } from "./ranking.ts";
import type { Ranked } from "./rank.ts";
import { sampleRecord } from "./testing/record_fixture.ts";

/** A ranked memory `id` of `score`, created at `created_at`. */
function ranked(id: string, score: number, created_at = "2026-01-01T00:00:00.000Z"): Ranked {
  return {
    record: sampleRecord({ id, content: id, created_at }),
    relevance: score,
    recency: 1,
    score,
  };
}

const filler = (id: string, score: number, similarity: number): Filler<Ranked> => ({
  ranked: ranked(id, score),
  similarity,
});

Deno.test("fillers follow the matches up to the limit, best scored first, never above a match", () => {
  const found = [ranked("match", 0.5), ranked("weak match", 0.01)];
  const fillers = [filler("near", 0.05, 0.3), filler("nearer", 0.02, 0.4), filler("far", 0, 0.1)];
  const filled = fillUp(found, fillers, 4);
  assert.deepEqual(filled.map((item) => item.record.id), ["match", "weak match", "near", "nearer"]);
  assert.deepEqual(filled.map((item) => item.filler), [undefined, undefined, true, true]);
  assert.equal(fillUp(found, fillers, 2), found, "a full list is left as it is");
  assert.equal(fillers[0]!.ranked.filler, undefined, "the fillers themselves are not marked");
});

Deno.test("fillers of equal score come nearest first (most score 0: no word, a faint cosine)", () => {
  const fillers = [filler("a", 0, 0.05), filler("b", 0, 0.12), filler("c", 0, 0.08)];
  assert.deepEqual(fillUp([], fillers, 5).map((item) => item.record.id), ["b", "c", "a"]);
  const nan = { ranked: { ...ranked("nan", 0), score: NaN }, similarity: 0.5 };
  assert.deepEqual(
    fillUp([], [filler("x", 0.01, 0.01), nan], 2).map((item) => item.record.id),
    ["x", "nan"],
    "a score that is no number ranks as 0",
  );
});

Deno.test("only a memory with a cosine above FILL_SIMILARITY (0) fills a list", () => {
  assert.equal(FILL_SIMILARITY, 0);
  assert.equal(mayFill(0.001), true);
  assert.equal(mayFill(0), false);
  assert.equal(mayFill(-0.2), false);
  assert.equal(mayFill(NaN), false);
});
