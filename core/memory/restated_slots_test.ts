import assert from "node:assert/strict";
import { restatesSlot, statedSlot } from "./restated_slots.ts";
import { CHANGE_KIND, DEED_KIND, SLOT_KIND, updateKinds } from "./update_kinds.ts";
import { rankedAfter } from "./testing/ranked_after.ts";

Deno.test("a slot that holds one value, restated with another, supersedes the fact", () => {
  const pairs: [string, string][] = [
    ["User drives a silver 2014 Toyota Fielder.", "User drives a dark blue 2019 Mazda CX-5."],
    ["I drive a rusty 2009 subaru outback.", "I drive a grey ford maverick hybrid now."],
    [
      "User's mechanic is Juma at a garage on Lusaka Road.",
      "User's mechanic is Juma's nephew Salim.",
    ],
    [
      "Neema's class teacher this year is Mrs. Wairimu Gathoni.",
      "Neema's class teacher is Mr. Dennis Lutta.",
    ],
    ["I live in Lyon with my partner.", "We live in Porto now."],
    ["My brother Felix lives in Berlin.", "My brother Felix lives in Lisbon."],
    ["I work at Northwind Bakery in Bremen.", "I work at the Utrecht Public Library."],
    ["I bank with Northgate Savings.", "I bank with Lumen, an online bank."],
    ["My dentist is Dr. Shah at Yaya Centre.", "My dentist is Dr. Otieno in Westlands."],
    ["Our rent is 900 euros a month.", "Our rent is 1,050 euros a month."],
  ];
  for (const [older, newer] of pairs) assert.ok(restatesSlot(older, newer), newer);
});

Deno.test("a second fact that adds, another owner, the same value or an attribute of a person: no restatement", () => {
  const pairs: [string, string][] = [
    // Verbs that hold many values at once: two pets, two hobbies, two languages.
    ["I have a beagle named Biscuit.", "I have a grey cat called Pixel."],
    ["I play tennis on Wednesdays.", "I play the piano in the evenings."],
    // Another owner of the same frame: a sister and a brother.
    ["My sister lives in Leeds.", "My brother lives in York."],
    ["User drives a silver Toyota Fielder.", "Akinyi drives a red Nissan March."],
    // The same value told again, with more or less of it.
    ["User drives a silver 2014 Toyota Fielder.", "User drives a Toyota Fielder to work."],
    // A kin word's "is" tells one of a person's many attributes.
    ["My sister is a Manchester United fan.", "My sister is a Chelsea season ticket holder."],
    ["My daughter Mila is four years old.", "My daughter Mila is terrified of water."],
    // A value that names no place, thing or count: no slot.
    ["I live in Lyon.", "I live in a flat with two cats."],
    ["I drive a Skoda Fabia.", "I drive to work on Mondays."],
    ["I work at Northwind Bakery.", "I work at home on Fridays."],
    // A role of the persona's, then a role of another's.
    ["My manager is Petra Novak.", "Dennis's manager is Grace Atieno."],
  ];
  for (const [older, newer] of pairs) assert.ok(!restatesSlot(older, newer), newer);
});

Deno.test("a slot is its owner, its frame and its value's words up to a phrase's end", () => {
  assert.deepEqual(statedSlot("User drives a dark blue 2019 Mazda CX-5."), {
    key: "self|drive",
    value: ["dark", "blue", "2019", "mazda", "cx", "5"],
  });
  assert.deepEqual(
    statedSlot("Neema's class teacher is Mr. Dennis Lutta, who runs the chess club."),
    {
      key: "neema's class teacher|be",
      value: ["mr", "denni", "lutta"],
    },
  );
  assert.equal(statedSlot("She drives a Fiat Panda."), undefined);
  assert.equal(statedSlot("My phone screen cracked on the stairs."), undefined);
  assert.equal(updateKinds("User drives a dark blue Mazda.") & SLOT_KIND, SLOT_KIND);
  assert.equal(updateKinds("I cut my hair really short.") & DEED_KIND, DEED_KIND);
  assert.equal(updateKinds("I switched to oat milk.") & CHANGE_KIND, CHANGE_KIND);
  assert.equal(updateKinds("I have a grey cat called Pixel."), 0);
});

Deno.test("search: a slot restated with another value ranks above the fact, stored without a link (real SQLite)", async () => {
  const cases: [string[], string][] = [
    [
      [
        "My dentist is Dr. Anjali Shah, a kind dentist at Yaya Centre.",
        "My dentist is Dr. Peter Otieno in Westlands.",
      ],
      "who is my dentist",
    ],
    [
      [
        "User's mechanic is Juma at a garage on Lusaka Road in Industrial Area.",
        "User's mechanic is Juma's nephew Salim at a garage on Mombasa Road.",
      ],
      "who fixes my car",
    ],
    [
      ["I bank with Northgate Savings, a small local bank.", "I bank with Lumen."],
      "which bank do I use",
    ],
  ];
  for (const [told, query] of cases) {
    assert.deepEqual(await rankedAfter(told, query), [1, 0], query);
  }
});

Deno.test("search: a second fact that adds replaces none (real SQLite)", async () => {
  assert.deepEqual(
    await rankedAfter(
      ["My sister lives in Leeds with her husband.", "My brother lives in York with his husband."],
      "where does my sister live",
    ),
    [0, 1],
  );
});
