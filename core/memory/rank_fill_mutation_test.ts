/**
 * Boundaries of `rank.ts`'s fill (mut62): a single candidate below the bar still fills a list
 * with room for it.
 */
import assert from "node:assert/strict";
import type { Candidate } from "./backend.ts";
import { rank } from "./rank.ts";
import { sampleRecord } from "./testing/record_fixture.ts";

const NOW = Date.UTC(2026, 5, 1);

function candidate(id: string, lexical: number, similarity: number): Candidate {
  return {
    lexical,
    similarity,
    alignment: { score: 0, strongest: 0 },
    record: sampleRecord({
      id,
      content: id,
      importance: 0.5,
      created_at: new Date(NOW).toISOString(),
    }),
  };
}

Deno.test("with fill, one candidate below the bar follows the match when the list has room", () => {
  const ranked = rank([candidate("match", 0.5, 0), candidate("near", 0, 0.3)], {
    now: NOW,
    limit: 3,
    fill: true,
  });
  assert.deepEqual(ranked.map((item) => [item.record.id, item.filler]), [
    ["match", undefined],
    ["near", true],
  ]);
});

Deno.test("a memory replaced through a link ranks just below its replacement, its score kept above 0", () => {
  const older = candidate("older", 0.8, 0);
  older.record = { ...older.record, superseded_by: "newer" };
  const ranked = rank([older, candidate("newer", 0.8, 0), candidate("weak", 0.05, 0)], {
    now: NOW,
    limit: 3,
  });
  assert.deepEqual(ranked.map((item) => item.record.id), ["newer", "older", "weak"]);
  // Its own score halved as superseded (SUPERSEDED 0.5), under the bound JUST_BELOW the newer.
  assert.ok(ranked[1]!.score > 0);
  assert.ok(ranked[1]!.score <= ranked[0]!.score * 0.98);
});

Deno.test("rank with a limit of 0 and no pool returns nothing", () => {
  assert.deepEqual(rank([candidate("match", 0.5, 0)], { now: NOW, limit: 0 }), []);
});

Deno.test("a chain of replacements settles from its newest link down, whatever the candidates' order", () => {
  // "a" is replaced by "b", "b" by "c"; the older two matter more (importance 1), so "b" is
  // lowered under "c" first, and "a" is bounded by the lowered "b", not by its score before.
  const link = (id: string, next: string | null, importance: number, hours: number) => {
    const one = candidate(id, 0.9, 0);
    one.record = {
      ...one.record,
      importance,
      superseded_by: next,
      created_at: new Date(NOW - hours * 3_600_000).toISOString(),
    };
    return one;
  };
  const [a, b, c] = [link("a", "b", 1, 30), link("b", "c", 1, 20), link("c", null, 0, 10)];
  for (const order of [[a, b, c], [c, b, a], [b, a, c]]) {
    const ranked = rank(order, { now: NOW, limit: 3 });
    assert.deepEqual(ranked.map((item) => item.record.id), ["c", "b", "a"]);
    // SUPERSEDED 0.5 is below JUST_BELOW: the bound is half the replacement's score.
    assert.ok(
      ranked[2]!.score <= ranked[1]!.score * 0.5 + 1e-12,
      order.map((x) => x.record.id).join(""),
    );
  }
});
