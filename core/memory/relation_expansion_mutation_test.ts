/**
 * A boundary of `relation_expansion.ts` that its other tests leave open (mutation testing,
 * session 44): a relation word is another bearer than a pet even where the word data knows
 * neither word, which would otherwise count as no evidence of another bearer.
 */
import assert from "node:assert/strict";
import { sameBearerKind } from "./relation_expansion.ts";
import { kindKey } from "./kind_names.ts";

Deno.test("sameBearerKind: a relation word is never the pet's bearer, known to the data or not", () => {
  const unknown = sameBearerKind({ related: () => undefined, unitOfStem: () => undefined });
  assert.equal(unknown(kindKey("niece"), kindKey("cat")), false);
  assert.equal(unknown(kindKey("sister"), kindKey("dog")), false);
  // An unknown word that is no relation is no evidence of another bearer.
  assert.equal(unknown(kindKey("moggy"), kindKey("cat")), true);
});

Deno.test("sameBearerKind: a word the data relates to others but not to the kind is another bearer", () => {
  const relatedElsewhere = sameBearerKind({
    related: (stem) => stem === "hound" ? new Map([["wolf", 0.5]]) : undefined,
    unitOfStem: () => undefined,
  });
  assert.equal(relatedElsewhere("hound", "cat"), false);
});

Deno.test("sameBearerKind: a word with a vector but no relations is a known kind, another bearer", () => {
  const known = sameBearerKind({ related: () => undefined, unitOfStem: () => [1, 0] });
  assert.equal(known("dog", "cat"), false);
  const emptyRelations = sameBearerKind({ related: () => new Map(), unitOfStem: () => undefined });
  assert.equal(emptyRelations("moggy", "cat"), true, "no relations and no vector: unknown");
});
