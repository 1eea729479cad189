import assert from "node:assert/strict";
import { ALTERING_VERBS, altersOwn, UNDOING_VERBS } from "./altered_things.ts";
import { ownDeeds } from "./own_deeds.ts";

Deno.test("each altering verb is one: the persona's own car, then the verb done to it", () => {
  const verbs = "cut dyed shaved sold lost crashed wrecked totalled totaled".split(" ");
  assert.deepEqual([...ALTERING_VERBS].sort(), [...verbs].sort());
  for (const verb of verbs) {
    assert.ok(altersOwn("I have an old red car.", `I ${verb} my car.`), verb);
  }
  // A verb of care is none.
  assert.ok(!altersOwn("I have an old red car.", "I washed my car."));
});

Deno.test("each undoing pair undoes, either way round", () => {
  assert.deepEqual([...UNDOING_VERBS], [["lost", "found"], ["broke", "fixed"], [
    "borrowed",
    "returned",
  ]]);
  const things: [string, string, string][] = [
    ["lost", "found", "wedding ring"],
    ["broke", "fixed", "glasses"],
    ["borrowed", "returned", "library book"],
  ];
  for (const [done, undone, thing] of things) {
    assert.ok(altersOwn(`I ${done} my ${thing}.`, `I ${undone} my ${thing}.`), undone);
    assert.ok(altersOwn(`I ${undone} my ${thing}.`, `I ${done} my ${thing}.`), done);
  }
});

Deno.test("a reshaping verb may name any word of the thing: 'shaved my beard'", () => {
  // The fact's head is "beard"; "shaved my beard off" names it first, the new look after.
  assert.ok(altersOwn("I have a long ginger beard.", "I shaved my beard stubble short."));
  assert.ok(!altersOwn("I have a long ginger beard.", "I sold my beard stubble short."));
});

Deno.test("a thing's qualifier after 'from' is one of its modifiers", () => {
  assert.deepEqual(ownDeeds("I lost my ticket from the gig."), [
    { verb: "lost", thing: ["ticket"], head: "ticket", qualifier: "gig" },
  ]);
  assert.ok(
    !altersOwn("I have a season ticket at Old Trafford.", "I lost my ticket from the gig."),
  );
});

Deno.test("'it's' before the thing is no one's possessive: the thing stays the persona's", () => {
  for (const opening of ["it's", "that's", "he's", "she's", "there's", "here's", "what's"]) {
    const older = `I have long curly hair, ${opening} long curly hair all the way down.`;
    assert.ok(altersOwn(older, "I cut my hair really short."), opening);
  }
});

Deno.test("an '-ly' adverb between 'I' and the verb is read past", () => {
  assert.ok(altersOwn("I have long curly hair.", "I finally cut my hair short."));
  assert.deepEqual(ownDeeds("We finally sold our piano.")[0]?.verb, "sold");
});

Deno.test("'my cat's collar': the thing is the collar, not the cat", () => {
  assert.ok(!altersOwn("I have a black cat.", "I lost my cat's collar."));
});
