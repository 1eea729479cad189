import assert from "node:assert/strict";
import { numbersOf } from "./new_numbers.ts";
import {
  amountClauses,
  AMOUNTS_READ,
  CLAUSE_CHARS,
  restatesAmount,
  statedAmounts,
} from "./restated_amounts.ts";
import { terms } from "./text.ts";
import { rankedAfter } from "./testing/ranked_after.ts";

/** `restatesAmount` of two texts. */
function restates(older: string, newer: string): boolean {
  return restatesAmount(newer, {
    text: older,
    numbers: numbersOf(older),
    terms: new Set(terms(older)),
  }) > 0;
}

Deno.test("statedAmounts: an amount that opens its clause's subject's predicate, with a unit", () => {
  const stated = (text: string) =>
    statedAmounts(text).map(({ unit, value, subject }) => [unit, value, subject.join(" ")]);
  assert.deepEqual(stated("nugget is 5.2kg 🙈 diet food time"), [["kilo", "5.2", "nugget"]]);
  assert.deepEqual(stated("cdj pot: £410 🙌 getting there"), [["pound", "410", "cdj pot"]]);
  assert.deepEqual(stated("raised my rates, a standard tuning is $165 now"), [
    ["dollar", "165", "standard tune"],
  ]);
  assert.deepEqual(stated("overdraft down to £120 💪"), [["pound", "120", "overdraft"]]);
  assert.deepEqual(stated("Lofoten fund is at $5,100!!"), [["dollar", "5100", "lofoten fund"]]);
  // Not a subject's value: an amount inside a clause about something else, or a bare count.
  assert.deepEqual(stated("got tickets off leahs mate for £90"), []);
  assert.deepEqual(stated("im £300 into my overdraft"), []);
  assert.deepEqual(stated("kacper is 15"), [], "no unit");
  assert.deepEqual(stated("it is 5kg"), [], "a pronoun names nothing");
});

Deno.test("restatesAmount: a new amount of what the older memory named, not another owner's or thing's", () => {
  assert.ok(restates("nugget weighs 4.6kg vet says hes a chonk", "nugget is 5.2kg"));
  assert.ok(restates("saving for my own cdjs, got £230 in the pot so far", "cdj pot: £410"));
  assert.ok(restates("I've got about $3,400 put away for Lofoten", "Lofoten fund is at $5,100"));
  assert.ok(!restates("nugget weighs 4.6kg", "nugget is 4.6kg"), "the same value");
  assert.ok(!restates("rent is £475 a month each", "leahs rent is £600"), "another owner's");
  assert.ok(!restates("rent is £475 a month each", "the deposit is £600"), "another thing's");
  assert.ok(!restates("nugget weighs 4.6kg", "nugget is 5 years old"), "another unit");
});

Deno.test("an amount restated with no word of change replaces the older one without a link", async () => {
  const ranked = await rankedAfter(
    ["saving for my own cdjs, got £230 in the pot so far", "cdj pot: £410 🙌 getting there"],
    "how much have i saved for the cdjs",
  );
  assert.deepEqual(ranked.slice(0, 2), [1, 0]);
});

Deno.test("restatesAmount: the same thing when the subject's head is in the clause of the older amount", () => {
  const level = (older: string, newer: string) =>
    restatesAmount(newer, { text: older, numbers: numbersOf(older), terms: new Set(terms(older)) });
  assert.equal(level("im £300 into my overdraft with monzo 😬", "overdraft down to £120 💪"), 2);
  assert.equal(level("nugget weighs 4.6kg vet says hes a chonk", "nugget is 5.2kg"), 2);
  // The older amount is another subject's value, or stands in another clause: a restatement, no
  // more (the pair needs its meaning in common too).
  assert.equal(level("rent is £475 a month each plus bills", "bills are £70 a month"), 1);
  assert.equal(level("I'm saving for Lofoten. I've got $3,400", "Lofoten fund is at $5,100"), 1);
  assert.equal(level("rent is £475 a month", "the deposit is £600"), 0);
});

Deno.test("an amount restated of the older amount's own thing replaces it with little else in common", async () => {
  const ranked = await rankedAfter(
    ["im £300 into my overdraft with monzo 😬", "overdraft down to £120 💪"],
    "how deep in my overdraft am i",
  );
  assert.deepEqual(ranked.slice(0, 2), [1, 0]);
});

