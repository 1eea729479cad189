import assert from "node:assert/strict";
import {
  askedTypes,
  namesTypes,
  plainQuery,
  TYPE_SIMILARITY,
  typeMembers,
} from "./answer_types.ts";
import { CLOSE_SIMILARITY, KIND_SIMILARITY } from "./word_relations.ts";
import { WordVectors } from "./word_vectors.ts";
import { highestCosine, preparedSimilarity, specificity } from "./alignment.ts";
import { confirmed } from "./word_similarity.ts";
import { analysedTerms, stem, words as folded } from "../text.ts";
import { input, memoryFixture } from "../testing/contract_fixture.ts";
import { SqliteBackend } from "../sqlite_backend.ts";
import type { SqliteDatabase } from "../../storage/mod.ts";
import { answersOf } from "../search.ts";

const asked = (text: string) => askedTypes(folded(plainQuery(text)));

Deno.test("the documented constant: a member of the asked type is a little more than a kind", () => {
  assert.ok(TYPE_SIMILARITY > KIND_SIMILARITY && TYPE_SIMILARITY < CLOSE_SIMILARITY);
  assert.equal(TYPE_SIMILARITY, 0.5);
});

Deno.test("a question's cue words ask for a type; 'for a living' asks for a job", () => {
  assert.deepEqual(asked("What is my profession?"), [{ word: "profession", type: "occupation" }]);
  assert.deepEqual(asked("What do I do for a living?"), [{ word: "job", type: "occupation" }]);
  assert.deepEqual(asked("How does she earn her living?"), [{ word: "job", type: "occupation" }]);
  assert.deepEqual(asked("Have I ever had surgery?"), [{ word: "surgery", type: "health" }]);
  assert.deepEqual(asked("Do we have any pets?"), [{ word: "pets", type: "animal" }]);
  assert.deepEqual(asked("Which instrument do I play?"), [{
    word: "instrument",
    type: "instrument",
  }]);
  // Living elsewhere is living.
  assert.equal(
    plainQuery("Who do I share the living room with?"),
    "Who do I share the living room with?",
  );
  assert.equal(plainQuery("Where am I living now?"), "Where am I living now?");
  assert.deepEqual(asked("Where do I live?"), []);
  assert.equal(plainQuery("What does he do FOR A LIVING?"), "What does he do FOR A job?");
});

Deno.test("a type's members: WordNet's subtrees in their usual sense", async () => {
  const members = await typeMembers();
  const aligned = (type: string, word: string) => members.aligned.get(type)!.has(stem(word));
  const named = (type: string, word: string) => members.all.get(type)!.has(stem(word));
  for (const word of ["nurse", "paramedics", "firefighter", "plumber", "lawyer"]) {
    assert.ok(aligned("occupation", word), word);
  }
  for (const word of ["appendix", "migraines", "knee", "asthma", "diabetic", "allergic"]) {
    assert.ok(aligned("health", word), word);
  }
  assert.ok(aligned("animal", "whippet"));
  assert.ok(aligned("instrument", "cello"));
  // A frequent word is used in other senses: it names the type but is matched by its vectors.
  assert.ok(!aligned("health", "head") && named("health", "head"));
  assert.ok(!aligned("vehicle", "car") && named("vehicle", "car"));
  // A job's verb names a job, but is matched in no alignment.
  assert.ok(!aligned("occupation", "teach") && named("occupation", "teaches"));
  // WordNet's rarer senses the vectors do not know: "tom" (a male cat), "bishop" (mulled wine).
  assert.ok(!aligned("animal", "tom"));
  assert.ok(!aligned("food", "bishop"));
  // A memory names an asked type when it holds any member of one of them.
  const nurse = analysedTerms("I work nights as a cardiac nurse");
  assert.ok(namesTypes(nurse, asked("What is my job?"), members));
  assert.ok(!namesTypes(nurse, asked("Do we have any pets?"), members));
  assert.ok(namesTypes(nurse, asked("What pets and what job do I have?"), members));
});

