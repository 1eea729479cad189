import assert from "node:assert/strict";
import { PARTICIPLE_REACH, placedInPast, timeBeforeAgo } from "./past_adverbials.ts";
import { tenseOf, toldOnlyInPast } from "./told_tense.ts";
import { BACKGROUND, ranked, told, withSqlite } from "./testing/told_memories.ts";

const folded = (text: string): string[] => text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];

Deno.test("placedInPast reads 'ago', 'back in' a year or decade, and 'when I was'", () => {
  for (
    const text of [
      "trip to Whitby years ago",
      "three weeks ago",
      "holiday in Crete back in 2019",
      "back in the 90s",
      "back in the 1990s",
      "back in the day",
      "camping when I was a kid",
      "when we were at uni",
    ]
  ) assert.ok(placedInPast(folded(text), { subordinate: [] }), text);
  for (
    const text of [
      "ago",
      "trip to Whitby in 2027",
      "back in town on Friday",
      "back in the car",
      "when I am older",
      "when is the trip",
      "Gareth on leave 10-21 Jul",
    ]
  ) assert.ok(!placedInPast(folded(text), { subordinate: [] }), text);
  // In a subordinate clause an adverbial dates that clause's event, not the line's.
  const tokens = folded("scared of dogs since one bit me when i was 8 years ago");
  const since = tokens.indexOf("since");
  assert.ok(!placedInPast(tokens, { subordinate: tokens.map((_, i) => i >= since) }));
  assert.ok(
    placedInPast(tokens.slice(0, since).concat("when", "i", "was", "8"), { subordinate: [] }),
  );
  assert.ok(timeBeforeAgo(folded("years ago"), 0));
  assert.ok(!timeBeforeAgo(folded("years ago"), 1));
});

Deno.test("tenseOf: the time of 'years ago' after a name is no verb of the present (recall104)", () => {
  for (
    const text of [
      "the trip was to Whitby years ago",
      "we went to Whitby years ago",
      "Mira's best friend was Hannah years ago",
    ]
  ) {
    assert.equal(tenseOf(text), "past", text);
    assert.ok(toldOnlyInPast(text), text);
  }
  // A verb of the present still tells the present.
  assert.equal(tenseOf("she works at Tesco, she started years ago"), "mixed");
});

Deno.test("tenseOf: a line with no finite verb placed in the past is told in the past (recall104)", () => {
  for (
    const text of [
      "Whitby trip years ago",
      "camping in Wales when I was a kid",
      "holiday in Crete back in 2019",
    ]
  ) assert.equal(tenseOf(text), "past", text);
  // Nor one in a subordinate clause: the fear holds now.
  assert.equal(tenseOf("scared of dogs since one bit me when i was 8"), "none");
  // No adverbial: no tense, as before.
  assert.equal(tenseOf("Gareth on leave 10-21 Jul"), "none");
  assert.equal(tenseOf("trip to Whitby in 2027"), "none");
});

Deno.test("search: a best friend told as years ago ranks below who it is now (real SQLite)", async () => {
  // "Hannah years" read as a verb of the present made the first line "mixed", no past to lose.
  await withSqlite(async (fixture) => {
    const ids = await told(fixture, {
      background: BACKGROUND,
      told: [
        "Mira's best friend was Hannah years ago",
        "Mira's best friend is Jess from her swimming club",
      ],
    });
    const order = await ranked(fixture, "who is Mira's best friend");
    assert.ok(order.indexOf(ids[0]!) >= 0, `${order}`);
    assert.ok(order.indexOf(ids[1]!) < order.indexOf(ids[0]!), `${order}`);
  });
});

Deno.test("tenseOf: an adverbial in an aside or after a participle dates how a state began, not the line (fix169)", () => {
  for (
    const text of [
      "peanut allergy (diagnosed years ago)",
      "diabetic, diagnosed years ago",
      "allergic to nuts — found out when I was 5",
      "allergic to nuts - found out when I was 5",
      "peanut allergy, years ago",
      "a vegetarian; back in 2019 and still",
      "diagnosed years ago",
      "type 2 diabetic diagnosed a few years ago",
      "diagnosed with diabetes years ago",
      "blue inhaler prescribed back in 2019",
      "my GP, Dr Ago",
      "new GP Dr Ago",
      "Dr Ago",
    ]
  ) {
    assert.equal(tenseOf(text), "none", text);
    assert.ok(!toldOnlyInPast(text), text);
  }
  // The main part with no participle stays in the past, an aside after it or not.
  for (const text of ["Whitby trip years ago, loved it", "camping when I was a kid (Wales)"]) {
    assert.equal(tenseOf(text), "past", text);
  }
  // The participle's reach is pinned: three words before the time phrase, no further.
  assert.equal(PARTICIPLE_REACH, 3);
  assert.ok(
    placedInPast(folded("diagnosed with type one diabetes years ago"), { subordinate: [] }),
  );
});

Deno.test("placedInPast: a number word before the time phrase is no participle ('a hundred years ago')", () => {
  for (
    const text of [
      "the farm is from a hundred years ago",
      "the farm is from sixty years ago",
      "the farm is from two hundred years ago",
      "the farm is from a thousand years ago",
    ]
  ) assert.ok(placedInPast(folded(text), { subordinate: [] }), text);
  // A participle still heads the phrase past the numeral ("diagnosed a hundred years ago").
  assert.ok(!placedInPast(folded("diagnosed a hundred years ago"), { subordinate: [] }));
});
