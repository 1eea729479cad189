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
