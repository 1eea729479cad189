import assert from "node:assert/strict";
import { placeWordNames, queryNames } from "./query_names.ts";
import { writtenAsNames } from "./written_names.ts";
import { adjustedAmong } from "./testing/adjusted_among.ts";
import { UNNAMED } from "./ranking.ts";

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
