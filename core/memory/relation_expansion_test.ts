import assert from "node:assert/strict";
import type { Candidate, CandidateQuery } from "./backend.ts";
import {
  addNamedParts,
  namedVoices,
  RELATION_NAME_SHARE,
  RELATION_NAMES,
  RELATION_SOURCES,
  type RelationBridge,
  relationBridges,
} from "./relation_expansion.ts";
import { sampleRecord } from "./testing/record_fixture.ts";
import { bridgeQueryOf } from "./testing/bridge_fixture.ts";
import { TextFactors } from "./text_factors.ts";

const PERSONA = "aria";

function candidate(id: string, content: string, lexical: number, persona = PERSONA): Candidate {
  return { record: sampleRecord({ id, content, persona_id: persona }), similarity: 0, lexical };
}

function queryOf(text: string): CandidateQuery {
  return bridgeQueryOf(text, PERSONA);
}

/** A backend whose lookups answer `found` and remember what they were asked. */
function lookups(found: Candidate[]) {
  const asked: CandidateQuery[] = [];
  return {
    asked,
    candidates: (query: CandidateQuery) => {
      asked.push(query);
      return Promise.resolve(found.map((one) => ({ ...one })));
    },
  };
}

async function bridgesOf(text: string, found: Candidate[]) {
  const backend = lookups(found);
  const candidateQuery = queryOf(text);
  const bridges = await relationBridges(
    { text, own: candidateQuery.terms, candidateQuery },
    backend,
  );
  return { bridges, asked: backend.asked };
}

Deno.test("relation bridges: one lexical lookup of RELATION_SOURCES memories by the asked relations' words", async () => {
  assert.equal(RELATION_SOURCES, 24);
  const { bridges, asked } = await bridgesOf("when are the kids birthdays", [
    candidate("a", "our son Kuba has 16 years", 0.5),
    candidate("b", "our daughter Zosia is 9", 0.4),
  ]);
  assert.equal(asked.length, 1);
  assert.equal(asked[0]!.limit, RELATION_SOURCES);
  assert.equal(asked[0]!.lexicalOnly, true);
  for (const stem of ["kid", "son", "daughter"]) assert.ok(asked[0]!.terms.includes(stem), stem);
  assert.deepEqual(bridges.map((one) => [one.name, one.term, one.from]), [
    ["kuba", "kid", "a"],
    ["zosia", "kid", "b"],
  ]);
});

Deno.test("relation bridges: no lookup for a question about no relation of its speaker", async () => {
  for (const text of ["what does Florin's son do", "what did I eat", "as a kid I swam"]) {
    const { bridges, asked } = await bridgesOf(text, [candidate("a", "our son Kuba", 1)]);
    assert.deepEqual([bridges, asked.length], [[], 0], text);
  }
});

Deno.test("relation bridges: at most RELATION_NAMES names, none superseded, another's or asked", async () => {
  assert.equal(RELATION_NAMES, 4);
  const sons = ["Adam", "Bruno", "Cyril", "Dawid", "Emil"].map((name, i) =>
    candidate(`s${i}`, `my son ${name} is ${i + 3}`, 1 - i / 10)
  );
  const five = await bridgesOf("what do my sons do", sons);
  assert.deepEqual(five.bridges.map((one) => one.name), ["adam", "bruno", "cyril", "dawid"]);
  const superseded = {
    ...candidate("old", "my son Adam is 3", 1),
    record: sampleRecord({
      id: "old",
      content: "my son Adam is 3",
      persona_id: PERSONA,
      superseded_by: "new",
    }),
  };
  const others = await bridgesOf("what does my son Bruno do", [
    superseded,
    candidate("x", "my son Cyril is 4", 1, "kira"),
    candidate("y", "my son Bruno is 5", 1),
    candidate("z", "my son Dawid is 6", 0),
  ]);
  assert.deepEqual(others.bridges, [], "superseded, Kira's, asked by name, no lexical match");
});

