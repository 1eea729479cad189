/**
 * Pins of `kind_names.ts` that its behaviour tests left open, each found by a mutant that passed
 * them (session 40, mut55: core/memory/HISTORY.md).
 */
import assert from "node:assert/strict";
import { namedKinds } from "./kind_names.ts";

function ties(content: string): Record<string, string[]> {
  return Object.fromEntries(namedKinds(content).map((one) => [one.name, [...one.kinds]]));
}

Deno.test("kind names: 'an' opens a kind as 'a' does, and 'named' names as 'called' does", () => {
  assert.deepEqual(ties("Ciarán is an engineer in Leeds"), { ciaran: ["engin"] });
  assert.deepEqual(ties("Bernie had a beagle named Sandy"), { sandi: ["beagl"] });
});

Deno.test("kind names: a subject opens a clause after a sentence's end, and its run of names is read from its first", () => {
  // "in" is a function word, but the full stop between opens a new sentence.
  assert.deepEqual(ties("We moved him in. Elmhurst is the care home"), { elmhurst: ["home"] });
  assert.deepEqual(ties("Lily Harper is the new cleaner"), { lili: ["cleaner"] });
  // The run goes on over spaces only: "Kav," is not part of it.
  assert.deepEqual(namedKinds("Kav, Lily is the new cleaner").map((one) => one.name), ["lili"]);
});

Deno.test("kind names: a name's own word as its kind ties nothing", () => {
  assert.deepEqual(namedKinds("Rose is a rose"), []);
});

Deno.test("kind names: the shapes hold over spaces only, not across a mark", () => {
  // An honorific's name follows it with a space: "Dr. Ferris" is read no further.
  assert.deepEqual(ties("our GP Dr. Ferris retired"), {});
  // The article or owner sits right before its noun.
  assert.deepEqual(ties("Kav was my, bridesmaid"), {});
  // The copula sits right before the article, and the name right before the copula.
  assert.deepEqual(ties("Elmhurst was, the care home said, full"), {});
  assert.deepEqual(ties("Ask Kieran. Is the boy next door in?"), {});
  // "the chef is called" and "called Sandy" with nothing but spaces between.
  assert.deepEqual(ties("the chef, is called Tomasz"), {});
  assert.deepEqual(ties("our dog is called. Sandy said Rex"), {});
});
