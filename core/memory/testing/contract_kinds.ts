/**
 * Contract cases: what named things are, said in other memories (`kind_names.ts`,
 * `kind_bridges.ts`), on every backend: the names the store says are of a kind follow its
 * stores, imports, updates, supersessions and deletes, and a question by the kind finds the
 * name's memories. Test code only; `contract.ts` runs them.
 *
 * @module
 */
import assert from "node:assert/strict";
import { LocalEmbedder } from "../embedder.ts";
import { queryTerms } from "../lexical_index.ts";
import { kindBridges } from "../kind_bridges.ts";
import { input, type MemoryFixture } from "./contract_fixture.ts";
import { type ContractCase, search } from "./contract_search.ts";

/** The names Aria's memories say are of a kind `text` asks about, as the search finds them. */
async function namesFor(f: MemoryFixture, text: string): Promise<string[]> {
  const [vector] = await new LocalEmbedder().embed([text]);
  const own = queryTerms(text);
  const bridges = await kindBridges({
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

const HOME = "what does the care home cost a week";

/** Lines that share the question's other words, none about the beagle. */
const AROUND = [
  "the jab clinic at the surgery is on Tuesday mornings",
  "my car insurance is due for renewal in November",
  "the boiler service is due before the winter",
  "I need to book my flu jab before Christmas",
  "the library books are due back on Friday",
  "Declan's tetanus jab was done in March",
];

/** The kind cases. */
export const KIND_CASES: ContractCase[] = [
  [
    "a question by a thing's kind finds the memories of the name the store says is of it",
    async (f) => {
      for (const content of AROUND) await store(f, content);
      await store(f, "our beagle Biscuit is 5 and registered at the vets on Nottingham Road");
      const answer = await store(f, "Biscuit has his boosters every October, the card is in the drawer");
      // "beagle" is not in the answer, nor "jabs" or "due": only the name ties it to the
      // question, and it is found among the lines that share the question's other words.
      const hits = await search(f, "when are the beagle's jabs due");
      assert.ok(
        hits.some((hit) => hit.id === answer),
        JSON.stringify(hits.map((hit) => hit.content)),
      );
    },
  ],
  ["the names of a kind follow stores, imports, updates and deletes", async (f) => {
    assert.deepEqual(await namesFor(f, HOME), []);
    const intro = await store(f, "Elmhurst is the care home off Forest Road");
    assert.deepEqual(await namesFor(f, HOME), ["elmhurst"]);
    // An import (`storeMany`) after the first lookup.
    await f.memory.storeMany(f.aria, [input({ content: "Larches, the care home by the park, has a waiting list" })]);
    assert.deepEqual(await namesFor(f, HOME), ["elmhurst", "larch"]);
    await f.memory.update(intro, { content: "Oakwood is the care home off Forest Road" });
    assert.deepEqual(await namesFor(f, HOME), ["larch", "oakwood"]);
    await f.memory.delete(intro);
    assert.deepEqual(await namesFor(f, HOME), ["larch"]);
  }],
  ["a superseded memory's kind stands unless its successor gives the kind to another name", async (f) => {
    const eldest = await store(f, "our eldest, Priya, is 15 and in year 10");
    await f.memory.store(f.aria, input({ content: "Priya's in year 11 since September", supersedes: [eldest] }));
    assert.deepEqual(await namesFor(f, "which nut must my eldest avoid"), ["priya"]);
    const home = await store(f, "Elmhurst is the care home off Forest Road");
    await f.memory.store(
      f.aria,
      input({ content: "Oakwood is the care home off Forest Road now", supersedes: [home] }),
    );
    assert.deepEqual(await namesFor(f, HOME), ["oakwood"]);
  }],
];