Deno.test("named parts: a name's lexical part is RELATION_NAME_SHARE of its relation word's weight", async () => {
  assert.equal(RELATION_NAME_SHARE, 0.6);
  const candidateQuery = queryOf("what my son want to do for job");
  const bridge: RelationBridge = {
    name: "kuba",
    term: "son",
    stems: ["son"],
    from: "intro",
    voice: "group",
  };
  // Weights: each term's idf 2, the name's 4.
  const termWeights = (query: CandidateQuery) =>
    Promise.resolve(
      query.terms.map((term, i) => (term === "kuba" ? 4 : 2) * (query.priors?.[i] ?? 1)),
    );
  const backend = lookups([
    candidate("answer", "Kuba want to be electrician", 0.5),
    candidate("held", "Kuba is like his father, like son", 0.5),
    candidate("new", "Kuba has braces", 0.25),
    candidate("owner", "Kuba's girlfriend Aoife is nice", 0.5),
  ]);
  const pool = [
    candidate("answer", "Kuba want to be electrician", 0.3),
    candidate("held", "Kuba is like his father, like son", 0.3),
  ];
  await addNamedParts(pool, [bridge], { candidateQuery, backend, termWeights });
  const own = candidateQuery.terms.length * 2;
  const part = (lexical: number) => lexical * RELATION_NAME_SHARE * 2 / own;
  assert.equal(backend.asked[0]!.limit, candidateQuery.limit, "the search's own pool size");
  assert.equal(backend.asked[0]!.lexicalOnly, true);
  // The name's prior makes its weight 0.8 of the relation word's: 0.8 · 2 / 4.
  assert.deepEqual(backend.asked[0]!.priors, [RELATION_NAME_SHARE * 2 / 4]);
  assert.ok(Math.abs(pool[0]!.lexical - (0.3 + part(0.5))) < 1e-12, String(pool[0]!.lexical));
  assert.equal(pool[1]!.lexical, 0.3, "a memory holding 'son' is matched by it already");
  assert.equal(pool.length, 3, "Kuba's girlfriend's line tells of her, not of Kuba");
  assert.ok(Math.abs(pool[2]!.lexical - part(0.25)) < 1e-12, "a new one joins with its part");
});

Deno.test("named voices: a line in no one's voice holding the name takes the naming memory's", () => {
  const bridge: RelationBridge = {
    name: "kuba",
    term: "son",
    stems: ["son"],
    from: "intro",
    voice: "group",
  };
  const voices = namedVoices([
    candidate("intro", "our son Kuba has 16 years", 1),
    candidate("plain", "Kuba want to be electrician", 1),
    candidate("mine", "I drive Kuba to football", 1),
    candidate("son", "Kuba is like his father, like son", 1),
    candidate("other", "Aoife is his girlfriend", 1),
    candidate("owner", "Kuba's girlfriend Aoife is nice", 1),
  ], [bridge]);
  assert.deepEqual([...voices], [["plain", "group"]]);
  assert.equal(
    namedVoices([candidate("plain", "Kuba want", 1)], [{ ...bridge, voice: "other" }]).size,
    0,
  );
  const factors = new TextFactors({ namedVoices: voices });
  assert.equal(
    factors.voice(sampleRecord({ id: "plain", content: "Kuba want to be electrician" })),
    "group",
  );
  assert.equal(
    factors.voice(sampleRecord({ id: "else", content: "Kuba want to be electrician" })),
    "other",
  );
});

Deno.test("relation bridges: the lookup weighs each relation word alike; a name is added once", async () => {
  const { bridges, asked } = await bridgesOf("when are the kids birthdays", [
    candidate("a", "our son Kuba has 16 years", 0.5),
    candidate("b", "Kuba is my son, the oldest", 0.4),
  ]);
  assert.deepEqual(asked[0]!.priors, asked[0]!.terms.map(() => 1));
  assert.deepEqual(bridges.map((one) => [one.name, one.from]), [["kuba", "a"]]);
});

