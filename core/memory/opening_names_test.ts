import assert from "node:assert/strict";
import { openingNames, writtenQueryNames } from "./opening_names.ts";
import { writtenAsNames, writtenNames } from "./written_names.ts";
import { adjustedAmong } from "./testing/adjusted_among.ts";
import { UNNAMED } from "./text_factor_shares.ts";
import { NO_REFERENT } from "./unnamed_referents.ts";

const noPlace = () => false;
const among = (...contents: string[]) => contents.map((content) => ({ record: { content } }));

Deno.test("a query's opening word the candidates write as a name is a name", () => {
  const candidates = among(
    "Her dad is ill, and Priya drives down to see him most weekends.",
    "Amara is allergic to cats.",
  );
  assert.deepEqual(
    openingNames("Priya's health: allergies and medication", candidates, noPlace),
    ["priya"],
  );
  // A name written inside the query is `queryNames`' to read, not this one's.
  assert.deepEqual(openingNames("What does Priya take?", candidates, noPlace), []);
});

Deno.test("opening names: a word opening a sentence only, or written in lower case too, is none", () => {
  const candidates = among("Health is what matters.", "My health is fine, says Priya.");
  assert.deepEqual(openingNames("Health: what is wrong?", candidates, noPlace), []);
  assert.deepEqual(openingNames("Tell me about Priya", candidates, noPlace), []);
  const places = among("We moved to Leeds in May.");
  assert.deepEqual(openingNames("Leeds: where?", places, (word) => word === "leeds"), []);
});

Deno.test("a question that opens with a name asks about its bearer", async () => {
  const [adjusted] = await adjustedAmong([
    "Amara is allergic to cats, so sessions at her house are out.",
    "Pri is allergic to shellfish, and Priya carries an EpiPen everywhere.",
    "Her dad had a heart attack, and Priya drives down to see him.",
  ], ["Priya's health: allergies and medication"]);
  // Amara's line names no Priya, and its "her" is Amara's (unnamed_referents.ts).
  assert.ok(
    Math.abs(adjusted![0]! - (1 - UNNAMED) * (1 - NO_REFERENT)) < 1e-12,
    `names no Priya: about someone else (${adjusted![0]})`,
  );
  assert.equal(adjusted![1], 1);
});

Deno.test("opening months, weekdays, feasts and languages name no one (review42 R4)", () => {
  const candidates = among(
    "My lease ends in June.",
    "In June I usually visit my parents.",
    "Meetings on Monday start at 9.",
    "At Christmas we always eat goose.",
    "Leo's English teacher is Mrs Park.",
    "My Spanish teacher is from Seville.",
  );
  for (
    const query of [
      "June trip: where am I going?",
      "Monday meetings: who runs them?",
      "Christmas plans: who is hosting?",
      "English homework: when is it due?",
      "Spanish class: what time does it start?",
    ]
  ) assert.deepEqual(openingNames(query, candidates, noPlace), [], query);
});

Deno.test("opening family titles are kin words, not names (review42 R11)", () => {
  const candidates = among(
    "Yesterday I called Mum about the trip.",
    "I told Dad the news.",
    "We took Grandma to church.",
  );
  for (
    const query of [
      "Mum's birthday: when is it?",
      "Dad's car: what model is it?",
      "Grandma's health: any medication?",
    ]
  ) assert.deepEqual(openingNames(query, candidates, noPlace), [], query);
});

Deno.test("a query opening with a month does not take UNNAMED from the answer (review42 R4)", async () => {
  const [adjusted] = await adjustedAmong([
    "I'm flying to Lisbon for a week.",
    "My lease ends in June.",
    "In June I usually visit my parents.",
  ], ["June trip: where am I going?"]);
  assert.equal(adjusted![0], 1, "the answer names no June and is not penalised for it");
});

Deno.test("search: 'Grandma's health' finds 'my grandmother' (review42 R11)", async () => {
  const [adjusted] = await adjustedAmong([
    "My grandmother takes metformin for her diabetes.",
    "I visited Grandma on Sunday, her health is good.",
    "We took Grandma to church.",
  ], ["Grandma's health: any medication?"]);
  assert.ok(adjusted![0]! >= adjusted![1]!, "the kin noun names her as well as the title");
});

Deno.test("one pass over the candidates finds what the three name passes find, in their order (perf36)", () => {
  const candidates = among(
    "Priya met Jayden at Mesa, the place Kofi likes.",
    "jayden's bike is at mesa now.",
    "We ate at Mesa with Kofi and Priya.",
  );
  const isPlace = (word: string) => word === "mesa";
  for (
    const [text, placeWordNames] of [
      ["Priya's plans with kofi and jayden at Mesa", ["mesa"]],
      ["Kofi: where does priya eat? Priya asked", []],
      ["What does Kofi like?", ["mesa"]],
      ["where is the bike", []],
      ["Jayden: where does kofi eat?", ["kofi"]],
    ] as const
  ) {
    const apart = [
      ...writtenNames(text, candidates, isPlace),
      ...openingNames(text, candidates, isPlace),
      ...writtenAsNames(placeWordNames, candidates),
    ];
    assert.deepEqual(writtenQueryNames({ text, placeWordNames }, candidates, isPlace), apart, text);
  }
  assert.deepEqual(
    writtenQueryNames(
      { text: "Priya's plans with kofi at Mesa", placeWordNames: ["mesa"] },
      candidates,
      isPlace,
    ),
    // "Kofi and Priya" writes each name alone inside a sentence (review42b finding 3).
    ["kofi", "priya", "mesa"],
  );
});
