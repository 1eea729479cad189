/**
 * Contract cases: a question about one subject broadly ("tell me about Shivon",
 * `broad_subject.ts`) ranks the memories that tell about it above the chit-chat that only names
 * it, on every backend. Test code only; `contract.ts` runs them.
 *
 * @module
 */
import assert from "node:assert/strict";
import { input, type MemoryFixture } from "./contract_fixture.ts";
import { type ContractCase, search } from "./contract_search.ts";

async function store(f: MemoryFixture, content: string): Promise<string> {
  return (await f.memory.store(f.aria, input({ content }))).id;
}

/** Lines of the speaker's life that name no one the cases ask about. */
const AROUND = [
  "I got the truck washed at the Flying J this morning",
  "the roads were bad past Kenora last night",
  "I need new wiper blades before the next run",
  "the dispatcher called twice about the Regina load",
];

/** Short lines that name Shivon and tell next to nothing about her. */
const SHIVON_CHAT = [
  "Shivon is coming for supper on Sunday",
  "Shivon called me last night",
  "Shivon ran a half marathon",
  "I miss Shivon",
];

/** Thirty short lines that name Shivon, each with one everyday word of its own. */
const MANY_SHIVON_CHAT = [
  "supper",
  "lunch",
  "coffee",
  "tea",
  "pizza",
  "toast",
  "soup",
  "cake",
  "pie",
  "eggs",
  "rain",
  "snow",
  "wind",
  "sun",
  "fog",
  "ice",
  "mud",
  "dust",
  "heat",
  "frost",
  "movie",
  "show",
  "game",
  "song",
  "book",
  "news",
  "call",
  "text",
  "hug",
  "nap",
].map((word) => `I told Shivon about the ${word}`);

/** Lines of the speaker's that make "got back", "really", "tired" and "today" common words. */
const COMMON = [
  "I just got back today and I am really tired again",
  "got back late today, really tired, went to bed",
  "really tired again today after the run, got back at six",
  "I got back today from Regina and went to bed really tired",
  "tired again today, I went to bed when I got back",
  "really tired today, I got back and went to bed again",
];

/** The broad-question cases. */
export const BROAD_CASES: ContractCase[] = [
  [
    "a broad question about a person ranks what tells about them above chit-chat naming them",
    async (f) => {
      for (const content of [...AROUND, ...SHIVON_CHAT]) await store(f, content);
      const facts = [
        await store(
          f,
          "Shivon moved back to Winnipeg, she is a paramedic with the fire paramedic service out of station eleven",
        ),
        await store(
          f,
          "Shivon's boyfriend is Tyler, a firefighter in Brandon, nice enough kid who calls me sir",
        ),
      ];
      const hits = await search(f, "tell me about Shivon");
      const firstTwo = hits.slice(0, 2).map((hit) => hit.id).sort();
      assert.deepEqual(firstTwo, [...facts].sort(), JSON.stringify(hits.map((h) => h.content)));
    },
  ],
  [
    "a broad question weighs what a memory tells by how rare its words are, not by their count",
    async (f) => {
      for (const content of COMMON) await store(f, content);
      const chat = await store(f, "Shivon got back today really tired again and went to bed");
      const fact = await store(f, "Shivon's boyfriend Tyler is a firefighter");
      const ids = (await search(f, "tell me about Shivon")).map((hit) => hit.id);
      assert.ok(ids.includes(chat) && ids.indexOf(fact) === 0, JSON.stringify(ids));
    },
  ],
  [
    "a broad question reads past the first twenty hits for the fact that tells about its subject",
    async (f) => {
      for (const content of MANY_SHIVON_CHAT) await store(f, content);
      const fact = await store(
        f,
        "Shivon's boyfriend is Tyler, a firefighter in Brandon, nice enough kid who calls me sir",
      );
      const hits = await search(f, "tell me about Shivon");
      assert.ok(
        hits.some((hit) => hit.id === fact),
        JSON.stringify(hits.map((h) => h.content)),
      );
    },
  ],
  [
    "a broad question in the speaker's voice takes its subject's voice: a fact told by no one ranks first",
    async (f) => {
      for (const content of AROUND) await store(f, content);
      await store(f, "I bought Colleen flowers for the weekend");
      await store(f, "I told Colleen I would be home late");
      await store(f, "I owe Colleen a proper dinner out soon");
      const fact = await store(
        f,
        "Colleen is a loans officer at the credit union on Regent Avenue",
      );
      const hits = await search(f, "what do I know about Colleen");
      assert.equal(hits[0]?.id, fact, JSON.stringify(hits.map((h) => h.content)));
    },
  ],
];
