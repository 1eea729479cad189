import assert from "node:assert/strict";
import {
  maySettleAny,
  OPEN_CHOICE,
  settledNames,
  settlesChoice,
  SETTLING,
  SETTLING_WINDOW_MS,
} from "./settled_choices.ts";
import { rankedAfter } from "./testing/ranked_after.ts";

const kept = (sender: string, message: string) =>
  `${sender} said: ${message}\nAria replied: Lovely, Tofu or Mochi, both sweet.`;
const OPEN = kept("Kai", "Priya wants to call the kitten Mochi. I said Tofu. We'll see");
const at = (minutes: number) => new Date(Date.UTC(2026, 0, 1) + minutes * 60_000).toISOString();
const pair = (older: string, newer: string, minutes = 60) => ({
  older,
  newer,
  olderAt: at(0),
  newerAt: at(minutes),
});

Deno.test("settlesChoice: a decision naming one of the options an older line left open settles it", () => {
  assert.ok(
    settlesChoice(pair(OPEN, kept("Kai", "actually we went with Tofu in the end. Priya caved"))),
  );
  assert.ok(settlesChoice(pair(OPEN, kept("Kai", "in the end we picked Mochi"))));
  // Two plain remembered facts: neither a kept exchange, the same speaker.
  assert.ok(
    settlesChoice(
      pair(
        "Priya wants to call the kitten Mochi. I said Tofu. Not sure yet",
        "we settled on Tofu after all",
      ),
    ),
  );
});

Deno.test("settlesChoice: another speaker, one option, both options, no decision: nothing settled", () => {
  assert.ok(!settlesChoice(pair(OPEN, kept("Sam", "actually we went with Tofu in the end"))));
  assert.ok(
    !settlesChoice(
      pair(
        kept("Kai", "Priya wants to call the kitten Mochi"),
        kept("Kai", "actually we went with Mochi"),
      ),
    ),
  );
  assert.ok(!settlesChoice(pair(OPEN, kept("Kai", "actually Mochi and Tofu both came home"))));
  assert.ok(!settlesChoice(pair(OPEN, kept("Kai", "we took Tofu to the vet"))));
  // Older than the older line: no decision on it.
  assert.ok(!settlesChoice(pair(OPEN, kept("Kai", "actually we went with Tofu"), -60)));
});

Deno.test(`settlesChoice: a decision follows within a week (${SETTLING_WINDOW_MS} ms)`, () => {
  assert.equal(SETTLING_WINDOW_MS, 7 * 24 * 60 * 60 * 1000);
  const newer = kept("Kai", "actually we went with Tofu in the end");
  const week = SETTLING_WINDOW_MS / 60_000;
  assert.ok(settlesChoice(pair(OPEN, newer, week)));
  assert.ok(!settlesChoice(pair(OPEN, newer, week + 1)));
});

Deno.test("settledNames: the names after a word of settling in its clause, in the sender's message", () => {
  assert.deepEqual(
    settledNames(kept("Kai", "actually we went with Tofu in the end. Priya caved")),
    [
      "tofu",
    ],
  );
  // The one who chose stands before the word; a name in another clause is not what was chosen.
  assert.deepEqual(settledNames("a pink glittery one Ife picked out"), []);
  assert.deepEqual(
    settledNames("me and Bisi went to the market, and we ended up with plantain"),
    [],
  );
  // The persona's reply only echoes: a decision it tells settles nothing of the sender's.
  assert.deepEqual(
    settledNames(
      "Kai said: we took Tofu and Mochi to the vet\nAria replied: actually Tofu was the brave one",
    ),
    [],
  );
  assert.deepEqual(settledNames("We chose Tofu"), ["tofu"]);
});

Deno.test("search: a decision settling an open choice ranks above it, stored without a link (real SQLite)", async () => {
  const ranked = await rankedAfter(
    [
      "Kai said: Priya wants to call the kitten Mochi. I said Tofu. We'll see\nAria replied: Mochi is adorable! Tofu is lovely too.",
      "Kai said: actually we went with Tofu in the end. Priya caved\nAria replied: Tofu! Perfect.",
    ],
    "are we calling the kitten Mochi",
  );
  assert.deepEqual(ranked, [1, 0]);
});

Deno.test("settledNames: a question, a negation or an undecided line settles nothing", () => {
  for (
    const text of [
      "did we end up picking Porto?",
      "Kai said: did you end up going with Porto?\nAria replied: Not yet!",
      "I haven't decided on Porto yet",
      "I chose not to invite Sam",
      "we never settled on Porto",
      "in the end Sam didn't come",
    ]
  ) assert.deepEqual(settledNames(text), [], text);
  // The same words told, not asked: settled.
  assert.deepEqual(settledNames("we ended up picking Porto"), ["porto"]);
});

