/**
 * Contract cases: a question for several facts by its shape ("what pets do we have",
 * `several_facts.ts`) and one for all a subject does ("what does Hayden do", `broad_deeds.ts`)
 * rank the memories that tell of each member or deed above short lines that only share the
 * question's words, on every backend. Test code only; `contract.ts` runs them.
 *
 * @module
 */
import assert from "node:assert/strict";
import { input, type MemoryFixture } from "./contract_fixture.ts";
import { type ContractCase, search } from "./contract_search.ts";

async function store(f: MemoryFixture, content: string): Promise<string> {
  return (await f.memory.store(f.aria, input({ content }))).id;
}

/** Lines of the speaker's life that name no pet and no one the cases ask about. */
const AROUND = [
  "I got the car washed this morning",
  "the roads were bad past the bridge last night",
  "I need new wiper blades before the trip",
  "the plumber called twice about the boiler",
];

/** The sorted ids of the first `n` of `hits`. */
const firstIds = (hits: readonly { id: string }[], n: number) =>
  hits.slice(0, n).map((hit) => hit.id).sort();

/** The several-facts cases. */
export const SEVERAL_CASES: ContractCase[] = [
  [
    "a question for a class in the plural ranks what tells of each member above lines naming the class",
    async (f) => {
      for (const content of AROUND) await store(f, content);
      for (const content of ["the pets are asleep", "I fed the pets", "the pets were noisy"]) {
        await store(f, content);
      }
      const members = [
        await store(f, "our pets: a golden retriever, Biscuit, who hides under the bed in storms"),
        await store(f, "we adopted a grey kitten, Pixel, as a pet from the Leeds shelter"),
      ];
      const hits = await search(f, "what pets do we have");
      assert.deepEqual(
        firstIds(hits, 2),
        [...members].sort(),
        JSON.stringify(hits.map((h) => h.content)),
      );
    },
  ],
  [
    "a question for all one does with someone ranks what tells of each deed above lines naming them",
    async (f) => {
      for (const content of AROUND) await store(f, content);
      for (const content of ["Moira called", "I miss Moira", "Moira says hello"]) {
        await store(f, content);
      }
      const deeds = [
        await store(f, "lunch with Moira moved to the last Friday at the cafe in the botanics"),
        await store(f, "went to Benidorm with Moira in May, ten days at the Hotel Levante"),
      ];
      const hits = await search(f, "what do I do with Moira");
      assert.deepEqual(
        firstIds(hits, 2),
        [...deeds].sort(),
        JSON.stringify(hits.map((h) => h.content)),
      );
    },
  ],
];
