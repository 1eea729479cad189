/**
 * Ranking's score: recency, relevance, the importance and recency nudge, superseded memories and
 * the pool handed over for re-ranking. The voice rules: ranking_voice_test.ts; the unlinked-update
 * rule: ranking_update_test.ts; the question's factors: ranking_question_test.ts.
 */
import assert from "node:assert/strict";
import {
  ANCHOR_SIMILARITY,
  LOCAL_WEIGHTS,
  MIN_VECTOR,
  MODEL_WEIGHTS,
  NUDGE,
  nudge,
  recency,
  relevance,
  SUPERSEDED,
  VECTOR_FLOOR,
  vectorPart,
} from "./ranking.ts";
import { rank } from "./rank.ts";
import { chainRelevance } from "./heir.ts";
import { candidate, HOUR, NOW } from "./testing/ranking_fixture.ts";

Deno.test("recency is 0.995 per hour since creation; an access does not refresh it", () => {
  const created = new Date(NOW - 100 * HOUR).toISOString();
  const { record } = candidate("x", {}, {
    created_at: created,
    last_accessed: new Date(NOW).toISOString(),
  });
  assert.ok(Math.abs(recency(record, NOW) - 0.995 ** 100) < 1e-12);
});

Deno.test("relevance is the documented weighted sum; the vector part starts above the floor", () => {
  assert.equal(vectorPart(VECTOR_FLOOR), 0);
  assert.equal(vectorPart(-1), 0);
  assert.ok(Math.abs(vectorPart(1) - 1) < 1e-12);
  const aligned = { score: 0.25, strongest: 1 };
  const local = relevance({ lexical: 0.5, similarity: 1, alignment: aligned });
  assert.ok(
    Math.abs(
      local - (LOCAL_WEIGHTS.lexical * 0.5 + LOCAL_WEIGHTS.alignment * 0.25 +
        LOCAL_WEIGHTS.vector),
    ) < 1e-12,
  );
  // Without word alignment (a model's embeddings) the model weights apply.
  const model = relevance({ lexical: 0.5, similarity: 1 });
  assert.ok(Math.abs(model - (MODEL_WEIGHTS.lexical * 0.5 + MODEL_WEIGHTS.vector)) < 1e-12);
  for (const weights of [LOCAL_WEIGHTS, MODEL_WEIGHTS]) {
    assert.ok(Math.abs(weights.lexical + weights.alignment + weights.vector - 1) < 1e-12);
  }
});

Deno.test("importance and recency move a score by at most ±NUDGE", () => {
  assert.equal(nudge(1, 1), 1 + NUDGE);
  assert.equal(nudge(0, 0), 1 - NUDGE);
  assert.equal(nudge(0.5, 0.5), 1);
  assert.equal(NUDGE, 0.1);
});

Deno.test("a much better match is never outranked by importance or recency alone", () => {
  const ancient = new Date(NOW - 10_000 * HOUR).toISOString();
  const better = candidate("the match", { lexical: 0.6, similarity: 0.6 }, {
    importance: 0,
    created_at: ancient,
  });
  // Relevance 1.25 times lower, but as important and as fresh as a memory can be.
  const weaker = relevance({ lexical: 0.6, similarity: 0.6 }) / 1.25;
  const worse = candidate("the rival", { lexical: weaker / MODEL_WEIGHTS.lexical }, {
    importance: 1,
    created_at: new Date(NOW).toISOString(),
  });
  const ranked = rank([worse, better], { now: NOW, limit: 5 });
  assert.deepEqual(ranked.map((item) => item.record.id), ["the match", "the rival"]);
});

Deno.test("importance and recency break near ties", () => {
  const old = new Date(NOW - 1000 * HOUR).toISOString();
  const ranked = rank(
    [
      candidate("a tale", { lexical: 0.5 }, { created_at: old }),
      candidate("a tale again", { lexical: 0.5 }, { importance: 0.9 }),
      candidate("a tale told", { lexical: 0.5 }),
    ],
    { now: NOW, limit: 3 },
  );
  assert.deepEqual(ranked.map((item) => item.record.id), ["a tale again", "a tale told", "a tale"]);
});

Deno.test("no min-max stretch: a poor best match keeps a poor score", () => {
  const [only] = rank([candidate("weak", { lexical: 0.1 })], { now: NOW, limit: 5 });
  assert.ok(only!.relevance < 0.1 && only!.score < 0.1, `score ${only!.score}`);
});

Deno.test("a lexical match is never dropped; a memory with nothing in common is", () => {
  const ranked = rank(
    [
      candidate("a faint word match", { lexical: 0.01, similarity: -0.2 }),
      candidate("unrelated", { similarity: VECTOR_FLOOR }),
      candidate("close in meaning", { similarity: 0.9 }),
      candidate("aligned words", { alignment: { score: 0.3, strongest: ANCHOR_SIMILARITY } }),
      candidate("loosely aligned", { alignment: { score: 0.3, strongest: 0.4 } }),
    ],
    { now: NOW, limit: 10 },
  );
  assert.deepEqual(
    ranked.map((item) => item.record.id).sort(),
    ["a faint word match", "aligned words", "close in meaning"],
  );
  assert.ok(vectorPart(0.9) >= MIN_VECTOR);
});

Deno.test("a superseded memory ranks below its replacement, which inherits its relevance", () => {
  const old = candidate("I live in Lyon", { lexical: 0.9, similarity: 0.8 }, {
    importance: 1,
    superseded_by: "I moved to Porto",
  });
  const replacement = candidate("I moved to Porto", { lexical: 0, similarity: 0.2 }, {
    importance: 0,
    supersedes: ["I live in Lyon"],
  });
  const ranked = rank([old, replacement], { now: NOW, limit: 5 });
  assert.deepEqual(ranked.map((item) => item.record.id), ["I moved to Porto", "I live in Lyon"]);
  assert.equal(
    ranked[0]!.relevance,
    chainRelevance(relevance(replacement), ranked[1]!.relevance),
    "the replacement inherits",
  );
  assert.ok(ranked[1]!.score <= ranked[0]!.score * SUPERSEDED + 1e-12, "clearly below");
  // A link to a memory that is not among the candidates changes nothing.
  const alone = rank([candidate("orphan", { lexical: 0.5 }, { superseded_by: "gone" })], {
    now: NOW,
    limit: 5,
  });
  assert.ok(
    Math.abs(alone[0]!.score - alone[0]!.relevance * nudge(0.5, alone[0]!.recency)) < 1e-12,
  );
});

Deno.test("pool: rank hands over more than the wanted hits for re-ranking, never fewer", () => {
  const three = [0.9, 0.6, 0.3].map((lexical) => candidate(`match ${lexical}`, { lexical }));
  assert.equal(rank(three, { now: NOW, limit: 1 }).length, 1);
  assert.equal(rank(three, { now: NOW, limit: 1, pool: 3 }).length, 3);
  assert.equal(rank(three, { now: NOW, limit: 2, pool: 1 }).length, 2);
});
