/**
 * Kind bridges whose names the store gives other kinds too (`relation_expansion.ts`'s
 * `tiesElsewhere` and its cap, mutation testing, session 44): a line that gives an owned kind's
 * name its own kind among others ("my niece Bella, the cat") does not tie the name elsewhere, and
 * a line standing for an uncapped bridge is not capped because it stands for a capped one too.
 */
import assert from "node:assert/strict";
import type { Candidate, CandidateQuery } from "./backend.ts";
import { KIND_NAME_SHARE, kindBridges, OWN_KIND_NAME_SHARE } from "./kind_bridges.ts";
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

Deno.test("kind parts: a line standing for an uncapped bridge too is not capped by another's cap", async () => {
  const candidateQuery = bridgeQueryOf(QUESTION, "aria");
  // The own cat Bella (uncapped) and a cat next door, Milo (capped), both told weakly.
  const told = [
    candidate("b0", TOLD, 0.1),
    candidate("b1", "Milo is a cat, the one next door", 0.1),
  ];
  const bridges = await kindBridges(
    { text: QUESTION, own: candidateQuery.terms, candidateQuery },
    answering(told),
  );
  assert.deepEqual(bridges.map((bridge) => [bridge.name, bridge.cap]), [
    ["bella", false],
    ["milo", true],
  ]);
  const withCap = [...told];
  await addNamedParts(withCap, bridges, {
    candidateQuery,
    backend: answering([candidate("j1", "Bella and Milo had their jabs at the vet", 1)]),
    termWeights: (query) => Promise.resolve(query.terms.map(() => 1)),
  });
  const jabs = withCap.find((one) => one.record.id === "j1")!;
  // Capped, the part would be held to the telling lines' weak parts, each at its bridge's share.
  const capped = 0.1 * OWN_KIND_NAME_SHARE + 0.1 * KIND_NAME_SHARE;
  assert.ok(jabs.lexical > capped, `uncapped part, got ${jabs.lexical}`);
});
