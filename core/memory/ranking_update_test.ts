/**
 * Ranking's unlinked-update rule: a newer memory about the same thing as an older one ranks first,
 * the older just below, and each of its bounds (shared words, alignment, the best only).
 */
import assert from "node:assert/strict";
import {
  comparedCandidates,
  isKept,
  JUST_BELOW,
  MAX_COMPARED,
  NEWER_SHARE,
  NEWER_SHARE_NOW,
  NUDGE,
  OUTSCORE_RATIO,
  outscoreRatio,
  PAIRS_PER_HIT,
  relevance,
  relevanceBound,
  SAME_SUBJECT,
  SAME_SUBJECT_SHARING,
  SAME_WORDS,
  SAME_WORDS_SHARING,
  SUPERSEDED,
  VECTOR_FLOOR,
} from "./ranking.ts";
import { ANSWER_TYPE } from "./text_factor_shares.ts";
import { rank } from "./rank.ts";
import type { SubjectOverlap } from "./meaning/subject_alignment.ts";
import { chainRelevance } from "./heir.ts";
import { sampleRecord } from "./testing/record_fixture.ts";
import { candidate, HOUR, ids, NOW } from "./testing/ranking_fixture.ts";

/**
 * Candidates for the unlinked-update rule: an older and a newer fact, both matching. Of a verb
 * that holds many values ("love"): "I now live in Porto" after "I live in Lyon" restates a slot
 * (`restated_slots.ts`), a pair whatever the overlap these tests set.
 */
function updatePair(
  parts: { older?: number; newer?: number; olderVoice?: string; newerText?: string } = {},
) {
  const older = candidate(`${parts.olderVoice ?? "I"} love Lyon`, {
    lexical: parts.older ?? 0.8,
  }, {
    created_at: new Date(NOW - 100 * HOUR).toISOString(),
  });
  const newer = candidate(
    parts.newerText ?? "I now love Porto",
    { lexical: parts.newer ?? 0.6 },
    {
      created_at: new Date(NOW - 10 * HOUR).toISOString(),
    },
  );
  return { older, newer };
}

const overlapOf = (overlap: SubjectOverlap) => () => overlap;

Deno.test("an unlinked newer memory about the same thing ranks first, the older one just below", () => {
  assert.equal(SAME_SUBJECT, 0.35);
  assert.equal(SAME_WORDS, 0.1);
  assert.equal(NEWER_SHARE, 0.5);
  assert.equal(JUST_BELOW, 0.98);
  const { older, newer } = updatePair();
  const same = overlapOf({ words: SAME_WORDS, meaning: SAME_SUBJECT });
  const ranked = rank([older, newer], { now: NOW, limit: 5, sameSubject: same });
  assert.deepEqual(ids(ranked), [newer.record.id, older.record.id]);
  assert.equal(
    ranked[0]!.relevance,
    chainRelevance(relevance(newer), ranked[1]!.relevance),
    "the newer one takes the older's relevance",
  );
  assert.ok(ranked[1]!.score <= ranked[0]!.score * JUST_BELOW + 1e-12, "just below");
  assert.ok(ranked[1]!.score > ranked[0]!.score * SUPERSEDED, "not halved like a linked one");
  // Re-ranking (`coverage.ts`) reads which memory the older one must stay below.
  assert.equal(ranked[1]!.below, newer.record.id);
  assert.equal(ranked[0]!.below, undefined);
  // Without the rule (no sameSubject) the better match stays first.
  assert.deepEqual(ids(rank([older, newer], { now: NOW, limit: 5 })), [
    older.record.id,
    newer.record.id,
  ]);
});

