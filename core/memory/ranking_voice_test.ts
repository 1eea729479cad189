/**
 * Ranking by whose voice a memory and a question are in: the persona's, a group's, a relative's
 * (PERSPECTIVE, GROUP_PERSPECTIVE, RELATIVE_SUBJECT).
 */
import assert from "node:assert/strict";
import { nudge, voiceFactor } from "./ranking.ts";
import { GROUP_PERSPECTIVE, PERSPECTIVE, RELATIVE_SUBJECT } from "./text_factor_shares.ts";
import { rank, relativeFactor } from "./rank.ts";
import { candidate, ids, NOW } from "./testing/ranking_fixture.ts";

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
