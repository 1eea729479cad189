import assert from "node:assert/strict";
import { restatesValue, VALUE_ANSWERS } from "./restated_values.ts";
import { ADDITIVE, ANCHOR_WINDOW } from "./stated_values.ts";

const CRUISE = "I booked a cruise to the norwegian fjords on 6 september from southampton";
const REHEARSAL = "I sing in the gospel choir, rehearsal's Wednesday nights at the church";
const DEGREE = "I'm doing an Open University degree in criminology, second year, one module a year";

Deno.test("a value of the same thing given another value restates it", () => {
  assert.equal(restatesValue(CRUISE, "fjords cruise leaves 13 september, 7 nights"), true);
  assert.equal(restatesValue(REHEARSAL, "choir rehearsal is Tuesday nights from now on"), true);
  // The bare "second year" names its thing in the clause before.
  assert.equal(
    restatesValue(DEGREE, "third year of my criminology degree, essays are brutal"),
    true,
  );
  assert.equal(
    restatesValue("I take my iron tablet once a day", "the iron tablet is twice a day now"),
    true,
  );
});

Deno.test("no restatement: the same value, another type, nothing shared", () => {
  assert.equal(restatesValue(CRUISE, "the fjords cruise leaves 6 september, from pier 2"), false);
  assert.equal(restatesValue(REHEARSAL, "choir rehearsal is on 3 May this year"), false);
  assert.equal(restatesValue(REHEARSAL, "the bin lorry comes on Tuesday nights"), false);
  assert.equal(restatesValue("I drive to work", "choir rehearsal is Tuesday nights"), false);
  assert.equal(restatesValue(REHEARSAL, "I drive to work"), false);
});

Deno.test("both can be true: an addition, someone else, another kind of the thing", () => {
  // Every additive word, in the newer value's clause.
  for (const word of ADDITIVE) {
    const newer = `choir rehearsal is ${word.replace("-", " ")} on Tuesday nights`;
    assert.equal(restatesValue(REHEARSAL, newer), false, newer);
  }
  assert.equal(restatesValue(REHEARSAL, "choir rehearsal is Tuesday nights as well"), false);
  // Two children's parties: a possessor or a kin word the older lacks.
  assert.equal(restatesValue("Tobi's party is on 3 May", "Ife's party is on 9 June"), false);
  assert.equal(restatesValue("Tobi's party is on 3 May", "Tobi's party is on 4 May"), true);
  assert.equal(
    restatesValue("my swimming lesson is on Mondays", "my daughter's lesson is on Thursdays"),
    false,
  );
  // Two hobbies: "piano lesson" is no "swimming lesson".
  assert.equal(
    restatesValue("my swimming lesson is on Mondays", "my piano lesson is on Thursdays"),
    false,
  );
  assert.equal(
    restatesValue("my swimming lesson is on Mondays", "my swimming lesson is on Thursdays"),
    true,
  );
  // The older one's noun compounded with a head the newer never says: "the sea" is no cadets.
  assert.equal(
    restatesValue(
      "I swim in the sea cadets pool on Saturdays",
      "I swim in the sea on Sundays",
    ),
    false,
  );
  // ... while one before it may go unsaid ("the league" of "the netball league").
  assert.equal(
    restatesValue("our netball league is on Thursdays", "the league is on Fridays"),
    true,
  );
});

Deno.test("what a value is of: no name both capitalise, no user, no word of the calendar", () => {
  assert.equal(
    restatesValue(
      "Mesa is closed on Mondays",
      "The dishwasher at Mesa flooded during Saturday service",
    ),
    false,
  );
  // Written in lower case throughout a name cannot be told: the shared word counts.
  assert.equal(
    restatesValue("mesa is closed on mondays", "the dishwasher at mesa flooded on saturday"),
    true,
  );
  // "user" is whose, not what, even written in lower case.
  assert.equal(
    restatesValue(
      "the user plays football every saturday",
      "the user does site inspections every thursday morning",
    ),
    false,
  );
  assert.equal(
    restatesValue("parents evening is the Thursday after half term", "choir is Tuesdays this term"),
    false,
  );
  // A possessor is whose it is, not what: "Leo's team" shares no thing with "Leo's sessions".
  assert.equal(
    restatesValue("i meet leo's tutor on tuesdays", "leo's team won on saturday"),
    false,
  );
});

