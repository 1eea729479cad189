import assert from "node:assert/strict";
import { ANCHOR_WINDOW, statedValues } from "./stated_values.ts";

/** Each value of `text` as [type, value, its anchor's stems]. */
function read(text: string): [string, string, string[]][] {
  return statedValues(text).map((value) => [value.type, value.value, [...value.anchor]]);
}

Deno.test("'the first Friday': the value ends after the weekday, so the window reaches ANCHOR_WINDOW words past it", () => {
  assert.equal(ANCHOR_WINDOW, 8);
  // "hall" is the eighth word after "Friday": inside the window only when the value ends there;
  // "gate", the ninth, is outside.
  assert.deepEqual(read("We meet the first Friday of every month at the old church hall gate"), [
    ["day", "1 friday", ["church", "hall"]],
  ]);
});

Deno.test("'the first Friday evening': the weekday is the value's end, not an ordinal's noun after it", () => {
  assert.deepEqual(read("Book club is the first Friday evening of the month"), [
    ["day", "1 friday", ["book", "club"]],
  ]);
});

Deno.test("'the second weekend of March': the value ends after the month, so the window reaches ANCHOR_WINDOW words past it", () => {
  // "market" is the eighth word after "March", "stall" the ninth.
  assert.deepEqual(
    read("The second weekend of March is the date of the annual village market stall"),
    [["ordinal weekend", "2 march", ["date", "villag", "market"]]],
  );
});

Deno.test("'the second weekend of March': the month is read once, as the ordinal's, not again as a date's", () => {
  // Read again, "March, third" would be a date ("3 march") and "third year" lost.
  assert.deepEqual(read("We go camping the second weekend of March, third year running"), [
    ["ordinal weekend", "2 march", ["camp"]],
    ["ordinal year", "3", ["run"]],
  ]);
});

Deno.test("an ordinal's noun is read once: what follows it is read as it stands", () => {
  // Read again, the plural weekday would be a day of its own as well.
  assert.deepEqual(read("the first Fridays of the month are quiz nights"), [
    ["ordinal fridai", "1", ["quiz"]],
  ]);
  // The word right after the noun opens a value of its own ("twice a week").
  assert.deepEqual(read("In my second year, twice a week, I had swimming lessons"), [
    ["ordinal year", "2", []],
    ["rate week", "2", []],
  ]);
});

Deno.test("'his third year': the value ends after its noun, so the window stops ANCHOR_WINDOW words past it", () => {
  // "college" is the seventh word after "year", "in" the eighth; "town", the ninth, is outside.
  assert.deepEqual(
    read("Leo is in his third year of the course at the art college in town with friends"),
    [["ordinal year", "3", ["leo", "cours", "art", "colleg"]]],
  );
});

Deno.test("'the first Friday': the value starts at the ordinal, so the window reaches ANCHOR_WINDOW words before it", () => {
  // "church" is the eighth word before "first": inside; in the second line it is the ninth.
  assert.deepEqual(read("The choir from the church hall by the lake sings on the first Friday"), [
    ["day", "1 friday", ["church", "hall", "lake"]],
  ]);
  assert.deepEqual(
    read("Our choir leader from the church near the park by the lake sings the first Friday"),
    [["day", "1 friday", ["park", "lake"]]],
  );
});

Deno.test("'the first Friday': the rest of the sentence is read after it", () => {
  assert.deepEqual(read("Quiz is the first Friday, and swimming is twice a week"), [
    ["day", "1 friday", ["quiz"]],
    ["rate week", "2", ["swim"]],
  ]);
});
