import assert from "node:assert/strict";
import type { Candidate } from "./backend.ts";
import { rank, type Ranked } from "./rank.ts";
import { sampleRecord } from "./testing/record_fixture.ts";

const NOW = Date.UTC(2026, 5, 1);
const HOUR = 3_600_000;

/** A candidate of `lexical` relevance created `hours` ago. */
function candidate(id: string, lexical: number, hours: number, content = id): Candidate {
  return {
    lexical,
    similarity: 0,
    alignment: { score: 0, strongest: 0 },
    record: sampleRecord({
      id,
      content,
      importance: 0.5,
      created_at: new Date(NOW - hours * HOUR).toISOString(),
    }),
  };
}

const ids = (ranked: readonly Ranked[]) => ranked.map((item) => item.record.id);

Deno.test("rank's first places are those of a sort of all, ties at the last place included", () => {
  // Equal scores around the cut (same relevance and age) break on content, then keep their order.
  const candidates = [
    candidate("low", 0.2, 1),
    candidate("tie-b", 0.6, 2, "b"),
    candidate("best", 0.9, 1),
    candidate("tie-a", 0.6, 2, "a"),
    candidate("tie-c", 0.6, 2, "c"),
    candidate("twin-1", 0.6, 2, "c"),
    candidate("older", 0.6, 50),
    candidate("twin-2", 0.6, 2, "c"),
  ];
  const all = rank(candidates, { now: NOW, limit: candidates.length });
  assert.deepEqual(ids(all), [
    "best",
    "tie-a",
    "tie-b",
    "tie-c",
    "twin-1",
    "twin-2",
    "older",
    "low",
  ]);
  for (let limit = 1; limit <= candidates.length; limit++) {
    assert.deepEqual(ids(rank(candidates, { now: NOW, limit })), ids(all).slice(0, limit));
    assert.deepEqual(
      ids(rank(candidates, { now: NOW, limit: 1, pool: limit })),
      ids(all).slice(0, limit),
    );
  }
});

Deno.test("a score that is no number ranks as a sort of all ranks it", () => {
  const candidates = [candidate("a", 0.5, 1), candidate("b", 0.7, 1), candidate("c", 0.6, 1)];
  const bad = candidate("bad", 0.9, 1);
  bad.record = { ...bad.record, created_at: "not a time" };
  const all = rank([...candidates, bad], { now: NOW, limit: 4 });
  assert.deepEqual(ids(rank([...candidates, bad], { now: NOW, limit: 2 })), ids(all).slice(0, 2));
  // It never reaches the sort: it ranks as 0, after the others, in their order.
  assert.deepEqual(ids(all), ["b", "c", "a", "bad"]);
  assert.deepEqual(ids(rank([bad, ...candidates], { now: NOW, limit: 4 })), ids(all));
  assert.equal(all[3]!.score, 0);
});

Deno.test("a vector similarity that is no number (a NaN vector stored before checks) counts as none", () => {
  const others = [candidate("c1", 0.5, 1), candidate("c2", 0.9, 1), candidate("c3", 0.7, 1)];
  const nan = { ...candidate("nan", 0.8, 1), similarity: NaN };
  const ranked = rank([others[0]!, nan, ...others.slice(1)], { now: NOW, limit: 4 });
  assert.deepEqual(ids(ranked), ["c2", "nan", "c3", "c1"]);
  assert.ok(ranked.every((item) => Number.isFinite(item.score)));
  assert.equal(
    ranked[1]!.score,
    rank([{ ...nan, similarity: 0 }], { now: NOW, limit: 1 })[0]!.score,
  );
});

Deno.test("with fill, candidates below the bar with a positive cosine follow the matches", () => {
  const below = (id: string, similarity: number): Candidate => ({
    ...candidate(id, 0, 1),
    similarity,
  });
  const candidates = [
    candidate("match", 0.5, 1),
    candidate("faint match", 0.01, 1),
    below("near", 0.39),
    below("faint", 0.05),
    below("unrelated", 0),
    below("opposite", -0.3),
  ];
  assert.deepEqual(ids(rank(candidates, { now: NOW, limit: 6 })), ["match", "faint match"]);
  const filled = rank(candidates, { now: NOW, limit: 6, fill: true });
  // "near" scores above "faint match" (its vector part 0.28) and still follows it.
  assert.ok(filled[2]!.score > filled[1]!.score);
  assert.deepEqual(ids(filled), ["match", "faint match", "near", "faint"]);
  assert.deepEqual(filled.map((item) => item.filler), [undefined, undefined, true, true]);
  assert.deepEqual(ids(rank(candidates, { now: NOW, limit: 3, fill: true })), [
    "match",
    "faint match",
    "near",
  ]);
  assert.deepEqual(
    ids(rank(candidates, { now: NOW, limit: 1, pool: 4, fill: true })),
    ["match", "faint match"],
    "a pool past the limit is no room for fillers",
  );
});

Deno.test("a memory whose replacement is no match keeps its own score, halved (a cycle of links)", () => {
  // An old database's cycle hands nothing on, so the replacement "b" stays no match, is not
  // scored, and bounds nothing: "a" ranks at its own score, halved as superseded.
  const a = candidate("a", 0.6, 1);
  const b = candidate("b", 0, 1);
  a.record = { ...a.record, superseded_by: "b" };
  b.record = { ...b.record, superseded_by: "a" };
  const [only, ...rest] = rank([a, b], { now: NOW, limit: 5 });
  const alone = rank([candidate("a", 0.6, 1)], { now: NOW, limit: 5 })[0]!;
  assert.deepEqual(rest, []);
  assert.equal(only!.record.id, "a");
  assert.ok(only!.score > 0);
  assert.equal(only!.score, alone.score * 0.5);
});
