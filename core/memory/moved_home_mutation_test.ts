/**
 * Pins of fix127's homes-summary bounds that mutation testing (mut46) found loose: an older text
 * is read for at most RESIDENCES_READ (16) sentences of a home, and a sentence for at most
 * NAMES_READ (8) names; a home told past them counts for nothing.
 */
import assert from "node:assert/strict";
import { movedAway, NAMES_READ, RESIDENCES_READ } from "./moved_home.ts";

const letter = (i: number) => String.fromCharCode(65 + i);

Deno.test("a home told in the 17th sentence of a home is not read (RESIDENCES_READ = 16)", () => {
  assert.equal(RESIDENCES_READ, 16);
  const friends = Array.from(
    { length: 16 },
    (_, i) => `Friend${letter(i)} lives in Town${letter(i)}.`,
  );
  const move = "I moved to Paris.";
  assert.equal(movedAway("I live in Lyon.", move), true);
  assert.equal(movedAway(`${friends.slice(1).join(" ")} I live in Lyon.`, move), true);
  assert.equal(movedAway(`${friends.join(" ")} I live in Lyon.`, move), false);
});

Deno.test("a ninth name of a home's sentence is not read (NAMES_READ = 8)", () => {
  assert.equal(NAMES_READ, 8);
  const eight = ["Ann", "Bea", "Cid", "Dov", "Eli", "Fay", "Gus", "Hal"];
  const move = "Ivo moved to Paris.";
  assert.equal(movedAway(`${eight.slice(1).join(" and ")} and Ivo live in Rome.`, move), true);
  assert.equal(movedAway(`${eight.join(" and ")} and Ivo live in Rome.`, move), false);
});
