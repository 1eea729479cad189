import assert from "node:assert/strict";
import { ownChangeOfFact } from "./own_changes.ts";
import { rankedAfter } from "./testing/ranked_after.ts";

Deno.test("the persona's own change of what its own standing fact says changes that fact", () => {
  const pairs: [string, string][] = [
    [
      "I work night shifts as a nurse in the emergency department.",
      "I gave up hospital work and now train paramedics at a college during the day.",
    ],
    [
      "On weekends I go rock climbing at the indoor wall.",
      "After my shoulder surgery I stopped climbing and took up pottery instead.",
    ],
    ["I smoke about ten cigarettes a day.", "We both finally quit cigarettes in March."],
    [
      "My evenings are for knitting and old films.",
      "I've dropped knitting, no time with the baby.",
    ],
  ];
  for (const [older, newer] of pairs) assert.ok(ownChangeOfFact(older, newer), newer);
});

Deno.test("someone else's change, a relative's fact, a light verb, another word of one stem: no change of the fact", () => {
  const pairs: [string, string][] = [
    // Something else's change ("the boiler stopped working"), not the persona's.
    ["I take the underground to work.", "I called a plumber when the boiler stopped working."],
    // The older fact is a relative's, though it opens with "my".
    ["My uncle smoked a pipe every evening on his porch.", "I quit smoking six months ago."],
    // A light verb names nothing the change ends.
    ["I usually go to bed after midnight.", "I stopped going to the food bank on Saturdays."],
    // One stem, two words: "accounts" are no "accountant".
    ["I am a junior accountant at a logistics firm.", "I moved all my accounts to an online bank."],
    // A place the older fact opens with, not what it tells.
    ["In our house we celebrate Sinterklaas.", "We sold the town house and moved to Bruges."],
    // The older memory tells an event itself.
    ["I went climbing with Hugo last Sunday.", "I stopped climbing after my shoulder surgery."],
    // A thing of the same kind, not the fact's.
    ["We rent our house from an old couple.", "I sold my old bicycle to a student."],
  ];
  for (const [older, newer] of pairs) assert.ok(!ownChangeOfFact(older, newer), newer);
});

Deno.test("search: the persona's own change ranks above the fact it ended, stored without a link (real SQLite)", async () => {
  assert.deepEqual(
    await rankedAfter(
      [
        "On Sundays I go sailing on the lake with the club.",
        "I stopped sailing after the accident and took up chess instead.",
      ],
      "Do I go sailing on the lake?",
    ),
    [1, 0],
  );
});

Deno.test("the persona changed by someone else ('switched me off metformin') is its own change", () => {
  assert.ok(
    ownChangeOfFact(
      "I'm type 2 diabetic since 2011, I take metformin twice a day with meals.",
      "The doctor's switched me off metformin onto sitagliptin, one tablet in the morning now.",
    ),
  );
  assert.ok(
    !ownChangeOfFact(
      "I take the train to work every day.",
      "My boss switched me to the night team at work.",
    ),
    "'me' then no word of the fact",
  );
});

Deno.test("a thing of the persona's own changed by someone else ('upped my sertraline') is its own change", () => {
  assert.ok(
    ownChangeOfFact(
      "I take sertraline, 50mg in the morning",
      "doctor upped my sertraline to 100mg, I feel a lot steadier",
    ),
  );
  assert.ok(
    !ownChangeOfFact(
      "We rent our house from an old couple.",
      "My neighbour sold my old bicycle at the flea market.",
    ),
    "the head of the thing, not a word describing it",
  );
});
