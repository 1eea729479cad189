import assert from "node:assert/strict";
import { altersAnyOf, altersOwn, tellsOwnDeed } from "./altered_things.ts";
import { ownDeeds } from "./own_deeds.ts";
import { rankedAfter } from "./testing/ranked_after.ts";

Deno.test("the persona altering a thing of its own that a standing fact describes changes that fact", () => {
  const pairs: [string, string][] = [
    ["I have long curly hair down to my waist.", "I cut my hair really short, a pixie cut."],
    ["My hair is long and curly.", "I finally dyed my hair bright red."],
    ["I have an old upright piano in the living room.", "We sold our piano to a church."],
    ["I lost my wedding ring at the beach last summer.", "I found my wedding ring in my coat."],
    ["I broke my glasses on the bus.", "I fixed my glasses with a tiny screwdriver."],
  ];
  for (const [older, newer] of pairs) assert.ok(altersOwn(older, newer), newer);
});

Deno.test("care of a thing, a friend's thing, the same deed again, another thing: no change of the fact", () => {
  const pairs: [string, string][] = [
    // A verb of use or care, not of altering.
    ["I have long curly hair down to my waist.", "I washed my hair this morning."],
    ["We have an old beagle named Biscuit.", "I took my dog to the vet."],
    // The older memory tells of a friend's thing, not the persona's own.
    ["My friend dyed her hair bright blue for a festival.", "I cut my hair really short."],
    // The same deed told again is another such event, not the older one undone.
    ["I lost my keys at the gym.", "I lost my keys again on the bus."],
    // A second thing of the same kind: the fact holds.
    ["I have an old upright piano in the living room.", "We sold our car to a neighbour."],
    // A word that modifies the thing names another thing ("house keys").
    ["We live in a narrow terraced house in the city centre.", "I lost my house keys again."],
    // The persona's own deed on someone else's thing.
    ["I have long curly hair down to my waist.", "I cut her hair for the wedding."],
  ];
  for (const [older, newer] of pairs) assert.ok(!altersOwn(older, newer), newer);
});

Deno.test("a deed's thing is the words after 'my', before an adverb or a word of grammar", () => {
  assert.deepEqual(ownDeeds("I cut my hair really short, a pixie cut."), [
    { verb: "cut", thing: ["hair"], head: "hair" },
  ]);
  assert.deepEqual(ownDeeds("I found my wedding ring in the pocket."), [
    { verb: "found", thing: ["wed", "ring"], head: "ring" },
  ]);
  assert.ok(tellsOwnDeed("We sold our piano."));
  assert.ok(!tellsOwnDeed("I washed my hair."));
  assert.ok(!tellsOwnDeed("Someone sold my bike."));
});

Deno.test("search compares pairs for a deed only when another candidate tells of its thing", () => {
  const cut = "I cut my hair really short, a pixie cut.";
  assert.ok(altersAnyOf([cut], ["I have long curly hair down to my waist.", cut]));
  assert.ok(!altersAnyOf([cut], [cut]), "not with itself");
  assert.ok(!altersAnyOf(["I lost my house keys again."], ["We live in a terraced house."]));
});

Deno.test("search: the persona altering its own thing ranks above the fact it changed, stored without a link (real SQLite)", async () => {
  assert.deepEqual(
    await rankedAfter(
      [
        "I have long curly hair down to my waist.",
        "I cut my hair really short, a pixie cut.",
      ],
      "Is my hair long and curly?",
    ),
    [1, 0],
  );
  assert.deepEqual(
    await rankedAfter(
      [
        "I lost my grandmother's silver bracelet at the beach.",
        "I found my grandmother's silver bracelet in the car.",
      ],
      "Did I find the bracelet I lost?",
    ),
    [1, 0],
  );
});

Deno.test("search: a friend's thing altered, or care of the persona's own, replaces no fact (real SQLite)", async () => {
  assert.deepEqual(
    await rankedAfter(
      [
        "I have long curly hair down to my waist.",
        "I washed my hair and let it dry in the sun.",
      ],
      "Is my hair long and curly?",
    ),
    [0, 1],
  );
});

Deno.test("a thing of another kind, another's thing told after 'I', a thing's part: no change of the fact (review45 R3)", () => {
  const pairs: [string, string][] = [
    ["I have a season ticket at Old Trafford.", "I lost my ticket for the gig on the bus."],
    ["I think Leah's long curly hair is gorgeous.", "I cut my hair short for the summer."],
    ["I have a black cat called Milo.", "I lost my cat's collar in the garden."],
    ["I have an old upright piano.", "I sold my piano stool on eBay."],
  ];
  for (const [older, newer] of pairs) assert.ok(!altersOwn(older, newer), newer);
  // The same kind of thing, its modifiers said in the fact: a change still.
  assert.ok(altersOwn("I have a season ticket at Old Trafford.", "I sold my season ticket."));
  assert.ok(altersOwn("I have long curly hair.", "I cut my hair short for the summer."));
});

Deno.test("search: a lost ticket of another kind does not replace a season ticket (real SQLite)", async () => {
  assert.deepEqual(
    await rankedAfter(
      ["I have a season ticket at Old Trafford", "I lost my ticket for the gig on the bus"],
      "do I have a season ticket",
    ),
    [0, 1],
  );
});
