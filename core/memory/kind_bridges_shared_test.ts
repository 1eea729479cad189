/**
 * An owned kind's name that the store gives another bearer too ("our cat Bella", "my niece
 * Bella"): the lines that tie it elsewhere stand for nothing, and the cat's bridge is capped as
 * any kind's is (review42b finding 4).
 */
import assert from "node:assert/strict";
import type { Candidate, CandidateQuery } from "./backend.ts";
import { KIND_NAME_SHARE, kindBridges, OWN_KIND_NAME_SHARE } from "./kind_bridges.ts";
import { addNamedParts, type RelationBridge } from "./relation_expansion.ts";
import { sampleRecord } from "./testing/record_fixture.ts";
import { bridgeQueryOf } from "./testing/bridge_fixture.ts";
import { input, memoryFixture } from "./testing/contract_fixture.ts";
import { SqliteBackend } from "./sqlite_backend.ts";
import type { SqliteDatabase } from "../storage/mod.ts";

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

/** The own cat's bridge as `kindBridges` builds it for "has our cat been to the vet". */
async function catBridge(): Promise<RelationBridge> {
  const candidateQuery = bridgeQueryOf("has our cat been to the vet", "aria");
  const [bridge] = await kindBridges(
    { text: "has our cat been to the vet", own: candidateQuery.terms, candidateQuery },
    answering([candidate("b1", "Bella is our cat, a grey tabby", 0.5)]),
  );
  return bridge!;
}

/** The lexical parts `addNamedParts` gives `found` for the cat's bridge, by id. */
async function partsOf(found: Candidate[]): Promise<Map<string, number>> {
  const bridge = await catBridge();
  const pool = [candidate("b1", "Bella is our cat, a grey tabby", 0.5)];
  await addNamedParts(pool, [bridge], {
    candidateQuery: bridgeQueryOf("has our cat been to the vet", "aria"),
    backend: answering(found),
    termWeights: (query) => Promise.resolve(query.terms.map(() => 1)),
  });
  return new Map(pool.slice(1).map((one) => [one.record.id, one.lexical]));
}

Deno.test("kind bridges: an owned kind's bridge names its kind and the share it falls back to", async () => {
  const bridge = await catBridge();
  assert.equal(bridge.name, "bella");
  assert.equal(bridge.share, OWN_KIND_NAME_SHARE);
  assert.equal(bridge.cap, false);
  assert.equal(bridge.kind, "cat");
  assert.equal(bridge.sharedShare, KIND_NAME_SHARE);
});

Deno.test("kind parts: an owned kind's name the store ties to another bearer is capped, and those lines get nothing (review42b 4)", async () => {
  const jabs = candidate("j1", "Bella had her jabs at the vet", 1);
  const exams = candidate("e1", "Bella's exam results came today", 1);
  // The name is the cat's alone: uncapped, its part is 1 × (1 × 1) / the query's terms.
  const alone = await partsOf([jabs, exams]);
  const terms = bridgeQueryOf("has our cat been to the vet", "aria").terms.length;
  const whole = OWN_KIND_NAME_SHARE / terms;
  assert.ok(Math.abs(alone.get("j1")! - whole) < 1e-9, String(alone.get("j1")));
  assert.ok(Math.abs(alone.get("e1")! - whole) < 1e-9, String(alone.get("e1")));
  // "my niece Bella" gives the name to another: her line stands for nothing, and the others
  // are held to KIND_NAME_SHARE of the tying line's part (0.3 × 0.5).
  for (const niece of ["My niece Bella is sitting her GCSEs", "Bella, my niece, rang for money"]) {
    const shared = await partsOf([jabs, exams, candidate("n1", niece, 1)]);
    assert.equal(shared.has("n1"), false, niece);
    const capped = Math.min(whole, KIND_NAME_SHARE * 0.5);
    assert.ok(Math.abs(shared.get("e1")! - capped) < 1e-9, `${niece}: ${shared.get("e1")}`);
    assert.ok(capped < whole);
  }
  // Another kind tied to the name ("Bella, the dog next door") shares it too.
  const dog = await partsOf([jabs, candidate("d1", "Bella, the dog next door, barks all day", 1)]);
  assert.equal(dog.has("d1"), false);
  assert.ok(dog.get("j1")! < whole);
});

Deno.test("'has our cat been to the vet': the niece Bella's lines rank below the cat's and the cat food's (real SQLite)", async () => {
  const fixture = await memoryFixture((db) => new SqliteBackend(db as SqliteDatabase));
  try {
    const lines = [
      "Bella is our cat, a grey tabby",
      "My niece Bella is sitting her GCSEs",
      "Bella's exam results came today, straight As",
      "Bella rang for money again",
      "The cat food delivery comes on Thursdays",
      "Booked the vet for the dog's jabs",
    ];
    const ids: string[] = [];
    for (const content of lines) {
      ids.push((await fixture.memory.store(fixture.aria, input({ content }))).id);
    }
    const hits = await fixture.memory.search(fixture.aria, {
      query: "has our cat been to the vet",
      n_results: 6,
      min_importance: 0,
    });
    const ranked = hits.map((hit) => lines[ids.indexOf(hit.id)]!);
    const rank = (line: string) => ranked.indexOf(line);
    const food = rank("The cat food delivery comes on Thursdays");
    assert.ok(food >= 0 && rank("Bella is our cat, a grey tabby") < food, JSON.stringify(ranked));
    for (const niece of lines.slice(1, 4)) {
      assert.ok(rank(niece) < 0 || rank(niece) > food, `${niece}: ${JSON.stringify(ranked)}`);
    }
  } finally {
    await fixture.close();
  }
});
