import assert from "node:assert/strict";
import { statedSlot } from "./stated_slot.ts";
import { stem } from "./text.ts";

Deno.test("capitalised words that name no one open no slot", () => {
  for (const word of "he she they it you this that there here his her their its".split(" ")) {
    const opening = word[0]!.toUpperCase() + word.slice(1);
    assert.equal(statedSlot(`${opening} drives a Fiat Panda.`), undefined, opening);
  }
  assert.deepEqual(statedSlot("Akinyi drives a Fiat Panda."), {
    key: "akinyi|drive",
    value: ["fiat", "panda"],
  });
});

Deno.test("each word that ends a value ends it", () => {
  const ends = ("who which that where because since but and with for from as at in on near by to " +
    "whose when while so").split(" ");
  for (const word of ends) {
    assert.deepEqual(
      statedSlot(`My dentist is Dr. Shah ${word} Westlands.`)?.value,
      ["dr", "shah"],
      word,
    );
  }
  // The first word is kept whatever it is.
  assert.deepEqual(statedSlot("My gym is Near Me Fitness.")?.value, ["near", "fit"]);
});

Deno.test("a title's full stop ends no value", () => {
  for (const title of ["Mr", "Mrs", "Ms", "Dr", "St", "Eng", "Prof"]) {
    assert.equal(statedSlot(`My dentist is ${title}. Shah.`)?.value.at(-1), "shah", title);
  }
  assert.deepEqual(statedSlot("My dentist is Shah. She is kind.")?.value, ["shah"]);
});

Deno.test("'is' after the persona itself, with no role, states no slot", () => {
  assert.equal(statedSlot("User is a Kenyan engineer."), undefined);
  assert.equal(statedSlot("I am a Kenyan engineer."), undefined);
});

Deno.test("each time phrase and adverb between the owner and the verb is read past", () => {
  for (const time of ["this", "that", "last", "next"]) {
    for (const span of ["year", "month", "week", "term", "season"]) {
      assert.equal(
        statedSlot(`Neema's class teacher ${time} ${span} is Mrs. Achieng.`)?.key,
        "neema's class teacher|be",
        `${time} ${span}`,
      );
    }
  }
  for (const adverb of ["still", "currently", "now", "also", "usually"]) {
    assert.equal(statedSlot(`I ${adverb} live in Leeds.`)?.key, "self|live", adverb);
  }
});

Deno.test("a value is read up to 80 characters", () => {
  const long = "My dentist is Dr. Anjali Ramachandran Subramaniam Venkataraman Iyer.";
  assert.equal(statedSlot(long)?.value.at(-1), "iyer");
  assert.deepEqual(statedSlot(`My code is ${"A".repeat(80)}B.`)?.value, [stem("a".repeat(80))]);
});

Deno.test("a verb of taking up work states the work slot, read as 'works' with its preposition", () => {
  const entered: [string, string, string[]][] = [
    ["Tom started a new job at Lidl last week.", "tom|work", ["lidl", "last", "week"]],
    ["Tom got a job with Lidl.", "tom|work", ["lidl"]],
    ["Ana got a job at the council.", "ana|work", ["council"]],
    ["I started a new job at the post office.", "self|work", ["post", "offic"]],
    ["I took a position with Arup.", "self|work", ["arup"]],
    ["I landed a role at the BBC.", "self|work", ["bbc"]],
    ["I took up a post as a ward clerk.", "self|work as", ["ward", "clerk"]],
    ["We found new jobs at the airport.", "we|work", ["airport"]],
  ];
  for (const [text, key, value] of entered) {
    assert.deepEqual(statedSlot(text), { key, value: value.map(stem) }, text);
  }
});

Deno.test("joining or starting at something unnamed, or a job somewhere, states no slot", () => {
  for (
    const text of [
      "I joined a gym near the station.",
      "I joined the queue at the post office.",
      "Tom started at nine this morning.",
      "I started a new job in Leeds.",
      "Tom joined in with the singing.",
      "I got a job offer from Arup.",
      // Bare "joined X" / "started at X": a club, an app, a feast day, people (review45b H1).
      "Ana joined Strava to log her runs.",
      "Tom started at Easter.",
      "I joined Tom and Ana at the pub.",
      "I joined PureGym near work last week.",
      "Tom joined Lidl in March.",
      "Tom started at Lidl last week.",
    ]
  ) assert.equal(statedSlot(text), undefined, text);
});

Deno.test("a role that names its person owns a verb's slot by the name, a copula's by the role", () => {
  assert.equal(statedSlot("My brother Tom works at Aldi.")?.key, "tom|work");
  assert.equal(statedSlot("my brother Tom works at Aldi.")?.key, "tom|work");
  assert.equal(statedSlot("Our neighbour Sam lives in Leeds.")?.key, "sam|live");
  assert.equal(statedSlot("My brother lives in Leeds."), undefined);
  assert.equal(statedSlot("My mum works at the hospice.")?.key, "self's mum|work");
  assert.equal(statedSlot("My coach Dev is Ana's husband.")?.key, "self's coach dev|be");
});
