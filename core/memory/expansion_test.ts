import assert from "node:assert/strict";
import { expandQuery, type Relatives } from "./expansion.ts";
import { DISOWNED_BELOW } from "./meaning/disowned_senses.ts";
import { WordVectors } from "./meaning/word_vectors.ts";
import {
  CLOSE_SIMILARITY,
  DERIVED_SIMILARITY,
  FORM_SIMILARITY,
  KIND_SIMILARITY,
} from "./meaning/word_relations.ts";
import { EXPANSION_PER_TERM } from "./expansion_shares.ts";
import { slipReadings } from "./slip_expansion.ts";
import { stem } from "./text.ts";
import { input, memoryFixture } from "./testing/contract_fixture.ts";
import { SqliteBackend } from "./sqlite_backend.ts";
import type { SqliteDatabase } from "../storage/mod.ts";

/** A unit vector at `cosine` with the first axis (in the plane of the first two). */
function at(cosine: number): Float32Array {
  const unit = new Float32Array(100);
  unit[0] = cosine;
  unit[1] = Math.sqrt(1 - cosine * cosine);
  return unit;
}

/** Relatives of the term "a", each with its relation and its vector's cosine with "a"'s. */
function relativesOf(
  related: readonly [string, number, number][],
  vectors = true,
): Relatives {
  const units = new Map([["a", at(1)], ...related.map(([s, , c]) => [s, at(c)] as const)]);
  return {
    related: (wordStem) =>
      wordStem === "a" ? new Map(related.map(([s, r]) => [s, r] as const)) : undefined,
    stemInformativeness: () => 1,
    ...(vectors ? { unitOfStem: (wordStem: string) => units.get(wordStem) } : {}),
  };
}

const expanded = (relatives: Relatives) =>
  expandQuery({ terms: ["a"], priors: [1] }, relatives).terms.slice(1);

Deno.test("expansion leaves out a synonym or derived word the vectors disown, not a kind", () => {
  const related: [string, number, number][] = [
    ["pool", CLOSE_SIMILARITY, 0.03],
    ["seen", CLOSE_SIMILARITY, 0.5],
    ["deriv", DERIVED_SIMILARITY, -0.2],
    ["kind", KIND_SIMILARITY, -0.2],
  ];
  assert.deepEqual(expanded(relativesOf(related)), ["seen", "kind"]);
  // Without vectors (a model's embeddings), every relative as before.
  assert.deepEqual(expanded(relativesOf(related, false)), ["pool", "seen", "deriv", "kind"]);
});

Deno.test("expansion's bound: a cosine of DISOWNED_BELOW keeps the relative", () => {
  assert.deepEqual(expanded(relativesOf([["b", CLOSE_SIMILARITY, DISOWNED_BELOW]])), ["b"]);
  assert.deepEqual(expanded(relativesOf([["b", CLOSE_SIMILARITY, DISOWNED_BELOW - 0.001]])), []);
});

Deno.test("expansion keeps a form and a relative without a vector, whatever the vectors say", () => {
  const related: [string, number, number][] = [
    ["forms", FORM_SIMILARITY, -0.2],
    ["unknown", CLOSE_SIMILARITY, -0.2],
  ];
  const relatives = relativesOf(related);
  const withUnknown: Relatives = {
    ...relatives,
    unitOfStem: (wordStem) => wordStem === "unknown" ? undefined : relatives.unitOfStem!(wordStem),
  };
  assert.deepEqual(expanded(withUnknown), ["forms", "unknown"]);
});

Deno.test("expansion reads a relative's vectors once per relatives map, not at each query", () => {
  const units = new Map([["a", at(1)], ["pool", at(0.03)], ["seen", at(0.5)]]);
  const related = new Map([["pool", CLOSE_SIMILARITY], ["seen", CLOSE_SIMILARITY]]);
  const reads: string[] = [];
  const relatives: Relatives = {
    related: (wordStem) => wordStem === "a" ? related : undefined,
    stemInformativeness: () => 1,
    unitOfStem: (wordStem) => (reads.push(wordStem), units.get(wordStem)),
  };
  assert.deepEqual(expanded(relatives), ["seen"]);
  assert.deepEqual(reads.sort(), ["a", "a", "pool", "seen"]);
  assert.deepEqual(expanded(relatives), ["seen"], "the remembered verdicts");
  assert.equal(reads.length, 4, "no vector read again");
});

Deno.test("a disowned relative takes no place of the EXPANSION_PER_TERM a term gets", () => {
  const related: [string, number, number][] = [["gone", CLOSE_SIMILARITY, 0]];
  for (let i = 0; i < EXPANSION_PER_TERM; i++) related.push([`r${i}`, CLOSE_SIMILARITY, 0.5]);
  const terms = expanded(relativesOf(related));
  assert.equal(terms.length, EXPANSION_PER_TERM);
  assert.ok(!terms.includes("gone") && terms.includes(`r${EXPANSION_PER_TERM - 1}`));
});

Deno.test("the shipped data: 'kitty' expands to 'kitten', not to 'pool', slips or none", async () => {
  const vectors = await WordVectors.shared();
  const plain = expandQuery({ terms: [stem("kitty")], priors: [1] }, vectors).terms;
  assert.ok(plain.includes("kitten") && !plain.includes("pool"), plain.join(" "));
  // A query with a slip reads its relatives through a wrapper, which passes the vectors on.
  const read = slipReadings("alergies kitty", vectors);
  assert.notEqual(read.relatives, vectors, "the wrapper is in use");
  const terms = [stem("alergies"), stem("kitty")];
  const slipped = expandQuery({ terms, priors: [1, 1] }, read.relatives).terms;
  assert.ok(slipped.includes("kitten") && !slipped.includes("pool"), slipped.join(" "));
});

Deno.test("search: a disowned sense of the question's word gives a memory no lexical part", async () => {
  const fixture = await memoryFixture((db) => new SqliteBackend(db as SqliteDatabase));
  try {
    await fixture.memory.store(fixture.aria, input({ content: "We have a cat called Kefir." }));
    const pool = await fixture.memory.store(
      fixture.aria,
      input({ content: "I swim in the pool on Wednesdays." }),
    );
    const hits = await fixture.memory.search(fixture.aria, {
      query: "tell me about our kitty",
      n_results: 5,
      min_importance: 0,
      explain: true,
    });
    const hit = hits.find((h) => h.id === pool.id);
    assert.equal(hit?.score_parts?.lexical ?? 0, 0);
  } finally {
    await fixture.close();
  }
});
