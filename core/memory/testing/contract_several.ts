/**
 * Contract cases: a question for several facts by its shape ("what pets do we have",
 * `several_facts.ts`) and one for all a subject does ("what does Hayden do", `broad_deeds.ts`)
 * rank the memories that tell of each member or deed above short lines that only share the
 * question's words, a compound question ranks each part's best answer near the top
 * (`compound_question.ts`), and a class's member is found by its own word
 * (`class_expansion.ts`), on every backend. Test code only; `contract.ts` runs them.
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
  [
    "a compound question ranks each part's best answer at the top, not the whole's shape",
    async (f) => {
      for (const content of AROUND) await store(f, content);
      for (
        const content of [
          "the kids watched a film about wild animals of the Serengeti: zebras, lions, crocodiles",
          "Nora asked what animals the zoo in Edinburgh keeps now that the pandas went home",
          "the garden centre sells greenhouse kits with sliding doors and aluminium frames",
        ]
      ) await store(f, content);
      const answers = [
        await store(f, "I grow tomatoes in the greenhouse"),
        await store(f, "We keep chickens in the back garden"),
      ];
      const hits = await search(
        f,
        "What do I grow in the greenhouse and what animals do we keep in the garden?",
      );
      assert.deepEqual(
        firstIds(hits, 2),
        [...answers].sort(),
        JSON.stringify(hits.map((h) => h.content)),
      );
    },
  ],
  [
    "a compound question ranks one part's best answer right after the whole's best",
    async (f) => {
      for (const content of AROUND) await store(f, content);
      for (
        const content of [
          "my sister lives in a big house in Fife with her husband",
          "who owns the red van parked outside the house every night?",
          "the house next door was sold and the new owners are from Dundee",
          "Tom lives near the station",
          "where I used to live the landlord owned half the street",
        ]
      ) await store(f, content);
      const home = await store(f, "I live in a flat on the top floor in Leith");
      await store(f, "We rent our house from an old couple, the Grants");
      const hits = await search(f, "Where do I live, and who owns our house?");
      // Ranked as one question, two lines with "owns" and "house" come above it.
      assert.ok(
        firstIds(hits, 2).includes(home),
        JSON.stringify(hits.map((h) => h.content)),
      );
    },
  ],
  [
    "a class asked for several facts finds a member's line that holds no word of the question",
    async (f) => {
      // More lines holding the class word than a search's pool holds (50 for 5 results): the
      // member's line is found by its own word (`class_expansion.ts`) or not at all.
      for (let i = 0; i < 120; i++) {
        await store(f, `medication cupboard note ${i}: tidy the medication shelf`);
      }
      const member = await store(f, "Dad takes warfarin, 4mg every night from Monday");
      const hits = await search(f, "everyone's medication", { n_results: 5 });
      assert.equal(hits[0]?.id, member, JSON.stringify(hits.map((h) => h.content)));
    },
  ],
];