Deno.test("alignment: a cue word matches its type's members as kinds", async () => {
  const words = await WordVectors.shared();
  const members = await typeMembers();
  const job = { ...words.prepare("job"), typeMembers: members.aligned.get("occupation") };
  // By the vectors alone "job" is far from the job a memory names.
  assert.ok(preparedSimilarity(words.prepare("job"), words.prepare("nurse")) < TYPE_SIMILARITY);
  // A member counts as a kind, more when the vectors confirm it (`confirmed`).
  assert.equal(
    preparedSimilarity(job, words.prepare("nurse")),
    confirmed(
      words.similarity("job", "nurse") * specificity(job, words.prepare("nurse")),
      TYPE_SIMILARITY,
    ),
  );
  assert.ok(preparedSimilarity(job, words.prepare("nurse")) >= TYPE_SIMILARITY);
  assert.ok(preparedSimilarity(job, words.prepare("sofa")) < TYPE_SIMILARITY);
  // The same through a memory's word table (alignment's inner loop).
  const memory = words.contentWords("I work nights as a cardiac nurse.");
  assert.ok(highestCosine({ word: "job", weight: 1, prepared: job }, words, memory) >= 0.45);
});

Deno.test("search: a question finds the memory that names what it asks for", async () => {
  const fixture = await memoryFixture((db) => new SqliteBackend(db as SqliteDatabase));
  try {
    const store = async (content: string) =>
      (await fixture.memory.store(fixture.aria, input({ content }))).id;
    const plumber = await store("Most weeks I fix boilers and leaking pipes as a plumber.");
    const appendix = await store("They took my appendix out when I was twelve.");
    const living = await store("Living above a bakery means the flat always smells of bread.");
    const whippet = await store("Our whippet Suki sleeps on the sofa all afternoon.");
    for (
      const content of [
        "We watched an old film about a lighthouse on Sunday.",
        "I had a long chat with the neighbours over the fence last week.",
        "The bus to the coast was late again this morning.",
        "My brother took his bike out to the fair last weekend.",
        "I always keep a spare umbrella in the hall.",
      ]
    ) await store(content);
    const search = async (query: string) =>
      (await fixture.memory.search(fixture.aria, { query, n_results: 5, min_importance: 0 }))
        .map((hit) => hit.id);
    const job = await search("What do I do for a living?");
    assert.equal(job[0], plumber);
    // "for a living" is no living above a bakery.
    assert.ok(job.indexOf(living) < 0 || job.indexOf(living) > 0);
    assert.equal((await search("Have I ever had surgery?"))[0], appendix);
    assert.equal((await search("Do we have any pets?"))[0], whippet);
  } finally {
    await fixture.close();
  }
});

Deno.test("ranking's answer test: a memory names a member of an asked type (and a place asked for)", async () => {
  const words = await WordVectors.shared();
  const members = await typeMembers();
  const types = (text: string) => ({ asked: asked(text), members });
  const job = answersOf(undefined, types("What do I do for a living?"), words)!;
  assert.equal(job("I teach history at a secondary school."), true);
  assert.equal(job("My first job was delivering newspapers."), false);
  // A "where" question about a job wants both: a place and a job.
  const where = answersOf("place", types("Where is my sister's job?"), words)!;
  assert.equal(where("My sister is a nurse in Leeds."), true);
  assert.equal(where("My sister is a nurse."), false);
  assert.equal(where("My sister lives in Leeds."), false);
  assert.equal(answersOf(undefined, undefined, words), undefined);
  assert.ok(namesTypes(analysedTerms("I like tea."), [], members));
});

Deno.test("'What does my brother do?' asks for a job; the past and a pastime's frame do not", () => {
  const job = [{ word: "do", type: "occupation" }];
  assert.deepEqual(asked("What does my brother do?"), job);
  assert.deepEqual(asked("What do you do these days?"), job);
  assert.deepEqual(asked("What does Sarah's husband do now?"), job);
  assert.deepEqual(asked("What do I do?"), job);
  assert.deepEqual(asked("What did my brother do?"), [], "the past asks what happened");
  assert.deepEqual(asked("What do we do on Sundays?"), [], "the do is not last");
  assert.deepEqual(asked("What do the old friends of my late uncle do?"), [], "too long a subject");
  assert.deepEqual(asked("Where does my brother do?"), []);
});

Deno.test("search: 'What does my brother do?' finds his job, not what else he does", async () => {
  const fixture = await memoryFixture((db) => new SqliteBackend(db as SqliteDatabase));
  try {
    const store = async (content: string) =>
      (await fixture.memory.store(fixture.aria, input({ content }))).id;
    await store("My brother lives in Glasgow with his girlfriend.");
    const firefighter = await store("My brother is a firefighter in Glasgow.");
    await store("My brother is a keen cyclist.");
    await store("My brother does the crossword every morning.");
    await store("I always keep a spare umbrella in the hall.");
    const hits = await fixture.memory.search(fixture.aria, {
      query: "What does my brother do?",
      n_results: 5,
      min_importance: 0,
    });
    assert.equal(hits[0]?.id, firefighter);
  } finally {
    await fixture.close();
  }
});
