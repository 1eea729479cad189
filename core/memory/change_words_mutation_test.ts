import assert from "node:assert/strict";
import { CHANGE_WORDS_READ, changeStems } from "./change_words.ts";

Deno.test("changeStems reads exactly the first 256 change words of a text, not one fewer", () => {
  assert.equal(CHANGE_WORDS_READ, 256);
  assert.equal(changeStems("moved ".repeat(300)).length, 256);
  assert.equal(changeStems("moved ".repeat(256)).length, 256);
  assert.equal(changeStems("moved ".repeat(255)).length, 255);
});

Deno.test("a change word's object is read from the 80 characters after it, no further", () => {
  // Stop words only before "Berlin": its first content word is the object.
  const within = " " + "to the ".repeat(10) + "to " + "Berlin"; // "Berlin" ends at character 80
  assert.equal(within.length, 80);
  assert.equal(changeStems("I moved" + within)[0]!.object, "berlin");
  const past = " " + "to the ".repeat(11) + "a " + "Berlin"; // "Berlin" starts at character 80
  assert.equal(past.indexOf("Berlin"), 80);
  assert.equal(changeStems("I moved" + past)[0]!.object, undefined);
});
