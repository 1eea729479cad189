import assert from "node:assert/strict";
import type { Candidate } from "./backend.ts";
import { MIN_RELEVANCE, rank, recency, relevance } from "./ranking.ts";
import { sampleRecord } from "./testing/record_fixture.ts";
import type { MemoryRecord } from "./schema.ts";

const NOW = Date.UTC(2026, 5, 1);
const HOUR = 3_600_000;

function candidate(
  content: string,
  similarity: number,
  fields: Partial<MemoryRecord> = {},
): Candidate {
  const created = new Date(NOW - HOUR).toISOString();
  return {
    similarity,
    record: sampleRecord({ id: content, content, created_at: created, ...fields }),
  };
}

Deno.test("recency is 0.995 per hour since the last use, not normalised", () => {
  const { record } = candidate("x", 1, { last_accessed: new Date(NOW - 100 * HOUR).toISOString() });
  assert.ok(Math.abs(recency(record, NOW) - 0.995 ** 100) < 1e-12);
  const fresh = candidate("y", 1, { created_at: new Date(NOW - 5 * 60_000).toISOString() }).record;
  assert.ok(recency(fresh, NOW) > 0.999, "five minutes cost less than a thousandth");
});

Deno.test("relevance blends cosine and word overlap; negatives count as zero", () => {
  assert.equal(relevance(1, 1), 1);
  assert.equal(relevance(-0.5, 0.5), 0.2);
});

Deno.test("the score is the documented blend; relevance is normalised over candidates", () => {
  const ranked = rank(
    [
      candidate("harbor ships", 0.9),
      candidate("harbor", 0.5),
      candidate("unrelated words", 0.05),
    ],
    "harbor ships",
    { now: NOW, limit: 5 },
  );
  assert.deepEqual(ranked.map((item) => item.record.id), ["harbor ships", "harbor"]);
  const rec = 0.995;
  assert.ok(Math.abs(ranked[0]!.score - (3 * 1 + 2 * 0.5 + rec) / 6) < 1e-9);
  assert.ok(Math.abs(ranked[1]!.score - (3 * 0 + 2 * 0.5 + rec) / 6) < 1e-9);
  assert.ok(ranked.every((item) => item.relevance >= MIN_RELEVANCE));
});

Deno.test("importance and recency break near ties in relevance", () => {
  const old = new Date(NOW - 1000 * HOUR).toISOString();
  const ranked = rank(
    [
      candidate("a tale", 0.5, { created_at: old }),
      candidate("a tale again", 0.5, { importance: 0.9 }),
      candidate("a tale told", 0.5),
    ],
    "tale",
    { now: NOW, limit: 3 },
  );
  assert.deepEqual(ranked.map((item) => item.record.id), ["a tale again", "a tale told", "a tale"]);
});