Deno.test("relation bridges: a relation word the query's own terms lack is looked up by none", async () => {
  // The analyser reads "bestie" as "best friend": "besti" is no term of the query.
  const text = "what does my bestie do";
  const candidateQuery = queryOf(text);
  assert.ok(!candidateQuery.terms.includes("besti"), candidateQuery.terms.join(" "));
  const backend = lookups([candidate("a", "my bestie Aoife is a nurse", 1)]);
  const bridges = await relationBridges(
    { text, own: candidateQuery.terms, candidateQuery },
    backend,
  );
  assert.deepEqual([bridges, backend.asked.length], [[], 0]);
});

Deno.test("named parts: none for a weightless word or name, another persona's, a lexical 0; capped at 1", async () => {
  const candidateQuery = queryOf("what my son want to do for job");
  const bridge: RelationBridge = {
    name: "kuba",
    term: "son",
    stems: ["son"],
    from: "intro",
    voice: "group",
  };
  const weighed = (weight: (term: string) => number) => (query: CandidateQuery) =>
    Promise.resolve(query.terms.map((term, i) => weight(term) * (query.priors?.[i] ?? 1)));
  const found = () =>
    lookups([
      candidate("answer", "Kuba want to be electrician", 0.5),
      candidate("kira", "Kuba plays football", 0.5, "kira"),
      candidate("zero", "Kuba has braces", 0),
    ]);
  // No bridge: nothing weighed, nothing looked up (most searches ask about no relation).
  const none = found();
  const unweighed = () => Promise.reject(new Error("weighed with no bridge"));
  await addNamedParts([], [], { candidateQuery, backend: none, termWeights: unweighed });
  assert.equal(none.asked.length, 0);
  // A query whose own terms weigh nothing, or a bridge for a word the query lacks: no lookup.
  for (
    const [bridges, weight] of [
      [[bridge], () => 0],
      [[{ ...bridge, term: "daughter" }], () => 2],
    ] as const
  ) {
    const backend = found();
    const pool = [candidate("answer", "Kuba want to be electrician", 0.3)];
    await addNamedParts(pool, bridges, { candidateQuery, backend, termWeights: weighed(weight) });
    assert.deepEqual([backend.asked.length, pool.length, pool[0]!.lexical], [0, 1, 0.3]);
  }
  // A name no memory holds (idf 0) is looked up at a prior of 0, not of infinity.
  const unknown = found();
  await addNamedParts([], [bridge], {
    candidateQuery,
    backend: unknown,
    termWeights: weighed((term) => term === "kuba" ? 0 : 2),
  });
  assert.deepEqual(unknown.asked[0]!.priors, [0]);
  // Another persona's memory and one the lookup found with no lexical part never join the pool.
  const backend = found();
  const pool = [candidate("answer", "Kuba want to be electrician", 0.9)];
  await addNamedParts(pool, [bridge], { candidateQuery, backend, termWeights: weighed(() => 2) });
  assert.deepEqual(pool.map((one) => one.record.id), ["answer"]);
  // A part that would take the lexical score past 1 is capped there.
  const strong = lookups([candidate("answer", "Kuba want to be electrician", 1)]);
  const full = [candidate("answer", "Kuba want to be electrician", 0.99)];
  const heavy = weighed((term) => term === "son" ? 100 : term === "kuba" ? 1 : 0.01);
  await addNamedParts(full, [bridge], { candidateQuery, backend: strong, termWeights: heavy });
  assert.equal(full[0]!.lexical, 1);
  // Two sons' names weigh 1.2 of "son": a memory the pool lacked is capped too.
  const fresh: Candidate[] = [];
  const sons = [bridge, { ...bridge, name: "adam" }];
  await addNamedParts(fresh, sons, { candidateQuery, backend: strong, termWeights: heavy });
  assert.equal(fresh[0]!.lexical, 1);
});
