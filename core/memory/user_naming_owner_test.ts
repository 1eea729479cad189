import assert from "node:assert/strict";
import { speaksOfUser, userNamings } from "./user_voice.ts";
import { rankedAfter } from "./testing/ranked_after.ts";

Deno.test("review44 R2: a name whose owner is not the user is not the user's", () => {
  for (
    const text of [
      "User's dog's name is Biscuit.",
      "User's wife's name is Akinyi and she teaches maths.",
      "The user's startup is known as Lumen Labs.",
      "User's cat goes by Mr Whiskers.",
      "User has a son; his name is Leo.",
      "User's wife Akinyi; everyone calls her Kiki.",
    ]
  ) assert.deepEqual(userNamings(text), [], text);
  assert.deepEqual(userNamings("User's full name is Amina Wanjiru."), ["Amina Wanjiru"]);
  assert.deepEqual(userNamings("The user is also known as Mo."), ["Mo"]);
  assert.deepEqual(userNamings("User is a nurse; her name is Wanjiru and friends call her Jiru."), [
    "Wanjiru",
    "Jiru",
  ]);
});

Deno.test("review44 R4: a naming in a memory that does not open with the user gives the user no name", () => {
  assert.deepEqual(userNamings("Everyone calls him Mzee; the user visits him on Sundays."), []);
});

Deno.test("review44 R2 search: the memory saying who Akinyi or Biscuit is ranks as before, not as the user's own (real SQLite)", async () => {
  assert.deepEqual(
    await rankedAfter(
      [
        "User's wife's name is Akinyi.",
        "Akinyi teaches maths at a secondary school.",
        "User works as a pharmacist in Nairobi.",
        "User works weekends at the hospital pharmacy.",
      ],
      "What does Akinyi do for work?",
    ),
    [1, 0, 3, 2],
  );
  assert.deepEqual(
    await rankedAfter(
      [
        "User's dog's name is Biscuit.",
        "Biscuit eats grain-free kibble twice a day.",
        "User eats oatmeal for breakfast every day.",
        "User is vegetarian and eats no meat.",
      ],
      "What does Biscuit eat?",
    ),
    [1, 0, 2, 3],
  );
});

Deno.test("review44 R5: the user manual, a User Guide or the user interface is not the user", () => {
  for (
    const text of [
      "What does the user manual say about descaling?",
      "User Guide chapter 3: reset the router.",
      "Where is the user interface config stored?",
    ]
  ) assert.equal(speaksOfUser(text), false, text);
  assert.equal(speaksOfUser("The user manual is lost; User bought a new kettle."), true);
  assert.equal(speaksOfUser("The user is vegetarian."), true);
});
