/**
 * Pins of `kind_bridges.ts` that its behaviour tests left open, each found by a mutant that passed
 * them (session 40, mut55: core/memory/HISTORY.md).
 */
import assert from "node:assert/strict";
import type { CandidateQuery } from "./backend.ts";
import { KIND_TERMS, kindBridges } from "./kind_bridges.ts";
import { bridgeQueryOf } from "./testing/bridge_fixture.ts";

/** The terms of each lookup `kindBridges` makes for `text` (its own terms `own`, all by default). */
async function lookedUp(text: string, own?: readonly string[]): Promise<string[][]> {
  const asked: CandidateQuery[] = [];
  const candidateQuery = bridgeQueryOf(text, "persona-1");
  await kindBridges({ text, own: own ?? candidateQuery.terms, candidateQuery }, {
    candidates: (query: CandidateQuery) => {
      asked.push(query);
      return Promise.resolve([]);
    },
  });
  return asked.map((one) => [...one.terms]);
}

Deno.test("kind bridges: no more than KIND_TERMS lookups, of the query's own terms only", async () => {
  const text = "when are the beagle's jabs and worming tablets due at the vets";
  const all = await lookedUp(text);
  assert.equal(all.length, KIND_TERMS);
  assert.deepEqual(all, [["beagl"], ["jab"], ["worm"], ["tablet"]]);
  assert.deepEqual(await lookedUp(text, ["jab", "vet"]), [["jab"], ["vet"]]);
});