Deno.test("an anchor lies within 8 words of the value, in its clause", () => {
  assert.equal(ANCHOR_WINDOW, 8);
  const filler = (count: number) => Array.from({ length: count }, () => "very").join(" ");
  const older = "the rehearsal is on Wednesdays";
  // "rehearsal" right at the window's edge, and one word past it.
  const at = (count: number) => `rehearsal ${filler(count)} Tuesdays`;
  assert.equal(restatesValue(older, at(7)), true);
  assert.equal(restatesValue(older, at(8)), false);
  // ... and after it.
  assert.equal(restatesValue(older, `Tuesdays ${filler(7)} rehearsal`), true);
  assert.equal(restatesValue(older, `Tuesdays ${filler(8)} rehearsal`), false);
  // A noun in another clause is compounded with none ("piano, lesson").
  assert.equal(
    restatesValue("the lesson is on Wednesdays", "I play the piano, lesson is on Tuesdays"),
    true,
  );
  // Another clause names another thing.
  assert.equal(restatesValue(older, "the rehearsal hall is big, bins go out Tuesdays"), false);
});

Deno.test("for a query, only on the value's slot: its anchor said, or its type asked", () => {
  const newer = "choir rehearsal is Tuesday nights from now on";
  assert.equal(restatesValue(REHEARSAL, newer, { terms: ["rehears"] }), true);
  assert.equal(restatesValue(REHEARSAL, newer, { terms: ["choir"] }), false);
  assert.equal(restatesValue(REHEARSAL, newer, { terms: ["sing"], wanted: "time" }), true);
  assert.equal(restatesValue(REHEARSAL, newer, { terms: ["sing"], wanted: "place" }), false);
  assert.equal(restatesValue(REHEARSAL, newer, { terms: ["sing"], wanted: "quantity" }), false);
  assert.equal(
    restatesValue(DEGREE, "third year of my criminology degree", { terms: [], wanted: "quantity" }),
    true,
  );
  assert.deepEqual(
    [...VALUE_ANSWERS].map(([wanted, types]) => `${wanted}:${[...types].join(",")}`),
    ["time:date,day", "quantity:rate,ordinal"],
  );
});

Deno.test("a restated value names no one the older one does not: every person of its clause", () => {
  const older = "my sister's piano lesson is on Mondays";
  assert.equal(restatesValue(older, "my sister has piano lesson on Tuesdays"), true);
  // The mum is no one the older one names, though the sister is.
  assert.equal(restatesValue(older, "my sister and my mum have piano lesson on Tuesdays"), false);
  assert.equal(restatesValue(older, "my mum has piano lesson on Tuesdays"), false);
});

Deno.test("a month's weekday and an ordinal's month are values: another one restates", () => {
  const lunch = "Dana and I meet for lunch on the first Friday of the month at the Willow Tearooms";
  const moved = "lunch with Dana is the last Friday of the month, at the cafe in the park";
  assert.equal(restatesValue(lunch, moved), true);
  assert.equal(restatesValue(lunch, moved, { terms: ["dana"], wanted: "time" }), true);
  assert.equal(restatesValue(lunch, "lunch with Dana is still the first Friday"), false);
  const fishing = "we go ice fishing on the lake on the second weekend of February";
  assert.equal(restatesValue(fishing, "ice fishing is the second weekend of March"), true);
  assert.equal(restatesValue(fishing, "ice fishing is the second weekend of February"), false);
});

Deno.test("an event named by a word of time and its noun is what a value is of", () => {
  const evening = "Ada's parents' evening is on Tuesday 4 March, we have the 5:40 slot";
  assert.equal(
    restatesValue(evening, "Ada's parents' evening got put back to Thursday 13 March"),
    true,
  );
  assert.equal(restatesValue(evening, "Ada's swimming evening is on Thursday 13 March"), false);
});
