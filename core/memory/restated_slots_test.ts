import assert from "node:assert/strict";
import { restatesSlot, slotAsked } from "./restated_slots.ts";
import { stem, words } from "./text.ts";
import { statedSlot } from "./stated_slot.ts";
import { CHANGE_KIND, DEED_KIND, SLOT_KIND, updateKinds } from "./update_kinds.ts";
import { rankedAfter } from "./testing/ranked_after.ts";
import { WordVectors } from "./meaning/word_vectors.ts";

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

/** WordNet's named places, for the pair readers (`isNamedPlace`). */
const PLACES = await WordVectors.shared();

Deno.test("a restatement that adds, a place inside the older one, another owner, one of several kin: no replacement (review45 R3)", () => {
  const pairs: [string, string][] = [
    ["I work at Tesco on Deansgate.", "I work at the Albert Hall on Friday nights as a DJ."],
    ["I work at the Royal Infirmary.", "I work at the food bank on Saturdays as a volunteer."],
    ["I work at Tesco.", "I also work at the Albert Hall."],
    ["I work for Aviva.", "I work for Deliveroo part-time."],
    ["I live in Manchester.", "I live in Didsbury, near the park."],
    ["I live in London.", "I live in Hackney with two flatmates."],
    ["I live in Manchester.", "I live in Chorlton, in south Manchester."],
    ["User earns £32k a year at the council.", "User earns £200 a week from DJing on the side."],
    ["My son lives in Leeds.", "My son lives in York."],
    ["I drive a Ford Focus.", "We drive a VW camper on holiday."],
    ["Our dog is Milo, a collie.", "Our dog is Bea, a rescue greyhound we adopted too."],
    ["I work at the Co-op.", "I work at the Lowry for the summer."],
  ];
  for (const [older, newer] of pairs) assert.ok(!restatesSlot(older, newer, PLACES), newer);
  // The places a memory names itself need no word data.
  assert.ok(!restatesSlot("I live in Manchester.", "I live in Didsbury, Manchester."));
});

Deno.test("recall37's restatements still pair with WordNet's places read", () => {
  const pairs: [string, string][] = [
    ["I live in Lyon with my partner.", "We live in Porto now."],
    ["My brother Felix lives in Berlin.", "My brother Felix lives in Lisbon."],
    ["I work at Northwind Bakery in Bremen.", "I work at the Utrecht Public Library."],
    ["User drives a silver 2014 Toyota Fielder.", "User drives a dark blue 2019 Mazda CX-5."],
    ["My dentist is Dr. Shah at Yaya Centre.", "My dentist is Dr. Otieno in Westlands."],
    ["I live in Lyon.", "I live in Porto."],
  ];
  for (const [older, newer] of pairs) assert.ok(restatesSlot(older, newer, PLACES), newer);
});

Deno.test("search: a second job or a part of the city stays below the first, stored without a link (real SQLite)", async () => {
  assert.deepEqual(
    await rankedAfter(
      [
        "I work at Tesco on Deansgate stacking shelves",
        "I work at the Albert Hall on Friday nights as a DJ",
      ],
      "where do I work",
    ),
    [0, 1],
  );
  assert.deepEqual(
    await rankedAfter(
      ["I live in Manchester", "I live in Didsbury, near the park"],
      "which city do I live in",
    ),
    [0, 1],
  );
});

Deno.test("restatesSlot: an 'also' of a relative clause after the new value adds nothing (recall45)", () => {
  const older =
    "Neema's class teacher this year is Mrs. Wairimu Gathoni, strict but the kids adore her";
  assert.ok(
    restatesSlot(older, "Neema's class teacher is Mr. Dennis Lutta, who also runs the chess club."),
  );
  assert.ok(!restatesSlot(older, "Neema's class teacher is also Mr. Dennis Lutta."), "one more");
});

Deno.test("a slot restated in no one's voice replaces the older one without a link (recall45)", async () => {
  const ranked = await rankedAfter(
    [
      "Neema's class teacher this year is Mrs. Wairimu Gathoni, strict but the kids adore her",
      "Neema's class teacher is Mr. Dennis Lutta, who also runs the chess club.",
    ],
    "what did I say my daughter's teacher is called?",
  );
  assert.deepEqual(ranked.slice(0, 2), [1, 0]);
});

Deno.test("statedSlot: a texted line's opening word before a verb of one value is its owner; what one wants to be is one aim (recall45)", () => {
  assert.equal(statedSlot("kacper wants to be a plumber like our uncle marek")?.key, "kacper|aim");
  assert.equal(statedSlot("jake works at the ee shop")?.key, "jake|work");
  assert.equal(statedSlot("I want to be a pilot")?.key, "self|aim");
  // Not in a line with capitals (a lower-case opening word there is no name), nor a pronoun.
  assert.equal(statedSlot("jake works at the EE shop"), undefined);
  assert.equal(statedSlot("everyone works at the office"), undefined);
  assert.ok(
    restatesSlot(
      "kacper wants to be a plumber like our uncle marek",
      "kacper wants to be an electrician, got a place on the college course for sept",
    ),
  );
  assert.ok(
    !restatesSlot("kacper wants to be a plumber", "leah wants to be an electrician"),
    "another owner",
  );
});

Deno.test("a texted aim restated replaces the older one without a link (recall45)", async () => {
  const ranked = await rankedAfter(
    [
      "kacper wants to be a plumber like our uncle marek",
      "kacper wants to be an electrician, got a place on the college course for sept",
    ],
    "what does kacper want to be",
  );
  assert.deepEqual(ranked.slice(0, 2), [1, 0]);
});

Deno.test("a kept exchange's slot is its sender's message's (recall81)", () => {
  const kept = (message: string) => `Theo said: ${message}\nJuno replied: Got it, noted.`;
  assert.ok(
    restatesSlot(
      kept("my boss is Harriet Vance, head of sound"),
      kept("my boss is Kit Barnes till they hire"),
    ),
  );
  assert.ok(restatesSlot("my boss is Harriet Vance", kept("my boss is Kit Barnes now")));
  // The persona's reply tells no slot of the user's ("my" there is the persona's).
  assert.ok(
    !restatesSlot(
      kept("my boss is Harriet Vance"),
      "Theo said: guess what\nJuno replied: my boss is Kit Barnes, remember?",
    ),
  );
});

Deno.test("search: a kept exchange restating a slot ranks above the older one, stored without a link (real SQLite)", async () => {
  // Read from the whole text, the slot opened at "Theo said: " and was never read.
  const ranked = await rankedAfter(
    [
      "Theo said: I work at the Crucible Theatre as a sound engineer\nJuno replied: Okay!",
      "Theo said: I work at the Lyceum from Monday\nJuno replied: Big change!",
    ],
    "where do I work",
  );
  assert.deepEqual(ranked, [1, 0]);
});

Deno.test("a query naming a slot's verb, or a copula slot's role, asks that slot", () => {
  const terms = (query: string) => words(query).map(stem);
  const older = "My brother Tom works at Aldi in the town centre.";
  assert.ok(slotAsked(older, terms("Where does Tom work?")));
  assert.ok(slotAsked("I live in Leeds.", terms("Where do I live now?")));
  assert.ok(slotAsked("My dentist is Dr. Shah at Yaya Centre.", terms("Who is my dentist?")));
  assert.ok(!slotAsked(older, terms("How is Tom?")));
  assert.ok(!slotAsked("My dentist is Dr. Shah at Yaya Centre.", terms("Where is Yaya Centre?")));
  assert.ok(!slotAsked("I went to Aldi.", terms("Where did I go?")));
  assert.ok(!slotAsked(older, undefined));
});
