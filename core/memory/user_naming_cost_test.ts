import assert from "node:assert/strict";
import { NAMINGS_READ, userNamings, withoutCallers } from "./user_voice.ts";

Deno.test("the names a memory gives its user are those of before the callers' cut was linear (attack31 G1)", () => {
  // Each expected list is what main gave before the change.
  const table: [string, string[]][] = [
    ["User's name is Daniel; friends call him Danny", ["Daniel", "Danny"]],
    ["User has a son; his name is Leo", []],
    ["User and his friends call him Danny.", ["Danny"]],
    ["User so friends call him Danny", ["Danny"]],
    ["User's dog, everyone calls him Rex.", []],
    ["User's dog and everyone calls him Rex.", []],
    ["User's dog Rex; the kids call him Rexy and his name is Rex.", []],
    ["The user goes by Mo, but his colleagues call him Momo.", ["Mo", "Momo"]],
    ["User has a daughter: everyone calls her Zuri.", []],
    ["User has a daughter and everyone calls her Zuri.", []],
    ["User is known as KB, and at work they call him Kofi Boateng.", ["KB", "Kofi Boateng"]],
    ["User's band mates call him Sticks.", []],
    ["User sold his bike so friends call him Walker.", []],
    [
      "The user's full name is Amina Wanjiru; she goes by Amina and her sister calls her Mina.",
      ["Amina Wanjiru", "Amina", "Mina"],
    ],
  ];
  for (const [text, names] of table) assert.deepEqual(userNamings(text), names, text);
});

Deno.test("the callers' cut is the old regex's, on texts of marks and clause words", () => {
  const old = /(?:[;,.:]|\b(?:and|but|so)\b)[^;,.:]*$/iu;
  const parts = ["and", "AND", "but", "so", "ſo", "band", "sob", " ", " ", ";", ",", ".", ":", "x"];
  let seed = 7;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % parts.length;
  for (let i = 0; i < 3000; i++) {
    const text = Array.from({ length: 1 + (i % 12) }, () => parts[next()]).join("");
    assert.equal(withoutCallers(text), text.replace(old, ""), JSON.stringify(text));
  }
});

Deno.test("a run of clause words before one comma costs one pass per naming, of the first NAMINGS_READ (attack31 G1)", () => {
  // `(?:[;,.:]|\b(?:and|but|so)\b)[^;,.:]*$` was tried from each "so", and ran to the comma each
  // time: (2·10⁵)² steps per naming, for each of 50 namings. Without the fix this never ends.
  const hostile = "User " + "so ".repeat(200_000) + ", " + "call him A ".repeat(50);
  assert.deepEqual(userNamings(hostile), Array(NAMINGS_READ).fill("A"));
});
