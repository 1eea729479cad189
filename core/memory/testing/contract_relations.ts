/**
 * Contract cases: a first name standing for a relation told elsewhere (`relation_names.ts`,
 * `relation_expansion.ts`), on every backend: the names a store gives the speaker's relations
 * follow its stores, imports, updates, supersessions and deletes, and a question about the
 * relation finds the name's memories; so do the names a store gives someone's relatives
 * (`owned_family.ts`, `family_bridges.ts`) for a question about their family, and those of the
 * speaker's partner for their in-laws (`in_law_bridges.ts`). Test code only;
 * `contract.ts` runs them.
 *
 * @module
 */
import assert from "node:assert/strict";
import { relationBridges } from "../relation_expansion.ts";
import { familyBridges } from "../family_bridges.ts";
import { input } from "./contract_fixture.ts";
import { bridgedNames, storeContent } from "./bridge_fixture.ts";
import { type ContractCase, search } from "./contract_search.ts";

const SON = "what does my son want to do for a job";
const KIDS = "what do the kids want to be";

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
  [
    "a question about a class of relatives finds the memories of the names the store gives them",
    async (f) => {
      for (const content of AROUND) await storeContent(f, content);
      await storeContent(f, "our son Kuba is 16 and plays football for the local club");
      await storeContent(f, "our daughter Zosia is 9 and goes to Irish dancing");
      const kuba = await storeContent(f, "Kuba wants to be an electrician after school");
      const zosia = await storeContent(f, "Zosia wants to be a vet one day");
      const hits = await search(f, KIDS);
      // "kids" is neither "son" nor "daughter": only the names tie these two to the question,
      // and they rank above every line of the speaker's own that shares its other words.
      const ids = hits.map((hit) => hit.id);
      const around = hits.findIndex((hit) => AROUND.includes(hit.content));
      for (const answer of [kuba, zosia]) {
        const at = ids.indexOf(answer);
        assert.ok(
          at >= 0 && (around < 0 || at < around),
          JSON.stringify(hits.map((h) => h.content)),
        );
      }
    },
  ],
  ["the names of a relation follow stores, imports, updates and deletes", async (f) => {
    assert.deepEqual(await bridgedNames(f, SON, relationBridges), []);
    const intro = await storeContent(f, "our son Kuba is 16");
    assert.deepEqual(await bridgedNames(f, SON, relationBridges), ["kuba"]);
    // An import (`storeMany`) after the first lookup.
    await f.memory.storeMany(f.aria, [input({ content: "Staszek, my son, lives in Cork" })]);
    assert.deepEqual(await bridgedNames(f, SON, relationBridges), ["kuba", "staszek"]);
    await f.memory.update(intro, { content: "our son Jakub is 16" });
    assert.deepEqual(await bridgedNames(f, SON, relationBridges), ["jakub", "staszek"]);
    await f.memory.delete(intro);
    assert.deepEqual(await bridgedNames(f, SON, relationBridges), ["staszek"]);
  }],
  ["a superseded memory's name is no longer the relation's", async (f) => {
    const old = await storeContent(f, "my boss is called Declan");
    assert.deepEqual(await bridgedNames(f, "who is my boss", relationBridges), ["declan"]);
    await f.memory.store(
      f.aria,
      input({ content: "my boss is now called Niamh", supersedes: [old] }),
    );
    assert.deepEqual(await bridgedNames(f, "who is my boss", relationBridges), ["niamh"]);
  }],
  [
    "a question about someone's family finds the memories of the relatives the store names for them",
    async (f) => {
      // More of Jonah's own lines than a search's pool: the relative's line is found through the
      // name the store gives her, or not at all.
      for (let i = 0; i < 60; i++) await storeContent(f, `Jonah was on shift ${i} on the ward`);
      await storeContent(f, "Jonah's mum Pauline lives in Hull and rings every Sunday");
      const answer = await storeContent(f, "Pauline's 70th is in August, a party at a hotel");
      const hits = await search(f, "what's Jonah's family like");
      assert.ok(hits.some((hit) => hit.id === answer), JSON.stringify(hits.map((h) => h.content)));
    },
  ],
  ["the names of someone's relatives follow stores, updates and deletes", async (f) => {
    const FAMILY = "what's Jonah's family like";
    assert.deepEqual(await bridgedNames(f, FAMILY, familyBridges), []);
    const intro = await storeContent(f, "Jonah's mum Pauline lives in Hull");
    assert.deepEqual(await bridgedNames(f, FAMILY, familyBridges), ["paulin"]);
    await f.memory.update(intro, { content: "Jonah's brother Aaron lives in Hull" });
    assert.deepEqual(await bridgedNames(f, FAMILY, familyBridges), ["aaron"]);
    await f.memory.delete(intro);
    assert.deepEqual(await bridgedNames(f, FAMILY, familyBridges), []);
  }],
  ["the speaker's in-laws are the relatives the store names for their partner", async (f) => {
    await storeContent(
      f,
      "Theo said: off to the coast this weekend\nJuno replied: Have fun, Theo!",
    );
    const tie = await storeContent(f, "Jonah (Theo's partner) is a physio at the Northern General");
    for (let i = 0; i < 12; i++) await storeContent(f, `Pauline rang about the garden, call ${i}`);
    const mum = await storeContent(f, "Jonah's mum Pauline lives in Hull and rings every Sunday");
    const hits = await search(f, "who are my in-laws");
    assert.equal(hits[0]?.id, mum, JSON.stringify(hits.map((h) => h.content)));
    // The partner's tie follows updates: Jonah's mother is no longer the speaker's in-law.
    await f.memory.update(tie, { content: "Jonah is a physio at the Northern General" });
    const after = await search(f, "who are my in-laws");
    assert.notEqual(after[0]?.id, mum, JSON.stringify(after.map((h) => h.content)));
  }],
];
