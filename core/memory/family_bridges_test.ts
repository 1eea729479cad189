import assert from "node:assert/strict";
import type { Candidate, CandidateQuery } from "./backend.ts";
import {
  FAMILY_MEMBER_PRIOR,
  FAMILY_NAME_SHARE,
  FAMILY_NAMES,
  FAMILY_SOURCES,
  familyBridges,
  withFamilyNames,
} from "./family_bridges.ts";
import { FAMILY_MEMBER_TERMS } from "./owned_family.ts";
import { sampleRecord } from "./testing/record_fixture.ts";
import { bridgeQueryOf } from "./testing/bridge_fixture.ts";
import { input, memoryFixture } from "./testing/contract_fixture.ts";
import { SqliteBackend } from "./sqlite_backend.ts";
import type { SqliteDatabase } from "../storage/mod.ts";

const PERSONA = "aria";

function candidate(id: string, content: string, persona = PERSONA): Candidate {
  const record = sampleRecord({ id, content, persona_id: persona });
  return { record: { ...record, superseded_by: null }, similarity: 0, lexical: 0.5 };
}

/** The bridges `text` finds when every lookup answers `found`, and the lookups it made. */
async function bridgesOf(text: string, found: Candidate[]) {
  const asked: CandidateQuery[] = [];
  const backend = {
    candidates: (query: CandidateQuery) => {
      asked.push(query);
      return Promise.resolve(found.map((one) => ({ ...one })));
    },
  };
  const candidateQuery = bridgeQueryOf(text, PERSONA);
  const bridges = await familyBridges(
    { text, own: candidateQuery.terms, candidateQuery },
    backend,
  );
  return { bridges, asked };
}

Deno.test("family bridges: one lexical lookup of FAMILY_SOURCES lines by the owner's name, member words at a share", async () => {
  assert.equal(FAMILY_SOURCES, 32);
  assert.equal(FAMILY_MEMBER_PRIOR, 0.25);
  const { asked } = await bridgesOf("what's Jonah's family like", []);
  assert.equal(asked.length, 1);
  assert.deepEqual(asked[0]!.terms, ["jonah", ...FAMILY_MEMBER_TERMS]);
  assert.deepEqual(asked[0]!.priors, [1, ...FAMILY_MEMBER_TERMS.map(() => 0.25)]);
  assert.equal(asked[0]!.limit, FAMILY_SOURCES);
  assert.equal(asked[0]!.lexicalOnly, true);
  // No named owner's family asked: no lookup at all.
  for (const text of ["how is my family", "what does Jonah's brother do", "Jonah"]) {
    assert.equal((await bridgesOf(text, [])).asked.length, 0, text);
  }
});

Deno.test("family bridges: the owner's relatives' names stand for the family word at FAMILY_NAME_SHARE", async () => {
  assert.equal(FAMILY_NAME_SHARE, 1);
  const { bridges } = await bridgesOf("what's Jonah's family like", [
    candidate("a", "Jonah's mum Pauline lives in Hull"),
    candidate("b", "Dev's son Rudy is six"),
    candidate("c", "Jonah's brother Aaron is a plumber"),
    candidate("d", "Jonah's cousin Leah", "someone-else"),
  ]);
  assert.deepEqual(
    bridges.map(({ name, term, from, share }) => ({ name, term, from, share })),
    [
      { name: "paulin", term: "famili", from: "a", share: 1 },
      { name: "aaron", term: "famili", from: "c", share: 1 },
    ],
  );
});

Deno.test("family bridges: at most FAMILY_NAMES names, each once, none a query term", async () => {
  assert.equal(FAMILY_NAMES, 4);
  const names = ["Ada", "Bea", "Cleo", "Dora", "Edie", "Fern"];
  const { bridges } = await bridgesOf("Tom and his family, and Ada", [
    candidate("x", "Tom's sister Bea and Tom's sister Bea"),
    ...names.map((name, i) => candidate(`m${i}`, `Tom's cousin ${name} came`)),
  ]);
  assert.deepEqual(bridges.map(({ name }) => name), ["bea", "cleo", "dora", "edi"]);
});

Deno.test("a question for a named person's family finds a relative's line that holds no word of it (real SQLite)", async () => {
  const fixture = await memoryFixture((db) => new SqliteBackend(db as SqliteDatabase));
  try {
    // More lines holding the owner's name than a search's pool (50 for 5 results): the
    // relative's own line is found through the name the store gives the relative, or not at all.
    for (let i = 0; i < 60; i++) {
      const content = `Jonah was on shift ${i} today on the ward`;
      await fixture.memory.store(fixture.aria, input({ content }));
    }
    await fixture.memory.store(
      fixture.aria,
      input({ content: "Jonah's mum Pauline lives in Hull and rings every Sunday" }),
    );
    const { id } = await fixture.memory.store(
      fixture.aria,
      input({ content: "Pauline's 70th is in August, a party at a hotel" }),
    );
    const hits = await fixture.memory.search(fixture.aria, {
      query: "what's Jonah's family like",
      n_results: 5,
      min_importance: 0,
    });
    assert.ok(hits.some((hit) => hit.id === id), JSON.stringify(hits.map((hit) => hit.content)));
  } finally {
    await fixture.close();
  }
});

Deno.test("withFamilyNames adds the relatives' names to the names asked about, once, and only to a question that names someone", () => {
  const bridge = {
    name: "paulin",
    term: "famili",
    stems: ["famili"],
    from: "a",
    voice: "other" as const,
  };
  const analysed = { names: Object.freeze(["jonah"]), terms: ["jonah", "famili"] };
  assert.equal(withFamilyNames(analysed, []), analysed);
  assert.deepEqual(withFamilyNames(analysed, [bridge, bridge]), {
    ...analysed,
    names: ["jonah", "paulin"],
  });
  // A question that names no one is costed by no name (`UNNAMED`): nothing to add to.
  const unnamed = { names: Object.freeze([] as string[]) };
  assert.equal(withFamilyNames(unnamed, [bridge]), unnamed);
});