/** A planted text of ~10k characters stating many amounts in one clause (review46 R12). */
function plantedAmounts(): string {
  const words = ["rent", "bills", "council", "water", "gas", "electric", "broadband", "phone"];
  let text = "rent ";
  for (let k = 0; text.length < 9_990; k++) text += `${words[k % words.length]} £${k + 1} `;
  return text;
}

Deno.test("amountClauses reads a text's first AMOUNTS_READ amounts, near words, one set a clause (review46 R12)", () => {
  const text = plantedAmounts();
  const clauses = amountClauses(text);
  assert.equal(clauses.length, AMOUNTS_READ, "amounts read");
  const words = new Set(clauses.flatMap((clause) => [...clause.clause]));
  // Each clause is read within CLAUSE_CHARS either side of its amount: the text holds ~2,000 words.
  for (const clause of clauses) {
    assert.ok(clause.clause.size <= CLAUSE_CHARS / 2, `${clause.clause.size}`);
  }
  assert.ok(words.size < 100, `${words.size} words kept`);
  // Amounts of one short clause share the words read of it, once.
  const shared = amountClauses("gas £40 electric £60 water £20. rent £700");
  assert.equal(shared[0]!.clause, shared[1]!.clause);
  assert.equal(shared[1]!.clause, shared[2]!.clause);
  assert.notEqual(shared[2]!.clause, shared[3]!.clause);
  assert.ok(shared[3]!.clause.has("rent"));
  assert.equal(statedAmounts(text).length <= AMOUNTS_READ, true, "stated amounts read");
});

Deno.test("an amount restated of a thing a long older text names is still read as its (review46 R12)", () => {
  const older = "filler words here ".repeat(40) + "im £300 into my overdraft " +
    "and more ".repeat(40);
  assert.equal(
    restatesAmount("overdraft down to £120", {
      text: older,
      numbers: numbersOf(older),
      terms: new Set(terms(older)),
    }),
    2,
  );
});

Deno.test("another owner's amount or another place's price restates not the user's own (review46 R6)", () => {
  const flat = "I share a flat with Leah, my rent is £750 a month";
  assert.equal(restates(flat, "Leah's rent is £600 cos she has the small room"), false);
  assert.equal(restates(flat, "my rent is £800 now"), true);
  assert.equal(restates("Leah's rent is £600", "my rent is £650 now"), false);
  assert.equal(restates("Leah's rent is £600", "Leah's rent is £650 now"), true);
  // A sentence's opening noun is no name: "Gym" is the gym, and the older one's is no work's.
  assert.equal(restates("The gym is £30 a month", "Gym at work is £10"), false);
  assert.equal(restates("The gym is £30 a month", "Gym is £35 now"), true);
  assert.equal(statedAmounts("Gym at work is £10")[0]!.initial, "Gym");
  assert.equal(statedAmounts("bills are £5, Gym at work is £10")[1]!.initial, undefined);
});

Deno.test("a flatmate's rent named beside the user's own does not replace it (review46 R6)", async () => {
  const told = [
    "I share a flat with Leah, my rent is £750 a month",
    "Leah's rent is £600 cos she has the small room",
  ];
  assert.equal((await rankedAfter(told, "how much is my rent"))[0], 0);
});

Deno.test("restatesAmount: 'her/his/their/your' opening the subject is another's amount", () => {
  for (const owner of ["her", "his", "their", "your"]) {
    assert.ok(!restates("my rent is £650 a month", `${owner} rent is £700 now`), owner);
  }
  assert.ok(restates("my rent is £650 a month", "rent is £700 now"));
});

Deno.test("statedAmounts: a time adverbial opening the clause is no part of the subject; a time word in it is", () => {
  const subjects = (text: string) => statedAmounts(text).map((amount) => amount.subject.join(" "));
  assert.deepEqual(subjects("from December rent is £1,950"), ["rent"]);
  assert.deepEqual(subjects("since June gym is £35"), ["gym"]);
  assert.deepEqual(subjects("the day rate is £0.30"), ["dai rate"]);
  assert.ok(!restates("the night rate is £0.12 a unit", "the day rate is £0.30 a unit"));
});
