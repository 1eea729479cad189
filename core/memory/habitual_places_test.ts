import assert from "node:assert/strict";
import { habitualPlaceSlot, namesMembership } from "./habitual_places.ts";
import { WordVectors } from "./meaning/word_vectors.ts";
import { rankedAfter } from "./testing/ranked_after.ts";
import { restatesSlot } from "./restated_slots.ts";
import { stem } from "./text.ts";
import { REGION_CODES } from "./region_codes.ts";

Deno.test("being at or in a named place these days states where one works or lives", () => {
  const told: [string, string, string[]][] = [
    ["Tom's at Lidl these days.", "tom|work", ["lidl"]],
    ["Tom is at Lidl nowadays, on the tills.", "tom|work", ["lidl"]],
    ["I'm at the BBC these days.", "self|work", ["bbc"]],
    ["We're in York these days.", "we|live", ["york"]],
    ["My brother Tom's in Leeds these days.", "tom|live", ["leed"]],
    ["My mum's at the Royal Infirmary these days.", "self's mum|work", ["royal", "infirmari"]],
  ];
  for (const [text, key, value] of told) {
    assert.deepEqual(habitualPlaceSlot(text), { key, value: value.map(stem) }, text);
  }
});

Deno.test("'now' alone, an unnamed place, another preposition or several kin state no place", () => {
  for (
    const text of [
      "I'm at Tesco now.",
      "I'm in the choir these days.",
      "She's at school these days.",
      "Tom's near Leeds these days.",
      "My son's in Leeds these days.",
      "Today is in March these days.",
      "Tom's at Lidl.",
      // A possessive, a numbered or lettered group, a bare noun of an institution (review45b H2).
      "I'm at Mum's these days.",
      "I'm at Grandma's these days.",
      "Tom's in Year 10 these days.",
      "I'm in Team B these days.",
      "Tom's at Uni these days.",
      "Tom's in Hospital these days, sadly.",
    ]
  ) assert.equal(habitualPlaceSlot(text), undefined, text);
});

Deno.test("where one is these days restates the slot of the frame its preposition picks", () => {
  assert.ok(restatesSlot("My brother Tom works at Aldi.", "Tom's at Lidl these days."));
  assert.ok(restatesSlot("I live in Leeds near the park.", "I'm in York these days."));
  // "in" a place is where one lives, not where one works.
  assert.ok(!restatesSlot("I work at Aldi.", "I'm in York these days."));
  assert.ok(!restatesSlot("My brother Tom works at Aldi.", "I'm at Lidl these days."));
});

/** WordNet's places and persons (the shipped word data). */
const WORDS = await WordVectors.shared();

Deno.test("being 'in' a group these days is membership, not a home (recall104)", () => {
  for (
    const text of [
      "I'm in AA these days.",
      "I'm in the RAF these days.",
      "Tom's in the Scouts these days.",
      "I'm in the Ramblers nowadays.",
      "My sister's in Weight Watchers these days.",
    ]
  ) assert.ok(namesMembership(text, WORDS), text);
  for (
    const text of [
      "I'm in York these days.",
      "We're in Leeds nowadays.",
      "I'm in LA these days.",
      "I'm in the UK these days.",
      "I'm in NYC these days.",
      "I'm in Didsbury these days.",
      "I'm in Milton Keynes these days.",
      "I'm in New York these days.",
      "I'm in the Lake District these days.",
      // "At" is where one works, whatever the name.
      "I'm at the RAF these days.",
    ]
  ) assert.ok(!namesMembership(text, WORDS), text);
});

Deno.test("a region's code is a home, not a group, though WordNet knows it as something else (review46b H4)", () => {
  // WordNet: "NI" nickel, "GA" gas, "CO" carbon monoxide, "SA" the Sturmabteilung, "PA" father.
  for (const code of ["NI", "BC", "SA", "PA", "NSW", "GA", "MD", "CO", "MO", "LA", "US", "UK"]) {
    assert.ok(!namesMembership(`I'm in ${code} these days.`, WORDS), code);
  }
  assert.ok(!namesMembership("I'm in the EU these days.", WORDS));
  // No region's code, but WordNet gives "southeast" as its synonym: a place by the word data.
  assert.ok(!REGION_CODES.has("SE"));
  assert.ok(!namesMembership("I'm in the SE these days.", WORDS));
  // A department's initialism that is also a country's ISO code stays a group ("HR": Croatia).
  assert.ok(namesMembership("I'm in HR these days.", WORDS));
  assert.ok(REGION_CODES.has("NSW") && REGION_CODES.has("NI") && !REGION_CODES.has("HR"));
  assert.ok(restatesSlot("I live in York.", "I'm in NI these days.", WORDS));
  assert.ok(restatesSlot("I live in York.", "I'm in NSW these days.", WORDS));
  assert.ok(restatesSlot("I'm in PA these days.", "I live in York now.", WORDS));
});

Deno.test("a group one is in these days restates no home; a town still does (recall104)", () => {
  // York and Didsbury, AA and the Scouts: WordNet names none as a place ("placeInside" reads
  // nothing of them), so only the membership tells the pairs apart.
  assert.ok(!restatesSlot("I live in York.", "I'm in AA these days.", WORDS));
  assert.ok(!restatesSlot("I live in York.", "I'm in the Scouts these days.", WORDS));
  assert.ok(!restatesSlot("I'm in AA these days.", "I live in York.", WORDS));
  assert.ok(restatesSlot("I live in York.", "I'm in Didsbury these days.", WORDS));
  assert.ok(restatesSlot("I live in Leeds.", "I'm in Bristol these days.", WORDS));
});

Deno.test("search: where someone lives is not the group they are in these days (real SQLite)", async () => {
  // Read as a home, "in the Scouts" replaced "lives in York" and ranked above it.
  assert.deepEqual(
    await rankedAfter(
      ["My brother Tom lives in York.", "Tom's in the Scouts these days."],
      "where does Tom live",
    ),
    [0, 1],
  );
});
