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

/** Lines of the same shape as the answer, each about a place that is no care home. */
const AROUND = [
  "the manager at Westgate is Brian Hughes",
  "the manager at Parkside is Susan Leigh",
  "the manager at Hollybank is Tom Reid",
  "the manager at Fernlea is Ruth Adams",
];

/** The kind cases. */
export const KIND_CASES: ContractCase[] = [
  [
    "a question by a thing's kind finds the memories of the name the store says is of it",
    async (f) => {
      for (const content of AROUND) await store(f, content);
      await store(f, "Elmhurst is the care home off Forest Road");
      await store(f, "Westgate is the leisure centre by the station");
      const answer = await store(f, "the manager at Elmhurst is Rosa Okafor");
      // Neither "care" nor "home" is in the answer: only the name ties it to the question, and
      // it ranks above the lines of the same shape about other places. (An owned noun right
      // before the name, "our beagle Biscuit", is the older name bridge's, `name_bridge.ts`: a
      // copula's tie is this module's alone.)
      const hits = await search(f, "who is the manager of the care home");
      const ids = hits.map((hit) => hit.id);
      const around = hits.findIndex((hit) => AROUND.includes(hit.content));
      const at = ids.indexOf(answer);
      assert.ok(at >= 0 && at < around, JSON.stringify(hits.map((hit) => hit.content)));
    },
  ],
  ["the names of a kind follow stores, imports, updates and deletes", async (f) => {
    assert.deepEqual(await namesFor(f, HOME), []);
    const intro = await store(f, "Elmhurst is the care home off Forest Road");
    assert.deepEqual(await namesFor(f, HOME), ["elmhurst"]);
    // An import (`storeMany`) after the first lookup.
    await f.memory.storeMany(f.aria, [
      input({ content: "Larches, the care home by the park, has a waiting list" }),
    ]);
    assert.deepEqual(await namesFor(f, HOME), ["elmhurst", "larch"]);
    await f.memory.update(intro, { content: "Oakwood is the care home off Forest Road" });
    assert.deepEqual(await namesFor(f, HOME), ["larch", "oakwood"]);
    await f.memory.delete(intro);
    assert.deepEqual(await namesFor(f, HOME), ["larch"]);
  }],
  [
    "a superseded memory's kind stands unless its successor gives the kind to another name",
    async (f) => {
      const eldest = await store(f, "our eldest, Priya, is 15 and in year 10");
      await f.memory.store(
        f.aria,
        input({ content: "Priya's in year 11 since September", supersedes: [eldest] }),
      );
      assert.deepEqual(await namesFor(f, "which nut must my eldest avoid"), ["priya"]);
      const home = await store(f, "Elmhurst is the care home off Forest Road");
      await f.memory.store(
        f.aria,
        input({ content: "Oakwood is the care home off Forest Road now", supersedes: [home] }),
      );
      assert.deepEqual(await namesFor(f, HOME), ["oakwood"]);
    },
  ],
];
