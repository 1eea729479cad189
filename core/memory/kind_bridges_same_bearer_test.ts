/**
 * A pet called by another word for its kind ("Bella, our moggy", "our kitten Bella") is the same
 * bearer: the line is no tie to another, and the pet's bridge stays uncapped (review43b
 * finding 2). A relation word or an unrelated kind still ties the name elsewhere.
 */
import assert from "node:assert/strict";
import { sameBearerKind } from "./relation_expansion.ts";
import { kindKey } from "./kind_names.ts";
import { WordVectors } from "./meaning/word_vectors.ts";
import { input, memoryFixture } from "./testing/contract_fixture.ts";
import { SqliteBackend } from "./sqlite_backend.ts";
import type { SqliteDatabase } from "../storage/mod.ts";

Deno.test("same bearer: a kind's WordNet synonyms, hyponyms and unknown words are its bearer; relations and other kinds are not", async () => {
  const sameKind = sameBearerKind(await WordVectors.shared());
  const same = (said: string, kind: string) => sameKind(kindKey(said), kindKey(kind));
  for (const said of ["cat", "tabby", "kitten", "pussycat", "moggy"]) {
    assert.equal(same(said, "cat"), true, said);
  }
  for (const said of ["puppy", "pup", "pooch", "mongrel"]) {
    assert.equal(same(said, "dog"), true, said);
  }
  for (const said of ["niece", "sister", "neighbour", "dog"]) {
    assert.equal(same(said, "cat"), false, said);
  }
});

Deno.test("'has our cat been to the vet': 'Bella, our moggy' at the vet ranks first (real SQLite, review43b 2)", async () => {
  const fixture = await memoryFixture((db) => new SqliteBackend(db as SqliteDatabase));
  try {
    const lines = [
      "Bella is our cat, a grey tabby",
      "Bella, our moggy, had her jabs at the vet last week",
      "The dog next door barked all night again",
      "I paid the gas bill and the water bill today",
      "Went for a run by the canal in the rain",
    ];
    const ids: string[] = [];
    for (const content of lines) {
      ids.push((await fixture.memory.store(fixture.aria, input({ content }))).id);
    }
    for (const query of ["has our cat been to the vet", "when did our cat have her jabs?"]) {
      const hits = await fixture.memory.search(fixture.aria, {
        query,
        n_results: 3,
        min_importance: 0,
      });
      assert.equal(hits[0] && lines[ids.indexOf(hits[0].id)], lines[1], query);
    }
  } finally {
    await fixture.close();
  }
});
