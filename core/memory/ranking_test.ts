import assert from "node:assert/strict";
import type { Candidate } from "./backend.ts";
import {
  ANCHOR_SIMILARITY,
  comparedCandidates,
  isKept,
  JUST_BELOW,
  LOCAL_WEIGHTS,
  MAX_COMPARED,
  MIN_VECTOR,
  MODEL_WEIGHTS,
  NEWER_SHARE,
  NEWER_SHARE_NOW,
  NUDGE,
  nudge,
  OUTSCORE_RATIO,
  outscoreRatio,
  PAIRS_PER_HIT,
  recency,
  relevance,
  relevanceBound,
  SAME_SUBJECT,
  SAME_SUBJECT_SHARING,
  SAME_WORDS,
  SAME_WORDS_SHARING,
  SUPERSEDED,
  VECTOR_FLOOR,
  vectorPart,
  voiceFactor,
} from "./ranking.ts";
import {
  ANSWER_TYPE,
  CHANGE_TOLD,
  GROUP_PERSPECTIVE,
  INTENT,
  PERSPECTIVE,
  RELATIVE_SUBJECT,
  UNNAMED,
} from "./text_factor_shares.ts";
import { changeFactor, intentFactor, nameFactor, rank, relativeFactor } from "./rank.ts";
import type { SubjectOverlap } from "./meaning/subject_alignment.ts";
import { chainRelevance } from "./heir.ts";
import { sampleRecord } from "./testing/record_fixture.ts";
import type { MemoryRecord } from "./schema.ts";

const NOW = Date.UTC(2026, 5, 1);
const HOUR = 3_600_000;

function candidate(
  content: string,
  parts: {
    lexical?: number;
    similarity?: number;
    alignment?: { score: number; strongest: number };
  },
  fields: Partial<MemoryRecord> = {},
): Candidate {
  const created = new Date(NOW - HOUR).toISOString();
  return {
    lexical: parts.lexical ?? 0,
    similarity: parts.similarity ?? 0,
    alignment: parts.alignment,
    record: sampleRecord({ id: content, content, created_at: created, ...fields }),
  };
}

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

const ids = (ranked: ReturnType<typeof rank>) => ranked.map((item) => item.record.id);

Deno.test("a question in the persona's voice costs other memories PERSPECTIVE of their score", () => {
  assert.equal(PERSPECTIVE, 0.4);
  const mine = candidate("I speak French", { lexical: 0.5 }, { importance: 0.5 });
  const theirs = candidate("The user's manager speaks five languages", { lexical: 0.8 });
  const [first, second] = rank([mine, theirs], { now: NOW, limit: 5, voice: "self" });
  assert.equal(first!.record.id, "I speak French");
  assert.ok(
    Math.abs(second!.score / second!.relevance - (1 - PERSPECTIVE) * nudge(0.5, second!.recency)) <
      1e-12,
  );
  // Just past the boundary the other memory wins: 0.8 · 0.6 = 0.48 < 0.5, but 0.84 · 0.6 > 0.5.
  const stronger = candidate("The user's manager speaks five languages", { lexical: 0.84 });
  assert.equal(
    rank([mine, stronger], { now: NOW, limit: 5, voice: "self" })[0]!.record.id,
    stronger.record.id,
  );
  // A question not in the persona's voice changes nothing.
  assert.equal(
    rank([mine, theirs], { now: NOW, limit: 5, voice: "other" })[0]!.record.id,
    theirs.record.id,
  );
});

