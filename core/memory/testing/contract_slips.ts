/**
 * Contract cases: slips found through the persona's own words (`store_slips.ts`), on every
 * backend. Each store holds ~56 memories closer to the query by meaning than the one that
 * answers it, so the sentence vectors alone (a pool of 50 nearest) leave that one out: only
 * BM25 can bring it, by a store word a slip away. Test code only; `contract.ts` runs them.
 *
 * @module
 */
import assert from "node:assert/strict";
import type { CandidateQuery } from "../backend.ts";
import { LocalEmbedder } from "../embedder.ts";
import { input, type MemoryFixture } from "./contract_fixture.ts";
import { type ContractCase, search } from "./contract_search.ts";

const NAMES = ["Tom", "Ana", "Rui", "Jess", "Ken", "Dev", "Leah", "Sam"];

/** `count` texts from `make(i)`, each with a name and a number of its own. */
function texts(count: number, make: (name: string, i: number) => string): string[] {
  return Array.from({ length: count }, (_, i) => make(NAMES[i % NAMES.length]!, i));
}

const RELATIVES = ["son", "niece", "nephew", "cousin", "brother", "sister", "aunt", "uncle"];
const JOBS = ["plumber", "teacher", "nurse", "baker", "driver", "lawyer", "chef"];
/** Relatives and their jobs: nearer "my daughter" by meaning than a cello in an orchestra. */
const FAMILY = texts(
  56,
  (name, i) =>
    `my ${RELATIVES[(i >> 3) % RELATIVES.length]} ${name} works as a ${JOBS[i % JOBS.length]} ${i}`,
);
/** Weather at sea: nearer "choppy" than fish and chips. */
const SEA = texts(
  56,
  (name, i) => `${name} said the sea was rough and windy by the harbour wall, wave ${i}`,
);
/** Paperwork: nearer "form" than a farm. */
const PAPERS = texts(
  56,
  (name, i) => `${name} posted the application and the signed document, number ${i}`,
);

/** Appointments: nearer "when is my physiotherapy" by meaning than a physio note. */
const DIARY = texts(
  56,
  (name, i) => `${name} has the dentist appointment on day ${i} at the clinic, ${i % 12}pm`,
);

async function storeAll(f: MemoryFixture, contents: readonly string[]): Promise<string[]> {
  const ids: string[] = [];
  for (const content of contents) {
    ids.push((await f.memory.store(f.aria, input({ content }))).id);
  }
  return ids;
}

/** A candidate query of Aria's for the backend's own lookups. */
async function queryOf(f: MemoryFixture, text: string): Promise<CandidateQuery> {
  const [vector] = await new LocalEmbedder().embed([text]);
  return {
    personaId: f.aria.id,
    othersVisibility: [],
    vector: vector!,
    embedder: f.memory.embedderId,
    terms: [],
    minImportance: 0,
    limit: 50,
  };
}

/** The store words a slip from `word` that the backend finds for Aria. */
async function slipsOf(f: MemoryFixture, word: string): Promise<string[]> {
  const found = await f.backend.slips!(await queryOf(f, word), [word]);
  return found.slips[0]!.map((slip) => slip.term).sort();
}

/** The slip cases. */
export const SLIP_CASES: ContractCase[] = [
  ["a memory written with a slip is found by the word spelt right", async (f) => {
    await storeAll(f, FAMILY);
    const [slipped] = await storeAll(f, ["my dauther Ines plays the cello in an orchestra"]);
    const hits = await search(f, "what does my daughter do");
    assert.equal(hits[0]?.id, slipped);
  }],
  [
    "a query's slip that is a word elsewhere finds a memory whose word the vectors lack",
    async (f) => {
      // "choppy" (a word of the vectors) asked, "chippy" (none) stored: the rule allows it.
      await storeAll(f, SEA);
      const [chippy] = await storeAll(f, ["we get fish and chips from the chippy on fridays"]);
      const hits = await search(f, "which choppy do we like");
      assert.equal(hits[0]?.id, chippy);
    },
  ],
  [
    "two words the vectors both know are no slips of each other ('form' is no 'farm')",
    async (f) => {
      await storeAll(f, PAPERS);
      const [farm] = await storeAll(f, ["we walked the dog past the farm near the river"]);
      const hits = await search(f, "the form");
      assert.ok(!hits.some((hit) => hit.id === farm), "the farm is no candidate");
    },
  ],
  ["a note's short form unknown to the vectors is found by the full word", async (f) => {
    // The short forms of the query's words the store holds (`store_short_forms.ts`).
    await storeAll(f, DIARY);
    const [physio] = await storeAll(f, ["physio Thu 0745 w/ Sam, R shoulder, £55 a session"]);
    const hits = await search(f, "When is my physiotherapy?");
    assert.equal(hits[0]?.id, physio);
  }],
  ["a note's contraction unknown to the vectors is found by the full word", async (f) => {
    // A contraction keeps the word's first letter only: no beginning of its root finds it, the
    // lookup of its forms does (recall108, `contractionAsk`).
    await storeAll(f, [...FAMILY, ...PAPERS]);
    const [manager] = await storeAll(f, ["mgr is Priya now, 1:1s every other Weds"]);
    const hits = await search(f, "who is my manager?");
    assert.equal(hits[0]?.id, manager);
  }],
  ["the persona's slips follow its stores, updates and deletes", async (f) => {
    const [first] = await storeAll(f, ["my dauther Ines plays the cello"]);
    assert.deepEqual(await slipsOf(f, "daughter"), ["dauther"]);
    // Stored after the first lookup (SQLite and Chroma built their vocabulary then).
    const [second] = await storeAll(f, ["the daughtre of my friend is a nurse"]);
    assert.deepEqual(await slipsOf(f, "daughter"), ["daughtr", "dauther"]);
    await f.memory.update(first!, { content: "my daughter Ines plays the cello" });
    assert.deepEqual(await slipsOf(f, "daughter"), ["daughtr"]);
    await f.memory.delete(second!);
    assert.deepEqual(await slipsOf(f, "daughter"), []);
    await f.memory.update(first!, { content: "my daugther Ines plays the viola" });
    assert.deepEqual(await slipsOf(f, "daughter"), ["daugther"]);
  }],
];
