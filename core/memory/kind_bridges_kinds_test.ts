/**
 * A line that gives an owned kind's name its own kind among others ("my niece Bella, the cat")
 * does not tie the name elsewhere (`relation_expansion.ts`'s `tiesElsewhere`, mutation testing,
 * session 44): the cat's bridge is not capped for it, so the other lines keep their parts.
 */
import assert from "node:assert/strict";
import type { Candidate, CandidateQuery } from "./backend.ts";
import { kindBridges } from "./kind_bridges.ts";
import { addNamedParts } from "./relation_expansion.ts";
import { sampleRecord } from "./testing/record_fixture.ts";
import { bridgeQueryOf } from "./testing/bridge_fixture.ts";

const QUESTION = "has our cat been to the vet";
const TOLD = "Bella is our cat, a grey tabby";

function candidate(id: string, content: string, lexical: number): Candidate {
  const record = sampleRecord({ id, content, persona_id: "aria" });
  return { record: { ...record, superseded_by: null }, similarity: 0, lexical };
}

/** A backend whose every lookup answers copies of `found`. */
function answering(found: Candidate[]) {
  return {
    candidates: (_query: CandidateQuery) => Promise.resolve(found.map((one) => ({ ...one }))),
  };
}

/** The lexical parts `addNamedParts` gives `found` for the own cat's bridge, by id. */
async function partsOf(found: Candidate[]): Promise<Map<string, number>> {
  const candidateQuery = bridgeQueryOf(QUESTION, "aria");
  const [bridge] = await kindBridges(
    { text: QUESTION, own: candidateQuery.terms, candidateQuery },
    answering([candidate("b1", TOLD, 0.5)]),
  );
  const pool = [candidate("b1", TOLD, 0.5)];
  await addNamedParts(pool, [bridge!], {
    candidateQuery,
    backend: answering(found),
    termWeights: (query) => Promise.resolve(query.terms.map(() => 1)),
  });
  return new Map(pool.slice(1).map((one) => [one.record.id, one.lexical]));
}

Deno.test("kind parts: a line giving the name its own kind among others leaves the bridge uncapped", async () => {
  const jabs = candidate("j1", "Bella had her jabs at the vet", 1);
  const alone = await partsOf([jabs]);
  const withBoth = await partsOf([jabs, candidate("n1", "my niece Bella, the cat", 1)]);
  assert.ok((alone.get("j1") ?? 0) > 0);
  assert.equal(withBoth.get("j1"), alone.get("j1"));
});
