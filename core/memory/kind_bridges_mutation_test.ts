/**
 * Pins of `kind_bridges.ts` that its behaviour tests left open, each found by a mutant that passed
 * them (session 40, mut55: core/memory/HISTORY.md).
 */
import assert from "node:assert/strict";
import type { CandidateQuery } from "./backend.ts";
import { KIND_TERMS, kindBridges } from "./kind_bridges.ts";
import { bridgeQueryOf } from "./testing/bridge_fixture.ts";
import { sampleRecord } from "./testing/record_fixture.ts";

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

/** The keys `kindBridges` asks the backend's ties of for `text`, once a call. */
async function tiedAsked(text: string): Promise<string[][]> {
  const keys: string[][] = [];
  const candidateQuery = bridgeQueryOf(text, "persona-1");
  await kindBridges({ text, own: candidateQuery.terms, candidateQuery }, {
    candidates: () => Promise.resolve([]),
    tiedKinds: (_query, asked) => {
      keys.push([...asked]);
      return Promise.resolve(new Set(asked));
    },
  });
  return keys;
}

Deno.test("kind bridges ask the ties by kind key (a hyphened word's whole), and not at all without a kind word", async () => {
  const keys = await tiedAsked("when is my ex-wife's birthday");
  assert.equal(keys.length, 1);
  assert.ok(keys[0]!.some((key) => key.includes("-")), keys[0]!.join(" "));
  assert.deepEqual(await tiedAsked("when is it"), []);
});

/**
 * The names bridged for "what does the care home cost" from `h1`, superseded by `h2`, each with
 * the memory it came from.
 */
async function careHomeBridges(h1: string, h2: string): Promise<string[]> {
  const text = "what does the care home cost";
  const candidateQuery = bridgeQueryOf(text, "aria");
  const found = [
    { content: h1, id: "h1", superseded_by: "h2" },
    { content: h2, id: "h2", superseded_by: null },
  ].map(({ content, id, superseded_by }) => ({
    record: { ...sampleRecord({ id, content, persona_id: "aria" }), superseded_by },
    similarity: 0,
    lexical: 0.9,
  }));
  const bridges = await kindBridges({ text, own: candidateQuery.terms, candidateQuery }, {
    candidates: () => Promise.resolve(found.map((one) => ({ ...one }))),
  });
  return bridges.map((bridge) => `${bridge.name} ${bridge.from}`);
}

Deno.test("kind bridges: a successor that retells the kind to the same name, or another kind to another, keeps the tie", async () => {
  assert.deepEqual(
    await careHomeBridges(
      "Elmhurst is the care home for Dad",
      "Elmhurst is the care home for Dad and Mum now",
    ),
    // The tie found first stands: its successor gives the kind to the same name.
    ["elmhurst h1"],
  );
  assert.deepEqual(
    await careHomeBridges("Elmhurst is the care home for Dad", "Oakwood is the day centre for Dad"),
    ["elmhurst h1"],
  );
});
