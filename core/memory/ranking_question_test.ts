/**
 * Ranking by what the question asks: an answer type, a name, a wish or plan, a change told
 * (ANSWER_TYPE, UNNAMED, INTENT, CHANGE_TOLD).
 */
import assert from "node:assert/strict";
import { nudge } from "./ranking.ts";
import { ANSWER_TYPE, CHANGE_TOLD, INTENT, UNNAMED } from "./text_factor_shares.ts";
import { changeFactor, intentFactor, nameFactor, rank } from "./rank.ts";
import { candidate, ids, NOW } from "./testing/ranking_fixture.ts";

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
