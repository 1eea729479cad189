import assert from "node:assert/strict";
import { placeWordNames, queryNames } from "./query_names.ts";
import { writtenAsNames } from "./written_names.ts";
import { adjustedAmong } from "./testing/adjusted_among.ts";
import { rankedAfter } from "./testing/ranked_after.ts";
import { WordVectors } from "./meaning/word_vectors.ts";
import { UNNAMED } from "./text_factor_shares.ts";

const among = (...contents: string[]) => contents.map((content) => ({ record: { content } }));
const isPlace = (word: string) => word === "mesa" || word === "portugal";

Deno.test("a capitalised word WordNet calls a place is no query name by itself", () => {
  assert.deepEqual(queryNames("which day is Mesa shut", isPlace), []);
  assert.deepEqual(placeWordNames("which day is Mesa shut", isPlace), ["mesa"]);
  assert.deepEqual(placeWordNames("where does Tomas cook", isPlace), [], "no place word");
  assert.deepEqual(placeWordNames("Mesa's phone number", isPlace), ["mesa"], "opening a query");
  assert.deepEqual(placeWordNames("Tomas opens when", isPlace), [], "no place word opening");
  assert.deepEqual(placeWordNames("how much have I saved for Portugal", isPlace), [], "a place");
  assert.deepEqual(placeWordNames("who is tying the knot in Portugal's capital", isPlace), []);
});

Deno.test("a place word the memories always capitalise is a name; one they write in lower case is not", () => {
  const restaurant = among(
    "Mesa is closed on Mondays.",
    "The walk-in fridge at Mesa keeps breaking down.",
  );
  assert.deepEqual(writtenAsNames(["mesa"], restaurant), ["mesa"]);
  const landform = among("Mesa is closed on Mondays.", "We hiked up a mesa in Arizona.");
  assert.deepEqual(writtenAsNames(["mesa"], landform), [], "a mesa: the dictionary's word");
  assert.deepEqual(writtenAsNames(["mesa"], among("mesa closed mondays")), [], "no case");
});

Deno.test("a name that is also a place word asks about its bearer (Mesa, a restaurant)", async () => {
  const [adjusted] = await adjustedAmong([
    "Mesa is closed on Mondays; Tuesday mornings are for deep cleaning.",
    "The walk-in fridge at Mesa keeps breaking down.",
    "The motorway was shut at junction 32 for roadworks.",
  ], ["which day is Mesa shut"]);
  // Its other factors aside, naming no Mesa marks it down as about something else.
  assert.ok(adjusted![2]! <= (1 - UNNAMED) + 1e-9, `names no Mesa: ${adjusted![2]}`);
  assert.equal(adjusted![0], 1);
});

Deno.test("review44 R3: a place WordNet knows only by its name (Lisbon, Japan) is no name to mark memories down by", async () => {
  const trip = [
    "Loved every minute of our week in the old town, the pastries above all.",
    "My cousin Rui moved to Lisbon for work.",
    "The Lisbon office closes for two weeks in August.",
    "We flew to Lisbon on the 3rd of May.",
  ];
  assert.deepEqual((await rankedAfter(trip, "Lisbon: what did I love most?")).slice(0, 2), [0, 1]);
  // The trip's memory that does not repeat "Lisbon" keeps what the one that does has.
  const [lisbon] = await adjustedAmong(trip, ["Did I enjoy Lisbon?"]);
  assert.equal(lisbon![0], lisbon![3]);
  const [japan] = await adjustedAmong([
    "Kyoto's temples were breathtaking, the best trip of my life.",
    "I saved 3000 euros for the trip to Japan.",
    "Tokyo was far too crowded for me.",
  ], ["Was Japan worth it?"]);
  assert.deepEqual(japan, [1, 1, 1]);
});

Deno.test("WordNet's named places: only a place's name, never also a common noun", async () => {
  const words = await WordVectors.shared();
  for (const name of ["lisbon", "japan", "kyoto"]) assert.ok(words.isNamedPlace(name), name);
  for (const word of ["mesa", "bath", "china", "turkey", "village"]) {
    assert.ok(!words.isNamedPlace(word), word);
  }
});