Deno.test("each condition of the unlinked-update rule is a boundary", () => {
  const run = (pair: ReturnType<typeof updatePair>, overlap: SubjectOverlap) =>
    rank([pair.older, pair.newer], { now: NOW, limit: 5, sameSubject: overlapOf(overlap) })[0]!
      .record.id;
  const at = { words: SAME_WORDS, meaning: SAME_SUBJECT };
  const pair = updatePair();
  assert.equal(run(pair, at), pair.newer.record.id);
  assert.equal(run(pair, { ...at, meaning: SAME_SUBJECT - 0.01 }), pair.older.record.id, "meaning");
  assert.equal(
    run(pair, { ...at, words: SAME_WORDS - 0.01 }),
    pair.older.record.id,
    "shared words",
  );
  // The newer memory must match the query at least NEWER_SHARE as well as the older one.
  const weak = updatePair({ older: 0.8, newer: 0.8 * NEWER_SHARE - 0.01 });
  assert.equal(run(weak, at), weak.older.record.id, "share");
  const enough = updatePair({ older: 0.8, newer: 0.8 * NEWER_SHARE + 0.01 });
  assert.equal(run(enough, at), enough.newer.record.id);
  // Only memories in the persona's own voice replace each other without a link.
  const reported = updatePair({ olderVoice: "The user said they" });
  assert.equal(run(reported, at), reported.older.record.id, "voice");
  // The newer memory must tell of a change ("I now love Porto"): two facts that share words ("I
  // love Porto" beside "I love Lyon") are both current.
  const unchanged = updatePair({ newerText: "I love Porto" });
  assert.equal(run(unchanged, at), unchanged.older.record.id, "a change told");
  const told = updatePair({ newerText: "I moved to Porto" });
  assert.equal(run(told, at), told.newer.record.id);
});

Deno.test("an unlinked older memory is replaced by its most alike newer one, and only among the best", () => {
  const older = candidate("I drink coffee black", { lexical: 0.8 }, {
    created_at: new Date(NOW - 300 * HOUR).toISOString(),
  });
  const tea = candidate("I now drink green tea", { lexical: 0.5 }, {
    created_at: new Date(NOW - 200 * HOUR).toISOString(),
  });
  const milk = candidate("I put milk in my coffee", { lexical: 0.5 }, {
    created_at: new Date(NOW - 100 * HOUR).toISOString(),
  });
  // Coffee → tea is the closer pair; tea and milk are not about the same thing.
  const meaning: Record<string, number> = {
    [`${older.record.id}|${tea.record.id}`]: 0.6,
    [`${older.record.id}|${milk.record.id}`]: 0.4,
  };
  const sameSubject = (a: { id: string }, b: { id: string }) => ({
    words: 0.5,
    meaning: meaning[`${a.id}|${b.id}`] ?? 0.1,
  });
  const ranked = rank([older, tea, milk], { now: NOW, limit: 5, sameSubject });
  assert.deepEqual(ids(ranked).slice(0, 2), [tea.record.id, older.record.id]);
  // Pairs are looked for among the best comparedCandidates(limit) in the persona's voice.
  assert.equal(PAIRS_PER_HIT, 2);
  assert.equal(comparedCandidates(3), 10);
  assert.equal(comparedCandidates(7), 14);
  assert.equal(MAX_COMPARED, 30);
  assert.equal(comparedCandidates(15), 30);
  assert.equal(comparedCandidates(100), 30, "capped: pairs grow with the square");
  const crowd = Array.from(
    { length: 12 },
    (_, i) =>
      candidate(`I have hobby ${i}`, { lexical: 0.9 }, {
        created_at: new Date(NOW - 50 * HOUR).toISOString(),
      }),
  );
  const far = rank([...crowd, older, tea], { now: NOW, limit: 3, sameSubject });
  assert.ok(!far.some((item) => item.record.id === tea.record.id));
  const outside = rank([...crowd, older, tea], { now: NOW, limit: 20, sameSubject });
  const at = (id: string) => outside.findIndex((item) => item.record.id === id);
  assert.ok(at(tea.record.id) < at(older.record.id), "within the compared candidates it applies");
});