Deno.test("voices: a group's memory costs less than another's, and a group's question spares the persona's", () => {
  assert.equal(GROUP_PERSPECTIVE, 0.2);
  // Query voice, memory voice → factor.
  assert.equal(voiceFactor("self", "self"), 1);
  assert.equal(voiceFactor("self", "group"), 1 - GROUP_PERSPECTIVE);
  assert.equal(voiceFactor("self", "other"), 1 - PERSPECTIVE);
  assert.equal(voiceFactor("group", "self"), 1, "the persona is part of the group");
  assert.equal(voiceFactor("group", "group"), 1);
  assert.equal(voiceFactor("group", "other"), 1 - PERSPECTIVE);
  for (const memory of ["self", "group", "other"] as const) {
    assert.equal(voiceFactor("other", memory), 1);
    assert.equal(voiceFactor(undefined, memory), 1);
  }
  // "Where do we live?": the family's own fact before a remark on others that shares more words.
  const ours = candidate("We live in a farmhouse", { lexical: 0.5 }, { importance: 0.5 });
  const theirs = candidate("Hanna's parents live in Leuven", { lexical: 0.7 }, { importance: 0.5 });
  assert.deepEqual(ids(rank([ours, theirs], { now: NOW, limit: 5, voice: "group" })), [
    ours.record.id,
    theirs.record.id,
  ]);
  // "Which instrument did I learn?": the persona's own fact before the group's, but the group's
  // memory only loses GROUP_PERSPECTIVE (0.8 · 0.7 = 0.56 > 0.5 still wins).
  const mine = candidate("I studied the piano", { lexical: 0.5 }, { importance: 0.5 });
  const group = candidate("We tried learning the guitar", { lexical: 0.6 }, {
    importance: 0.5,
  });
  assert.equal(
    rank([mine, group], { now: NOW, limit: 5, voice: "self" })[0]!.record.id,
    "I studied the piano",
  );
  const louder = candidate("We tried learning the guitar", { lexical: 0.7 }, {
    importance: 0.5,
  });
  assert.equal(
    rank([mine, louder], { now: NOW, limit: 5, voice: "self" })[0]!.record.id,
    louder.record.id,
  );
  // A report of the group's conversation is no one's fact: it loses PERSPECTIVE (0.6 · 0.7 =
  // 0.42 < 0.5), for a question in the group's voice too.
  const talk = candidate("We talked about learning the guitar", { lexical: 0.7 }, {
    importance: 0.5,
  });
  for (const voice of ["self", "group"] as const) {
    assert.equal(rank([mine, talk], { now: NOW, limit: 5, voice })[0]!.record.id, mine.record.id);
  }
});

Deno.test("a question that asks for a place costs a memory that names none ANSWER_TYPE", () => {
  assert.equal(ANSWER_TYPE, 0.1);
  const placed = candidate("I live in Porto", { lexical: 0.5 }, { importance: 0.5 });
  const unplaced = candidate("I live happily", { lexical: 0.53 }, { importance: 0.5 });
  const answers = (content: string) => content.includes("Porto");
  const ranked = rank([placed, unplaced], { now: NOW, limit: 5, answers });
  assert.equal(ranked[0]!.record.id, placed.record.id);
  const other = ranked[1]!;
  assert.ok(
    Math.abs(other.score / other.relevance - (1 - ANSWER_TYPE) * nudge(0.5, other.recency)) < 1e-12,
  );
  // Without the question's answer type, the better match wins.
  assert.equal(rank([placed, unplaced], { now: NOW, limit: 5 })[0]!.record.id, unplaced.record.id);
});

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

