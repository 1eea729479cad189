/**
 * Pin of fix127's naming bound that mutation testing (mut46) found loose: `userNamings` reads
 * the first NAMINGS_READ (8) namings of a text, the rest ignored.
 */
import assert from "node:assert/strict";
import { NAMINGS_READ, userNamings } from "./user_voice.ts";

Deno.test("of ten namings of the user, the first eight are read (NAMINGS_READ = 8)", () => {
  assert.equal(NAMINGS_READ, 8);
  const names = Array.from({ length: 10 }, (_, i) => `Name${String.fromCharCode(65 + i)}`);
  const text = `The user's name is ${names[0]}. ` +
    names.slice(1).map((name) => `User goes by ${name}.`).join(" ");
  assert.deepEqual(userNamings(text), names.slice(0, 8));
});
