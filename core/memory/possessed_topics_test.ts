import assert from "node:assert/strict";
import { KIN_OTHERS } from "./kin_owners.ts";
import { comparisons } from "./testing/lookups.ts";
import {
  askedPossessions,
  othersThingFactor,
  POSSESSED_WORDS,
  possessions,
} from "./possessed_topics.ts";
import { SqliteBackend } from "./sqlite_backend.ts";
import type { SqliteDatabase } from "../storage/mod.ts";
import { input, memoryFixture } from "./testing/contract_fixture.ts";

Deno.test("POSSESSED_WORDS is 3: a thing's words after a possessive end at the third", () => {
  assert.equal(POSSESSED_WORDS, 3);
  assert.deepEqual(possessions("Jacob's new red bike is outside"), [
    { owner: "jacob", terms: ["new", "red", "bike"] },
  ]);
  assert.deepEqual(possessions("Jacob's shiny new red bike is outside"), [
    { owner: "jacob", terms: ["shini", "new", "red"] },
  ]);
});

Deno.test("a possessive is a person's when capitalised or a family word; a mark or the next one ends its thing", () => {
  assert.deepEqual(possessions("Mo's friend Jacob's parents' evening was last night"), [
    { owner: "mo", terms: ["friend"] },
    { owner: "jacob", terms: ["parent", "even"] },
  ]);
  assert.deepEqual(possessions("dad's GP is Dr Ferris"), [{ owner: "dad", terms: ["gp"] }]);
  assert.deepEqual(possessions("the school's parents' evening"), []);
  assert.deepEqual(possessions("Jacob's, then evening"), []);
  assert.deepEqual(possessions("Reena's in Leicester"), []);
});

Deno.test("a stop word or a pronoun with 's is no owner: its 's says is, has or us", () => {
  const asked = askedPossessions("When is Mo's parents evening?");
  for (
    const line of [
      "It's parents evening for Mo on Thursday",
      "She's got parents evening on Thursday at 6",
      "He's parents evening on Thursday",
      "That's parents evening sorted for Thursday",
      "There's parents evening on Thursday",
      "Here's parents evening sorted",
      "What's parents evening like",
      "Everyone's parents evening is on Thursday",
      "Someone's parents evening is on Thursday",
      "Let's book parents evening for Thursday",
    ]
  ) {
    assert.deepEqual(possessions(line), [], line);
    assert.equal(othersThingFactor(asked, line), 1, line);
  }
  // Another person's is still another's.
  assert.equal(othersThingFactor(asked, "Jacob's parents evening is Thursday"), 1 - KIN_OTHERS);
  // Nor does a question's "Who's" own what follows it.
  assert.deepEqual(askedPossessions("Who's Aunt Reena's GP?"), [{ owner: "reena", terms: ["gp"] }]);
});

Deno.test("a question's thing is its possession's terms", () => {
  assert.deepEqual(askedPossessions("when is Mo's parents' evening"), [
    { owner: "mo", terms: ["parent", "even"] },
  ]);
  assert.deepEqual(askedPossessions("when is parents' evening"), []);
  // "his" and "her" are the one person the question names; with two, nobody's.
  assert.deepEqual(askedPossessions("what does Mo take for his hay fever"), [
    { owner: "mo", terms: ["hai", "fever"] },
  ]);
  assert.deepEqual(askedPossessions("does Mo or Priya take anything for his hay fever"), []);
  assert.deepEqual(askedPossessions("what does my son take for his hay fever"), []);
});

Deno.test("a line where the asked thing is only another person's loses KIN_OTHERS; the owner's, or no owner's, keeps all", () => {
  const asked = askedPossessions("when is Mo's parents' evening");
  const others = "Mo's friend Jacob's parents' evening was last night";
  assert.equal(othersThingFactor(asked, others), 1 - KIN_OTHERS);
  assert.equal(othersThingFactor(asked, "Mo's parents' evening got put back"), 1);
  assert.equal(othersThingFactor(asked, "parents' evening is on Tuesday"), 1);
  assert.equal(
    othersThingFactor(
      asked,
      "Jacob's parents' evening was Monday and Mo's parents' evening is Tuesday",
    ),
    1,
  );
  assert.equal(othersThingFactor([], others), 1);
  // A family word and a name may be one person; two family words or two names are two.
  const daughter = askedPossessions("what is my daughter's teacher called");
  assert.equal(othersThingFactor(daughter, "Neema's class teacher is Mr Lutta"), 1);
  assert.equal(othersThingFactor(daughter, "my son's teacher is Mr Lutta"), 1 - KIN_OTHERS);
  const dad = askedPossessions("who is Dad's GP");
  assert.equal(othersThingFactor(dad, "Harish's GP is Dr Ferris"), 1);
  assert.equal(othersThingFactor(dad, "Mum's GP is Dr Ferris"), 1 - KIN_OTHERS);
});

Deno.test("through memory.search, the asked person's thing outranks another person's that names the asked person too", async () => {
  const f = await memoryFixture((db) => new SqliteBackend(db as SqliteDatabase));
  try {
    const lines = [
      "Mo's parents' evening got put back to Thursday, same 5:40 slot",
      "Mo's friend Jacob's parents' evening was last night, he said it went well",
      "Priya's netball training is Thursdays till 5:30 this term",
    ];
    const ids: string[] = [];
    for (const content of lines) {
      f.clock.advance(60_000);
      ids.push((await f.memory.store(f.aria, input({ content }))).id);
    }
    const [first] = await f.memory.search(f.aria, {
      query: "when is Mo's parents' evening",
      n_results: 3,
      min_importance: 0,
    });
    assert.equal(first?.id, ids[0]);
  } finally {
    await f.close();
  }
});

Deno.test("a question of many possessives reads a memory of many in work linear in the two (attack40 P1)", async () => {
  // Each asked thing was compared with every possession of the memory: asked × held a candidate.
  const syllables = ["ka", "lo", "mi", "ren", "tor", "va"];
  const name = (i: number, salt: string) => {
    let word = salt;
    for (let rest = i + 36; rest > 0; rest = Math.floor(rest / 6)) word += syllables[rest % 6];
    return word;
  };
  const coaches = Array.from({ length: 400 }, (_, i) => `${name(i, "Dri")}'s coach`).join(" ");
  // A family word's coach last: no asked name is told apart from it, so every one is read.
  const content = `${coaches} and Dad's coach`;
  const read = (count: number) => {
    const asked = askedPossessions(
      Array.from({ length: count }, (_, i) => `${name(i, "Nox")}'s coach`).join(" "),
    );
    othersThingFactor(asked, content);
    return comparisons(() => othersThingFactor(asked, content), { scans: true });
  };
  const few = await read(10);
  const many = await read(160);
  assert.ok(many <= 2 * few, `${few} then ${many} comparisons`);
  assert.equal(othersThingFactor(askedPossessions("who is Mo's coach"), content), 1);
  assert.equal(othersThingFactor(askedPossessions("who is Mo's coach"), coaches), 1 - KIN_OTHERS);
});