Deno.test("the alignment bound: a candidate below OUTSCORE_RATIO of the best can never outscore it", () => {
  // On voice-weighted relevance (relevance · voiceFactor): only importance and recency remain.
  assert.ok(Math.abs(OUTSCORE_RATIO - (1 - NUDGE) / (1 + NUDGE)) < 1e-12);
  assert.equal(outscoreRatio(false), OUTSCORE_RATIO);
  assert.ok(Math.abs(outscoreRatio(true) - OUTSCORE_RATIO * (1 - ANSWER_TYPE)) < 1e-12);
  const parts = { lexical: 0.3, similarity: 0.5 };
  assert.ok(
    Math.abs(
      relevanceBound(parts) - relevance({ ...parts, alignment: { score: 1 } }),
    ) < 1e-12,
  );
  // At the ratio, every factor at its best for the weaker and its worst for the stronger ties;
  // a question with an answer type adds its factor to the stronger's worst case.
  const stronger = 0.6;
  const weaker = stronger * OUTSCORE_RATIO;
  assert.ok(Math.abs(weaker * (1 + NUDGE) - stronger * (1 - NUDGE)) < 1e-12);
  const typedWeaker = stronger * outscoreRatio(true);
  assert.ok(
    Math.abs(typedWeaker * (1 + NUDGE) - stronger * (1 - NUDGE) * (1 - ANSWER_TYPE)) < 1e-12,
  );
  assert.ok(isKept({ record: sampleRecord(), lexical: 0.01, similarity: 0 }));
  assert.ok(!isKept({ record: sampleRecord(), lexical: 0, similarity: VECTOR_FLOOR }));
});

Deno.test("memories sharing more of their words need less meaning to be about the same thing", () => {
  assert.equal(SAME_WORDS_SHARING, 0.15);
  assert.equal(SAME_SUBJECT_SHARING, 0.25);
  const run = (overlap: SubjectOverlap) => {
    const pair = updatePair();
    const ranked = rank([pair.older, pair.newer], {
      now: NOW,
      limit: 5,
      sameSubject: overlapOf(overlap),
    });
    return ranked[0]!.record.id === pair.newer.record.id ? "newer" : "older";
  };
  const sharing = { words: SAME_WORDS_SHARING, meaning: SAME_SUBJECT_SHARING };
  assert.equal(run(sharing), "newer");
  assert.equal(run({ ...sharing, meaning: SAME_SUBJECT_SHARING - 0.01 }), "older", "meaning");
  // Fewer shared words need the full SAME_SUBJECT.
  assert.equal(run({ ...sharing, words: SAME_WORDS_SHARING - 0.01 }), "older", "shared words");
  assert.equal(run({ words: SAME_WORDS_SHARING - 0.01, meaning: SAME_SUBJECT }), "newer");
});

Deno.test("a question about now lets a newer memory that matches it less replace the older one", () => {
  assert.equal(NEWER_SHARE_NOW, 0.25);
  const run = (newer: number, current: boolean) => {
    const pair = updatePair({ older: 0.8, newer });
    const ranked = rank([pair.older, pair.newer], {
      now: NOW,
      limit: 5,
      current,
      sameSubject: overlapOf({ words: SAME_WORDS, meaning: SAME_SUBJECT }),
    });
    return ranked[0]!.record.id === pair.newer.record.id ? "newer" : "older";
  };
  const weak = 0.8 * NEWER_SHARE - 0.01;
  assert.equal(run(weak, false), "older");
  assert.equal(run(weak, true), "newer");
  assert.equal(run(0.8 * NEWER_SHARE_NOW + 0.01, true), "newer");
  assert.equal(run(0.8 * NEWER_SHARE_NOW - 0.01, true), "older", "share");
});

Deno.test("a pair below the shared-words bound is ruled out without reading its meaning", () => {
  const pair = updatePair();
  let meaningRead = 0;
  const sameSubject = () => ({
    words: SAME_WORDS - 0.01,
    get meaning() {
      meaningRead++;
      return 1;
    },
  });
  const ranked = rank([pair.older, pair.newer], { now: NOW, limit: 5, sameSubject });
  assert.equal(ranked[0]!.record.id, pair.older.record.id);
  assert.equal(meaningRead, 0);
});
