/**
 * Contract cases: a first name standing for a relation told elsewhere (`relation_names.ts`,
 * `relation_expansion.ts`), on every backend: the names a store gives the speaker's relations
 * follow its stores, imports, updates, supersessions and deletes, and a question about the
 * relation finds the name's memories. Test code only; `contract.ts` runs them.
 *
 * @module
 */
import assert from "node:assert/strict";
import { LocalEmbedder } from "../embedder.ts";
import { queryTerms } from "../lexical_index.ts";
import { relationBridges } from "../relation_expansion.ts";
import { input, type MemoryFixture } from "./contract_fixture.ts";
import { type ContractCase, search } from "./contract_search.ts";

/** The names Aria's memories give the relations `text` asks about, as the search finds them. */
async function namesFor(f: MemoryFixture, text: string): Promise<string[]> {
  const [vector] = await new LocalEmbedder().embed([text]);
  const own = queryTerms(text);
  const bridges = await relationBridges({
    text,
    own,
    candidateQuery: {
      personaId: f.aria.id,
      othersVisibility: [],
      vector: vector!,
      embedder: f.memory.embedderId,
      terms: own,
      minImportance: 0,
      limit: 50,
    },
  }, f.backend);
  return bridges.map((bridge) => bridge.name).sort();
}

async function store(f: MemoryFixture, content: string): Promise<string> {
  return (await f.memory.store(f.aria, input({ content }))).id;
}

const SON = "what does my son want to do for a job";

/** Lines that share the question's other words, none about the son. */
const AROUND = [
  "I want a new job with better hours and less driving",
  "Declan wants the whole job done by Friday evening",
  "the job centre was very busy this morning",
  "Florin wants to do a forklift course for a better job",
  "I do not want to work nights again next year",
  "Anto said the new job in the depot pays well",
];

/** The relation cases. */
export const RELATION_CASES: ContractCase[] = [
  ["a question about a relation finds the memories of the name the store gives it", async (f) => {
    for (const content of AROUND) await store(f, content);
    const intro = await store(f, "our son Kuba is 16 and plays football for the local club");
    const answer = await store(f, "Kuba is keen to become an electrician after school");
    const hits = await search(f, SON);
    // Above every line that shares the question's other words; only the son's own line may lead.
    const ids = hits.map((hit) => hit.id).filter((id) => id !== intro);
    assert.equal(ids[0], answer, JSON.stringify(hits.map((hit) => hit.content)));
  }],
  ["someone else's relation gives the speaker's relation no name", async (f) => {
    await store(f, "Florin's son Matei is in the army");
    await store(f, "his wife Agata has a son Tymek");
    await store(f, "my landlord's son Tom plays drums at night");
    assert.deepEqual(await namesFor(f, SON), []);
  }],
  ["the names of a relation follow stores, imports, updates and deletes", async (f) => {
    assert.deepEqual(await namesFor(f, SON), []);
    const intro = await store(f, "our son Kuba is 16");
    assert.deepEqual(await namesFor(f, SON), ["kuba"]);
    // An import (`storeMany`) after the first lookup.
    await f.memory.storeMany(f.aria, [input({ content: "Staszek, my son, lives in Cork" })]);
    assert.deepEqual(await namesFor(f, SON), ["kuba", "staszek"]);
    await f.memory.update(intro, { content: "our son Jakub is 16" });
    assert.deepEqual(await namesFor(f, SON), ["jakub", "staszek"]);
    await f.memory.delete(intro);
    assert.deepEqual(await namesFor(f, SON), ["staszek"]);
  }],
  ["a superseded memory's name is no longer the relation's", async (f) => {
    const old = await store(f, "my boss is called Declan");
    assert.deepEqual(await namesFor(f, "who is my boss"), ["declan"]);
    await f.memory.store(
      f.aria,
      input({ content: "my boss is now called Niamh", supersedes: [old] }),
    );
    assert.deepEqual(await namesFor(f, "who is my boss"), ["niamh"]);
  }],
];
