/**
 * The fitting script of the recall sets (`tests/bench/recall/_fit.ts`): its model of the
 * ranking scores as `rank.ts` does with today's constants (so a factor added to ranking and not
 * to the model shows here), its coordinate ascent finds a constant that fixes a ranking, and no
 * fit can let importance and recency move a score by more than ±10 %.
 */
import assert from "node:assert/strict";
import {
  ascend,
  type Case,
  CURRENT,
  GRIDS,
  type Hit,
  modelHit,
  reranked,
  score,
} from "./bench/recall/_fit.ts";
import type { Candidate } from "../core/memory/backend.ts";
import { rank } from "../core/memory/rank.ts";
import { explained, withChannels } from "../core/memory/search_hits.ts";
import { NUDGE } from "../core/memory/ranking.ts";
import { voiceOf } from "../core/memory/query.ts";
import { intentFactor } from "../core/memory/content_factors.ts";
import { sampleRecord } from "../core/memory/testing/record_fixture.ts";

const NOW = Date.UTC(2026, 5, 1);

function candidate(content: string, lexical: number, importance: number): Candidate {
  return {
    lexical,
    similarity: 0.5,
    alignment: { score: lexical / 2, strongest: 0.9 },
    record: sampleRecord({
      id: content,
      content,
      importance,
      created_at: new Date(NOW - 3 * 3_600_000).toISOString(),
    }),
  };
}

Deno.test("the fitter's model scores as rank() does with today's constants", () => {
  const candidates = [
    candidate("I live in Porto", 0.6, 0.7),
    candidate("The user lives in Lyon", 0.7, 0.5),
    candidate("We live in Ghent", 0.65, 0.2),
    candidate("I want to live in Rome", 0.62, 0.9),
    candidate("I live happily", 0.8, 0.4),
  ];
  const answers = (content: string) => /Porto|Lyon|Ghent|Rome/.test(content);
  const ranked = rank(candidates, { now: NOW, limit: 10, voice: "self", answers, intents: true });
  assert.equal(ranked.length, candidates.length);
  const hits = withChannels(ranked, candidates).map((found) => {
    const { content } = found.record;
    const hit = modelHit(content, explained(found).score_parts!, {
      voice: voiceOf(content),
      named: false,
      answerMiss: !answers(content),
      intent: intentFactor(true, content) !== 1,
      relative: false,
      changed: false,
      linked: false,
    }, "self");
    // The model explains the whole score: nothing left over beyond its factors.
    assert.ok(Math.abs(hit.extra) < 1e-3, `${content}: relevance beyond the channels`);
    assert.ok(Math.abs(hit.rest - 1) < 1e-3, `${content}: adjustment beyond the factors`);
    assert.ok(Math.abs(score(hit, "self", CURRENT) - found.score) < 1e-3, content);
    return hit;
  });
  const labels = ranked.map((item) => item.record.content);
  const query = { half: "a" as const, kind: "exact" as const, text: "Where do I live?" };
  const asked: Case = {
    set: "x",
    unlinked: false,
    query: { ...query, expect: [] },
    voice: "self",
    hits,
  };
  assert.deepEqual(reranked(asked, CURRENT), labels);
});

Deno.test("coordinate ascent finds the answer type's share that ranks the answer first", () => {
  const hit = (label: string, lexical: number, answerMiss: boolean): Hit => ({
    label,
    lexical,
    alignment: 0,
    similarity: 0,
    extra: 0,
    importance: 0.5,
    recency: 0.5,
    rest: 1,
    voice: "self",
    named: false,
    answerMiss,
    intent: false,
    relative: false,
    changed: false,
    linked: false,
    filler: false,
  });
  // The remark outscores the answer at today's share by 5 %; the ascent takes the first share
  // of its grid under which the answer leads.
  const remark = (0.5 / (1 - CURRENT.answerType)) * 1.05;
  const cases: Case[] = ["set1", "set2"].map((set) => ({
    set,
    unlinked: false,
    query: { half: "a", kind: "exact", text: "Where do I live?", expect: ["answer"] },
    voice: "self",
    hits: [hit("answer", 0.5, false), hit("remark", remark, true)],
  }));
  assert.deepEqual(reranked(cases[0]!, CURRENT), ["remark", "answer"]);
  const fitted = ascend(cases, CURRENT, ["answerType"]);
  const fixes = GRIDS.answerType.find((share) => remark * (1 - share) < 0.5);
  assert.ok(fixes !== undefined && fixes > CURRENT.answerType);
  assert.equal(fitted.answerType, fixes);
  assert.deepEqual(reranked(cases[0]!, fitted), ["answer", "remark"]);
  // Nothing else moved, and the channel weights still sum to 1.
  assert.deepEqual({ ...fitted, answerType: CURRENT.answerType }, CURRENT);
});

Deno.test("no fit lets importance and recency move a score by more than ±NUDGE", () => {
  assert.ok(Math.max(...GRIDS.nudge) <= NUDGE);
  assert.equal(NUDGE, 0.1);
});