Deno.test("settledNames: 'actually', 'picked up', 'went with ... to' and 'ended up in' tell no decision", () => {
  for (
    const text of [
      "actually Lisbon was rainy last time",
      "Mum picked me up from Leeds",
      "I picked up Sam from school",
      "we went with Priya to the cinema",
      "She ended up in A&E and now carries an EpiPen",
      "we ended up at Nando's with Priya",
    ]
  ) assert.deepEqual(settledNames(text), [], text);
  assert.deepEqual(settledNames("in the end we picked Lisbon"), ["lisbon"]);
  assert.deepEqual(settledNames("we went with Lisbon"), ["lisbon"]);
});

Deno.test("settlesChoice: the older line must leave its choice open (OPEN_CHOICE)", () => {
  assert.deepEqual(OPEN_CHOICE, [
    "or",
    "either",
    "whether",
    "between",
    "not sure",
    "unsure",
    "undecided",
    "torn",
    "can't decide",
    "cannot decide",
    "we'll see",
    "choosing",
    "deciding",
    "thinking of",
    "thinking about",
  ]);
  const newer = "in the end we picked Porto";
  for (
    const older of [
      "We're choosing between Lisbon and Porto for May",
      "It is Lisbon or Porto for May, I think",
      "We can't decide on Lisbon and Porto",
      "We’ll see, Lisbon and Porto both look great",
      "Should we do Lisbon and Porto?",
    ]
  ) assert.ok(settlesChoice(pair(older, newer)), older);
  // Two names told as a plan, not a choice: nothing to settle.
  assert.ok(
    !settlesChoice(
      pair("I'm driving to Leeds with Sam and Priya on Friday", "in the end I drove with Priya"),
    ),
  );
  assert.ok(
    !settlesChoice(
      pair("I'm driving to Leeds with Sam and Priya", "Mum picked me up from Leeds in the end"),
    ),
  );
});

Deno.test("SETTLING: each word or phrase of decision settles an open choice", () => {
  assert.deepEqual(SETTLING, [
    "in the end",
    "after all",
    "ended up",
    "end up",
    "went with",
    "gone with",
    "going with",
    "decided on",
    "settled on",
    "chose",
    "chosen",
    "picked",
    "opted for",
  ]);
  const older = "We're choosing between Lisbon and Porto for May";
  for (
    const newer of [
      "in the end it was Porto",
      "after all we're doing Porto",
      "we ended up picking Porto",
      "we'll end up with Porto, I reckon",
      "we went with Porto",
      "we've gone with Porto",
      "we're going with Porto",
      "we decided on Porto",
      "we settled on Porto",
      "we chose Porto",
      "we've chosen Porto",
      "we picked Porto",
      "we opted for Porto",
    ]
  ) assert.ok(settlesChoice(pair(older, newer)), newer);
  assert.ok(!settlesChoice(pair(older, "actually Porto was rainy last time")));
});

Deno.test("maySettleAny: a decision opens the gate only when another line leaves its name open", () => {
  const open = "We're choosing between Lisbon and Porto for May";
  assert.ok(maySettleAny([open, "in the end we picked Porto"]));
  assert.ok(!maySettleAny(["in the end we picked Porto"]));
  assert.ok(!maySettleAny(["I met Sam and Priya at the pub", "in the end we picked Porto"]));
  // A line that both poses and settles is no other line.
  assert.ok(!maySettleAny(["We said Lisbon or Porto? in the end we picked Porto"]));
  assert.ok(
    maySettleAny([
      "We said Lisbon or Porto? in the end we picked Porto",
      "in the end we went for Porto, we chose Porto",
    ]),
  );
});

Deno.test("search: a question or a fetch keeps the open choice or plan first (real SQLite)", async () => {
  // review41a: each ranked [1, 0] before the fix.
  assert.deepEqual(
    await rankedAfter(
      [
        "We're choosing between Lisbon and Porto for our May trip",
        "did we end up picking Porto? I forget",
      ],
      "are we going to Lisbon in May",
    ),
    [0, 1],
  );
  assert.deepEqual(
    await rankedAfter(
      [
        "I'm driving to Leeds with Sam and Priya on Friday",
        "Mum picked me up from Leeds in the end",
      ],
      "who am I driving to Leeds with",
    ),
    [0, 1],
  );
});
