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

Deno.test("review44 R1: a move told of someone else or only thought of, in a first-person memory, is none", () => {
  const lyon = "I live in Lyon near the river.";
  const none: Array<[string, string]> = [
    [lyon, "I heard that Tom moved to Leeds."],
    [lyon, "I helped my brother when he moved to Oslo."],
    [lyon, "My sister and I talked for hours after she moved to Oslo."],
    [lyon, "I miss Anna since she moved to Rome."],
    [lyon, "My friend told me she moved to Leeds."],
    [
      "We live in a small house in Bristol.",
      "We said goodbye to our neighbours, who moved to Spain.",
    ],
    [lyon, "I'm thinking about moving to Berlin next year."],
    [lyon, "I would never consider moving to London."],
    [lyon, "Should I move to Berlin or stay? Maybe moving to Berlin is wise?"],
    ["User lives in Paris.", "User asked about moving to Berlin."],
    ["My brother Felix lives in Berlin.", "Felix's girlfriend moved to Madrid."],
  ];
  for (const [older, newer] of none) assert.ok(!movedAway(older, newer), newer);
  assert.ok(movedAway(lyon, "I moved to Porto in September."), "the persona's own move");
  assert.ok(
    movedAway(lyon, "After ten years, I quit my job and moved to Porto."),
    "after a clause",
  );
});

Deno.test("review44 R1 search: someone else's move told in the first person does not replace where I live (real SQLite)", async () => {
  const lyon = "I live in Lyon near the river.";
  for (
    const newer of [
      "I heard that Tom moved to Leeds.",
      "I helped my brother when he moved to Oslo.",
      "My sister and I talked for hours after she moved to Oslo.",
      "I miss Anna since she moved to Rome.",
    ]
  ) assert.deepEqual(await rankedAfter([lyon, newer], "Where do I live?"), [0, 1], newer);
  assert.deepEqual(
    await rankedAfter(
      [
        "We live in a small house in Bristol.",
        "We said goodbye to our neighbours, who moved to Spain.",
      ],
      "Where do we live?",
    ),
    [0, 1],
  );
  assert.deepEqual(
    await rankedAfter([lyon, "I moved to Porto in September."], "Where do I live?"),
    [
      1,
      0,
    ],
  );
});
