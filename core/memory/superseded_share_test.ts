import assert from "node:assert/strict";
import type { Candidate } from "./backend.ts";
import { JUST_BELOW, nudge, recency, SUPERSEDED, supersededFactor } from "./ranking.ts";
import { rank } from "./rank.ts";
import { sampleRecord } from "./testing/record_fixture.ts";
import type { MemoryRecord } from "./schema.ts";

const NOW = Date.UTC(2026, 5, 1);
const HOUR = 3_600_000;
const OLD = "My little sister Bisi has a braiding salon, and I get my hair done free as her sister";
const NEW = "Bisi moved the salon to Roundhay Road";

function candidate(content: string, lexical: number, fields: Partial<MemoryRecord>): Candidate {
  const created = new Date(NOW - HOUR).toISOString();
  return {
    lexical,
    similarity: 0,
    record: sampleRecord({ id: content, content, created_at: created, importance: 0.5, ...fields }),
  };
}

/** The older and the newer memory ranked, the older's unreplaced share `share`. */
function ranked(share: number | undefined, lexical = { older: 0.8, newer: 0.2 }, importance = 0.5) {
  const older = candidate(OLD, lexical.older, { superseded_by: NEW });
  const newer = candidate(NEW, lexical.newer, { supersedes: [OLD], importance });
  const asked: [MemoryRecord, MemoryRecord][] = [];
  const hits = rank([older, newer], {
    now: NOW,
    limit: 5,
    unreplaced: share === undefined ? undefined : (a, b) => {
      asked.push([a, b]);
      return share;
    },
  });
  const byId = new Map(hits.map((hit) => [hit.record.id, hit]));
  return { hits, older: byId.get(OLD)!, newer: byId.get(NEW)!, asked };
}

Deno.test("a superseded memory's factor: halved for what is replaced, kept for the rest", () => {
  assert.equal(SUPERSEDED, 0.5);
  assert.equal(supersededFactor(0), SUPERSEDED);
  assert.equal(supersededFactor(1), 1);
  assert.equal(supersededFactor(0.5), 0.75, "linear between");
  assert.equal(supersededFactor(0.2), 0.6);
  // Out of 0..1 clamped; no number is nothing kept.
  assert.equal(supersededFactor(-1), SUPERSEDED);
  assert.equal(supersededFactor(2), 1);
  assert.equal(supersededFactor(NaN), SUPERSEDED);
  assert.equal(supersededFactor(Infinity), SUPERSEDED);
});

Deno.test("rank asks the unreplaced share of the older memory and its replacement", () => {
  const { asked } = ranked(0.3);
  assert.deepEqual(asked.map(([a, b]) => [a.id, b.id]), [[OLD, NEW]]);
});

Deno.test("the older memory keeps its unreplaced share's score, never above its replacement", () => {
  const ownScore = (relevanceOf: number) =>
    relevanceOf * nudge(0.5, recency(ranked(0).older.record, NOW));
  // No share (or none asked for): halved, as before.
  for (const share of [undefined, 0]) {
    const { older, newer, hits } = ranked(share);
    assert.equal(hits[0]!.record.id, NEW);
    assert.ok(Math.abs(older.score - ownScore(older.relevance) * SUPERSEDED) < 1e-12);
    assert.ok(older.score <= newer.score * SUPERSEDED + 1e-12, "clearly below");
  }
  // Half of the match unreplaced: 0.75 of its score, when that stays under its replacement's.
  const half = ranked(0.5, { older: 0.8, newer: 0.8 });
  assert.ok(Math.abs(half.older.score - ownScore(half.older.relevance) * 0.75) < 1e-12);
  assert.ok(half.older.score < half.newer.score * 0.75 + 1e-12);
  // All of it unreplaced: its own score, bounded at JUST_BELOW of the replacement's (here
  // lower: it matches nothing itself and matters less).
  const all = ranked(1, { older: 0.8, newer: 0 }, 0);
  assert.equal(all.hits[0]!.record.id, NEW, "the replacement still first");
  assert.ok(all.older.score > all.newer.score * SUPERSEDED * 1.5, "not halved");
  assert.ok(all.older.score < ownScore(all.older.relevance), "bounded");
  assert.ok(Math.abs(all.older.score - all.newer.score * JUST_BELOW) < 1e-12, "just below");
  // Own score above the replacement's, the bound is the lower of the factor and JUST_BELOW:
  // at 0.9 unreplaced, 0.95 of the replacement's.
  const most = ranked(0.9, { older: 0.8, newer: 0 }, 0);
  assert.ok(Math.abs(most.older.score - most.newer.score * 0.95) < 1e-12);
  // Unbounded, the older memory keeps exactly its factor of its own score.
  const kept = ranked(1);
  assert.ok(Math.abs(kept.older.score - ownScore(kept.older.relevance)) < 1e-12, "its own score");
  assert.ok(kept.older.score < kept.newer.score * JUST_BELOW + 1e-12);
});
