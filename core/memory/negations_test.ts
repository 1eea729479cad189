import assert from "node:assert/strict";
import type { Candidate } from "./backend.ts";
import { negationShares, queryNegations } from "./negations.ts";
import { LOCAL_WEIGHTS, NEGATION, relevance, relevanceBound } from "./ranking.ts";
import { rank } from "./rank.ts";
import { sampleRecord } from "./testing/record_fixture.ts";

const NOW = Date.UTC(2026, 5, 1);

function candidate(content: string, lexical: number): Candidate {
  return {
    lexical,
    similarity: 0,
    alignment: { score: 0, strongest: 0 },
    record: sampleRecord({
      id: content,
      content,
      importance: 0.5,
      created_at: new Date(NOW - 3_600_000).toISOString(),
    }),
  };
}

Deno.test("queryNegations: the negations a query says, as the analyser splits them", () => {
  assert.deepEqual([...queryNegations("What can't I eat?")], ["t"]);
  assert.deepEqual([...queryNegations("Why didn't I go? Not today, no.")].sort(), [
    "didn",
    "no",
    "not",
    "t",
  ]);
  assert.deepEqual([...queryNegations("What do I eat?")], []);
});

Deno.test("negationShares: each candidate's idf-weighted share of the query's negations", () => {
  const said = candidate("I can't eat shellfish.", 0.6);
  const unsaid = candidate("I eat shellfish on Fridays.", 0.65);
  const both = candidate("I do not eat pork and can't drink milk.", 0.1);
  assert.deepEqual(negationShares("What can't I eat?", [said, unsaid]), [1, 0]);
  assert.equal(negationShares("What do I eat?", [said, unsaid]), undefined);
  // Any case, any apostrophe, and text the analyser folds ("nót" is "not").
  const folded = candidate("I do NÓT eat it, I DON’T.", 0.1);
  assert.deepEqual(negationShares("Why don't I not eat?", [folded, unsaid]), [1, 0]);
  // "t" is in two of three candidates, "not" in one: "not" weighs more.
  const [one, none, two] = negationShares("What can't I or do I not eat?", [said, unsaid, both])!;
  const idfT = Math.log(1 + 1.5 / 2.5);
  const idfNot = Math.log(1 + 2.5 / 1.5);
  assert.ok(Math.abs(one! - idfT / (idfT + idfNot)) < 1e-12);
  assert.equal(none, 0);
  assert.ok(Math.abs(two! - 1) < 1e-12);
});

Deno.test("relevance adds NEGATION times the negation share; a memory saying the query's negation ranks first", () => {
  assert.equal(NEGATION, 0.25);
  const parts = { lexical: 0.5, similarity: 0, alignment: { score: 0 }, negation: 1 };
  assert.ok(Math.abs(relevance(parts) - (LOCAL_WEIGHTS.lexical * 0.5 + NEGATION)) < 1e-12);
  assert.ok(relevanceBound(parts) - relevanceBound({ ...parts, negation: 0 }) - NEGATION < 1e-12);
  const said = candidate("I can't eat shellfish.", 0.6);
  const unsaid = candidate("I eat shellfish on Fridays.", 0.65);
  const shares = negationShares("What can't I eat?", [said, unsaid])!;
  said.negation = shares[0];
  unsaid.negation = shares[1];
  const order = rank([unsaid, said], { now: NOW, limit: 5 }).map((item) => item.record.id);
  assert.deepEqual(order, [said.record.id, unsaid.record.id]);
});