Deno.test("a memory holding none of the query's names loses UNNAMED of its score", () => {
  assert.equal(UNNAMED, 0.2);
  assert.equal(nameFactor(["biscuit"], "Mila is afraid of the dark"), 1 - UNNAMED);
  assert.equal(nameFactor(["biscuit"], "Our dog Biscuit's bed"), 1, "any form of the name");
  assert.equal(nameFactor(["oskar", "greet"], "Greet bakes bread"), 1, "one of the names");
  assert.equal(nameFactor(["kira"], "I love jazz", ["kira"]), 1, "its owner persona's name");
  assert.equal(nameFactor([], "Mila is afraid of the dark"), 1, "no names");
  assert.equal(nameFactor(undefined, "Mila is afraid of the dark"), 1);
  const named = candidate("Biscuit hides under the bed", { lexical: 0.5 });
  const other = candidate("Mila is afraid of the dark", { lexical: 0.6 });
  const ranked = rank([named, other], { now: NOW, limit: 5, names: ["biscuit"] });
  assert.deepEqual(ids(ranked), [named.record.id, other.record.id]);
  assert.deepEqual(ids(rank([named, other], { now: NOW, limit: 5 })), [
    other.record.id,
    named.record.id,
  ]);
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

Deno.test("a memory that tells a wish or a plan loses INTENT unless the query asks about one", () => {
  assert.equal(INTENT, 0.1);
  const fact = candidate("I studied the piano", { lexical: 0.5 }, { importance: 0.5 });
  const wish = candidate("I want to learn the piano", { lexical: 0.53 }, { importance: 0.5 });
  const ranked = rank([fact, wish], { now: NOW, limit: 5, intents: true });
  assert.equal(ranked[0]!.record.id, fact.record.id);
  const other = ranked[1]!;
  assert.ok(
    Math.abs(other.score / other.relevance - (1 - INTENT) * nudge(0.5, other.recency)) < 1e-12,
  );
  // A question about wishes (no `intents`): the better match wins.
  assert.equal(rank([fact, wish], { now: NOW, limit: 5 })[0]!.record.id, wish.record.id);
  assert.equal(intentFactor(true, "I want a dog"), 1 - INTENT);
  assert.equal(intentFactor(false, "I want a dog"), 1);
  assert.equal(intentFactor(true, "I have a dog"), 1);
});

Deno.test("pool: rank hands over more than the wanted hits for re-ranking, never fewer", () => {
  const three = [0.9, 0.6, 0.3].map((lexical) => candidate(`match ${lexical}`, { lexical }));
  assert.equal(rank(three, { now: NOW, limit: 1 }).length, 1);
  assert.equal(rank(three, { now: NOW, limit: 1, pool: 3 }).length, 3);
  assert.equal(rank(three, { now: NOW, limit: 2, pool: 1 }).length, 2);
});

Deno.test("a question about the persona itself costs a memory about a relative RELATIVE_SUBJECT (GROUP_PERSPECTIVE) of its score", () => {
  assert.equal(RELATIVE_SUBJECT, GROUP_PERSPECTIVE);
  const wife = "My wife reads romance novels on the train.";
  assert.equal(relativeFactor(true, wife), 1 - RELATIVE_SUBJECT);
  assert.equal(relativeFactor(false, wife), 1);
  assert.equal(relativeFactor(true, "I am a big fan of detective novels."), 1);
  const mine = candidate("I am a big fan of detective novels.", { lexical: 0.7 });
  const theirs = candidate(wife, { lexical: 0.8 });
  assert.deepEqual(ids(rank([mine, theirs], { now: NOW, limit: 5, voice: "self", own: true })), [
    mine.record.id,
    theirs.record.id,
  ]);
  assert.deepEqual(ids(rank([mine, theirs], { now: NOW, limit: 5, voice: "self" })), [
    theirs.record.id,
    mine.record.id,
  ]);
});

Deno.test("a question about now raises a memory that tells of a change by CHANGE_TOLD", () => {
  assert.equal(CHANGE_TOLD, 0.2);
  const changed = "I sold the car and now cycle to work.";
  assert.equal(changeFactor(true, changed), 1 + CHANGE_TOLD);
  assert.equal(changeFactor(false, changed), 1);
  assert.equal(changeFactor(true, "I drive to work every day."), 1);
  const told = candidate(changed, { lexical: 0.7 });
  const plain = candidate("I drive to work every day.", { lexical: 0.8 });
  assert.deepEqual(ids(rank([told, plain], { now: NOW, limit: 5, current: true })), [
    told.record.id,
    plain.record.id,
  ]);
  assert.deepEqual(ids(rank([told, plain], { now: NOW, limit: 5 })), [
    plain.record.id,
    told.record.id,
  ]);
});
