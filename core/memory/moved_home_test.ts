import assert from "node:assert/strict";
import { movedAway } from "./moved_home.ts";
import { rankedAfter } from "./testing/ranked_after.ts";

Deno.test("a move of the same dweller to a place the older memory does not name moves it away", () => {
  const moved: Array<[string, string]> = [
    ["I live in a narrow house in Bremen.", "We moved to Utrecht in May and now rent by a canal."],
    ["My cousin Aino lives in Tampere.", "Aino relocated to Oslo for her PhD."],
    [
      "We rent a flat above a shoe shop in Graz.",
      "Last spring we bought a cottage outside Linz and moved in.",
    ],
    ["I am based in Nairobi for work.", "I moved back to Mombasa to be near my parents."],
  ];
  for (const [older, newer] of moved) assert.ok(movedAway(older, newer), newer);
});

Deno.test("a move of someone else, of something else, within the same place or with no place lived in is none", () => {
  const none: Array<[string, string]> = [
    // Someone else moved: news about another person.
    ["I live in a narrow house in Bremen.", "My friend moved to a bigger flat in Hamburg."],
    ["My cousin Aino lives in Tampere.", "I moved to Oslo in March."],
    // Something else moved: the verb takes an object.
    ["I live in a narrow house in Bremen.", "We moved the piano to Grandma's house."],
    // The same place: a move within it.
    ["I live in Bremen.", "We moved to a bigger flat in Bremen in June."],
    // A month after "in" is no place.
    ["I live in Bremen.", "I moved to a new desk by the window in March."],
    // The older memory tells no place lived in: a second fact of the kind, adding.
    ["I work at a bakery in Bremen.", "We moved to Utrecht in May."],
  ];
  for (const [older, newer] of none) assert.ok(!movedAway(older, newer), newer);
});

Deno.test("search: a move to another city ranks above where the persona lived, stored without a link (real SQLite)", async () => {
  assert.deepEqual(
    await rankedAfter(
      [
        "I live in a narrow terraced house in Bremen near the harbour.",
        "We moved to Utrecht in May and now rent a flat by a canal.",
      ],
      "Where do I live?",
    ),
    [1, 0],
  );
});
