import assert from "node:assert/strict";
import { ACTING_VOICES, actingPairs, actsOn } from "./acting_updates.ts";
import { changeStems } from "./change_words.ts";
import { terms } from "./text.ts";

Deno.test("a verb of change acting on what an older remark about someone else names, right after it", () => {
  assert.deepEqual([...ACTING_VOICES], ["other"]);
  const fact = "Priya works as a sound engineer at a recording studio in Glasgow.";
  const studio = new Set(terms(fact));
  const never = () => false;
  assert.deepEqual(changeStems("Priya left the recording studio in May."), [
    {
      stems: ["left"],
      object: "record",
      toward: false,
      direct: "studio",
      subject: "priya",
      named: true,
      end: 10,
    },
  ]);
  assert.equal(actsOn(changeStems("Priya left the recording studio in May."), studio, never), true);
  // Told of someone the older remark does not name, unless they share a name elsewhere.
  assert.equal(actsOn(changeStems("Sam left the recording studio."), studio, never), false);
  assert.equal(actsOn(changeStems("Sam left the recording studio."), studio, () => true), true);
  // After a comma, after "to", or a change the older remark told itself: not what it ended.
  const dev = new Set(terms("My best friend Dev is a wedding photographer in Brussels."));
  assert.equal(
    actsOn(
      changeStems("The train to Brussels was cancelled, so Dev came by bus."),
      dev,
      () => true,
    ),
    false,
  );
  // Moving to somewhere acts on no thing: a change of the one named right before it.
  assert.equal(actsOn(changeStems("Priya moved to Leeds."), studio, never), true);
  assert.equal(actsOn(changeStems("Her band moved to Leeds."), studio, never), false);
  const moved = new Set(terms("Priya moved her studio to Leith."));
  assert.equal(actsOn(changeStems("Priya moved her studio again."), moved, never), false);
  // The head of what it acts on: "the bakery ovens" are no bakery, "his keys" no restaurant.
  const bakery = new Set(terms("Greta runs a small bakery on Mill Street."));
  assert.equal(actsOn(changeStems("Greta moved the bakery ovens."), bakery, never), false);
  assert.equal(actsOn(changeStems("Greta sold the bakery in June."), bakery, never), true);
  const chef = new Set(terms("Tom works as a chef at the harbour restaurant."));
  assert.equal(actsOn(changeStems("Tom left his keys at the restaurant."), chef, never), false);
  // Acting on nothing named, a change of the one it names right before it, by name.
  const lodger = new Set(terms("Kasimir Vogt is staying in the garden room for a month."));
  assert.equal(actsOn(changeStems("Kasimir Vogt left after four nights."), lodger, never), true);
  assert.equal(actsOn(changeStems("The lodger left after four nights."), lodger, never), false);
  // Only remarks that could be such a pair are compared.
  const remarks = [
    "Kasimir Vogt is staying in the garden room for a month.",
    "Vogt left after four nights.",
    "The lodger left after four nights.",
    "The train was cancelled, so Dev came by bus.",
    "Priya left the recording studio.",
  ];
  assert.deepEqual(actingPairs(remarks, (text) => text), remarks.slice(0, 2));
});

Deno.test("a change befalling the thing an older remark opens with replaces it, no name needed (recall45)", () => {
  const older = "girls holiday to ibiza booked for august, me leah n chantelle";
  const newer = "girls holiday changed to malaga bc ibiza flights were mad expensive";
  const pair = actingPairs([older, newer], (text) => text);
  assert.deepEqual(pair, [older, newer]);
  // Its subject is a word of the older remark but not what that remark opens with: none.
  assert.deepEqual(
    actingPairs(
      ["nugget sleeps on the sofa all day", "the sofa moved to the spare room"],
      (text) => text,
    ),
    [],
  );
});

Deno.test("actingPairs pairs a change told of someone else by a name the two share, and only then (perf46)", () => {
  const fact = "Priya works as a sound engineer at a recording studio in Glasgow.";
  // "Shah", right before the verb, is no word of the fact: the shared "Priya" makes the pair.
  const named = "Her friend Priya Shah left the recording studio.";
  assert.deepEqual(actingPairs([fact, named], (text) => text), [fact, named]);
  assert.deepEqual(actingPairs([fact, "Sam left the recording studio."], (text) => text), []);
  // Both pair the same way as `actsOn` answers with the shared name read.
  const terms_ = new Set(terms(fact));
  assert.equal(actsOn(changeStems(named), terms_, () => true), true);
  assert.equal(actsOn(changeStems(named), terms_, () => false), false);
});
