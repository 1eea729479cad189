import assert from "node:assert/strict";
import { changesOfFact } from "./ending_events.ts";
import { changeStems } from "./change_words.ts";

Deno.test("a word of parting told of one alone keeps its change, whatever the older fact names", () => {
  // Only a parting of several ends what they shared; one alone ("Dad divorced") is read as
  // every other change word is.
  const older = "Mum's spaniel Moss hates the hoover.";
  const newer = "Dad divorced last year.";
  const told = changesOfFact(changeStems(newer), { older, newer });
  assert.deepEqual(told.map(({ stems }) => stems[0]), ["divorc"]);
});

Deno.test("a parting with an object, or another ending told of several, keeps the parting's change", () => {
  const older = "Dad's spaniel Moss hates the hoover.";
  const stemsOf = (newer: string) =>
    changesOfFact(changeStems(newer), { older, newer }).map(({ stems }) => stems[0]);
  // Each divorced someone: no end of something the two shared.
  assert.deepEqual(stemsOf("Mum and Jo divorced their husbands in 2019."), ["divorc"]);
  // "retired" told of several is no parting: Dad's own divorce is kept.
  assert.deepEqual(stemsOf("Dad divorced in May. Mum and Jo retired."), ["divorc", "retir"]);
});
