import assert from "node:assert/strict";
import { isHesitation, withoutHesitations } from "./hesitations.ts";
import { plainQuery } from "./meaning/answer_types.ts";
import { input, memoryFixture } from "./testing/contract_fixture.ts";
import { SqliteBackend } from "./sqlite_backend.ts";
import type { SqliteDatabase } from "../storage/mod.ts";

Deno.test("withoutHesitations drops each hesitation sound of the closed class, drawn out or not", () => {
  for (
    const sound of ["um", "umm", "ummmm", "uh", "uhh", "uhm", "er", "erm", "errm", "hm", "hmm"]
  ) {
    assert.equal(withoutHesitations(`${sound} what does Hayden do`), "what does Hayden do", sound);
    assert.equal(isHesitation(sound), true, sound);
  }
  // Capitalised at the start, with the comma or ellipsis written after it, or mid-question.
  assert.equal(withoutHesitations("Um, what does Hayden do?"), "what does Hayden do?");
  assert.equal(withoutHesitations("erm... Bernie"), "Bernie");
  assert.equal(withoutHesitations("so um what about Kav"), "so what about Kav");
});

Deno.test("withoutHesitations keeps words that only look like one: a verb, a unit, capitals, longer words", () => {
  for (
    const text of [
      "err on the side of caution",
      "a 5 mm drill bit",
      "UM campus parking",
      "the ER visit",
      "Umberto's pizza",
      "hum the tune",
      "the drum kit",
      "Ummah mosque",
      "Uhura",
      "her hem",
    ]
  ) {
    assert.equal(withoutHesitations(text), text, text);
  }
  // Capitals stay beside a sound that goes.
  assert.equal(withoutHesitations("um, the UM campus or the ER"), "the UM campus or the ER");
  for (const word of ["err", "mm", "hum", "ah", "oh", "her", "ummah", ""]) {
    assert.equal(isHesitation(word), false, word);
  }
  // Hesitations alone ask nothing either way; no empty query is made of them.
  assert.equal(withoutHesitations("um"), "um");
  assert.equal(withoutHesitations("hmm, uh"), "hmm, uh");
});

Deno.test("withoutHesitations reads a long text of sounds in one pass", () => {
  const text = `${"um ".repeat(50_000)}Kav`;
  assert.equal(withoutHesitations(text), "Kav");
  const drawn = `u${"m".repeat(100_000)} Kav`;
  assert.equal(withoutHesitations(drawn), "Kav");
});

Deno.test("plainQuery reads a question without its hesitations, as every channel does", () => {
  assert.equal(plainQuery("um what does Hayden do"), "what does Hayden do");
  assert.equal(plainQuery("erm what do I do for a living"), "what do I do for a job");
});

Deno.test("a hesitation sound in a question changes nothing of its ranking (real SQLite)", async () => {
  const fixture = await memoryFixture((db) => new SqliteBackend(db as SqliteDatabase));
  try {
    for (
      const content of [
        "um what else",
        "um hang on",
        "um what else is new",
        "Hayden's part time job is at the Safeway bagging and pushing carts on weekends",
        "Hayden plays goal for the Winnipeg Thrashers",
        "Hayden's room is a disaster",
        "I got a cold from Hayden",
        "my dispatcher is Gord",
      ]
    ) {
      await fixture.memory.store(fixture.aria, input({ content }));
    }
    const ranked = async (query: string) =>
      (await fixture.memory.search(fixture.aria, { query, n_results: 5, min_importance: 0 }))
        .map((hit) => `${hit.content} ${hit.score}`);
    const plain = await ranked("what does Hayden do");
    assert.ok(!plain.some((line) => line.startsWith("um ")), JSON.stringify(plain));
    for (
      const spoken of [
        "um what does Hayden do",
        "Um, what does Hayden do",
        "what does uh Hayden do",
      ]
    ) {
      assert.deepEqual(await ranked(spoken), plain, spoken);
    }
  } finally {
    await fixture.close();
  }
});

Deno.test("withoutHesitations keeps a capitalised sound that is a name: after a title, beside a capital, mid-clause", () => {
  for (
    const text of [
      "what does Mr Um teach",
      "Dr. Um teaches piano",
      "tell me about Uhm Jung-hwa",
      "Umm Kulthum songs",
      "ask Er about it",
    ]
  ) {
    assert.equal(withoutHesitations(text), text, text);
  }
  // Where a filler stands, the capitalised sound still goes: the start, a clause mark, a sound.
  assert.equal(withoutHesitations("Um, what does Kit play"), "what does Kit play");
  assert.equal(withoutHesitations("Um what does Kit play"), "what does Kit play");
  assert.equal(withoutHesitations("Hi. Um, what does Kit play"), "Hi. what does Kit play");
  assert.equal(withoutHesitations("Um, Uh what does Kit play"), "what does Kit play");
  const many = `${"Um, ".repeat(20_000)}Kav`;
  assert.equal(withoutHesitations(many), "Kav");
});

Deno.test("a question naming Mr Um ranks his line first (real SQLite)", async () => {
  const fixture = await memoryFixture((db) => new SqliteBackend(db as SqliteDatabase));
  try {
    for (
      const content of [
        "Mr Um teaches piano on Tuesdays at the community hall",
        "Mrs Patel teaches Year 4 at the primary school",
        "the bins go out on Thursday",
        "Kit plays the cello in a quartet",
        "we had curry for dinner",
      ]
    ) {
      await fixture.memory.store(fixture.aria, input({ content }));
    }
    const hits = await fixture.memory.search(fixture.aria, {
      query: "what does Mr Um teach",
      n_results: 2,
      min_importance: 0,
    });
    assert.equal(hits[0]?.content, "Mr Um teaches piano on Tuesdays at the community hall");
  } finally {
    await fixture.close();
  }
});

Deno.test("withoutHesitations drops a capitalised sound before the pronoun I, and one no name spells before a name", () => {
  // "I" is a closed-class pronoun, never a name's next part.
  assert.equal(withoutHesitations("Um I forgot what Kit plays"), "I forgot what Kit plays");
  assert.equal(withoutHesitations("Er I'm not sure what Kit plays"), "I'm not sure what Kit plays");
  // Hmm, Uh and drawn-out forms spell no name: a filler anywhere.
  assert.equal(withoutHesitations("Hmm I wonder what Kit plays"), "I wonder what Kit plays");
  assert.equal(withoutHesitations("Hmm Kit?"), "Kit?");
  assert.equal(withoutHesitations("Uh Sarah's birthday?"), "Sarah's birthday?");
  assert.equal(withoutHesitations("Ummm I think"), "I think");
  assert.equal(withoutHesitations("Hmm Dr. Um said"), "Dr. Um said");
  // A name starting with "I" still follows a name spelling.
  assert.equal(withoutHesitations("ask Um Ian"), "ask Um Ian");
  assert.equal(withoutHesitations("Um Ian"), "Um Ian");
});
