/**
 * A deed on another's thing and plurals in "-es" (mut47's findings): "I cut my dog's hair short"
 * alters the dog's hair, not the persona's own; "I sold the horses" acts on what "my horse" names.
 */
import assert from "node:assert/strict";
import { altersOwn } from "./altered_things.ts";
import { ownDeeds } from "./own_deeds.ts";
import { ownChangeOfFact } from "./own_changes.ts";

Deno.test("a deed on another's thing alters only a fact that names that owner", () => {
  assert.deepEqual(ownDeeds("I cut my dog's hair short.").map((deed) => deed.owner), ["dog"]);
  assert.equal(ownDeeds("I cut my hair short.")[0]!.owner, undefined);
  assert.equal(altersOwn("I have long curly hair.", "I cut my dog's hair short."), false);
  assert.equal(altersOwn("I have an old upright piano.", "I sold my dad's piano."), false);
  assert.equal(altersOwn("My dog has long shaggy hair.", "I cut my dog's hair short."), true);
  assert.equal(altersOwn("I have long curly hair.", "I cut my hair short."), true);
  // Undoing reads the deeds' things as before: a lost collar found again.
  assert.equal(altersOwn("I lost my cat's collar.", "I found my cat's collar."), true);
});

Deno.test("a change's word matches its plural in -es whose e is the word's own", () => {
  assert.equal(ownChangeOfFact("I keep two horses.", "I sold my horse."), true);
  assert.equal(ownChangeOfFact("I have a horse.", "I sold my horses."), true);
  assert.equal(ownChangeOfFact("I have a bike.", "I sold my bike."), true);
});
