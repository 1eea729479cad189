import assert from "node:assert/strict";
import { input, memoryFixture } from "./testing/contract_fixture.ts";
import { SqliteBackend } from "./sqlite_backend.ts";
import { LocalEmbedder } from "./embedder.ts";
import { gatherCandidates } from "./search_candidates.ts";
import { searchQuestion } from "./search_question.ts";
import type { SqliteDatabase } from "../storage/mod.ts";

const MEMORIES = [
  "Colleen is my neighbour, she teaches piano.",
  "Our golden retriever Biscuit loves the beach.",
  "Pepper, our old cat, died last spring.",
  "Danny lives in Leith now.",
  "Leah's nan lives in Fife.",
  "We moved to Reading in May.",
];

/**
 * The question `text` as a search of Aria's reads it, over {@linkcode MEMORIES}; with `others`,
 * over a shared memory of Kira's too, which the search may read.
 */
async function questionOf(text: string, voiced?: boolean, others = false) {
  const fixture = await memoryFixture((db) => new SqliteBackend(db as SqliteDatabase));
  try {
    for (const content of MEMORIES) await fixture.memory.store(fixture.aria, input({ content }));
    if (others) {
      await fixture.memory.store(
        fixture.kira,
        input({ content: "Danny lives in Leith with Leo.", visibility: "shared" }),
      );
    }
    const embedder = new LocalEmbedder();
    const [vector] = await embedder.embed([text]);
    const othersVisibility = others ? ["shared" as const] : [];
    const query = { text, vector: vector!, othersVisibility, voiced };
    const gathered = await gatherCandidates(
      fixture.aria,
      { query, filter: { n: 5, minImportance: 0 } },
      { backend: fixture.backend, embedder },
    );
    return await searchQuestion(fixture.aria, { query, gathered }, {
      personas: fixture.personas,
      backend: fixture.backend,
    });
  } finally {
    await fixture.close();
  }
}

Deno.test("searchQuestion reads a broad question's subject and asks in its subject's voice", async () => {
  const question = await questionOf("What do I know about Colleen?");
  assert.equal(question.broad?.text, "colleen");
  // Broad, so not also several facts; the "I" of "do I know" asks nothing of the speaker: the
  // question asks in Colleen's voice.
  assert.equal(question.several, false);
  assert.equal(question.voice, "other");
  assert.equal(question.asked.own, false);
  // "all the pets" would ask for several facts, but a broad question is answered as broad only.
  const all = await questionOf("Tell me about all the pets");
  assert.equal(all.broad?.text, "all the pets");
  assert.equal(all.several, false);
});

Deno.test("searchQuestion reads a question for several facts and its answer type", async () => {
  const question = await questionOf("What pets do we have?");
  assert.equal(question.broad, undefined);
  assert.equal(question.several, true);
  assert.ok(question.types !== undefined, "pets is an answer type");
  assert.ok(question.types.asked.length > 0);
});

Deno.test("searchQuestion leaves a compound question's several-fact part to the part", async () => {
  // The whole asks two things: its parts are ranked each by its own shape (`compound_question.ts`).
  const whole = await questionOf("What pets do we have, and where did I go to university?");
  assert.equal(whole.several, false);
  assert.equal((await questionOf("What pets do we have")).several, true);
  // A topic first ("my pets, ...") makes one ask: read as several facts as before.
  assert.equal((await questionOf("my pets and what pets do we have")).several, true);
});

Deno.test("searchQuestion leaves the persona's own name out of the names asked about", async () => {
  const question = await questionOf("Where does Danny live, Aria?");
  assert.deepEqual(question.asked.names, ["danni"]);
  // An unvoiced query (a chat message's "I" is its sender's) asks in no voice.
  assert.equal((await questionOf("Where do I live?", false)).voice, undefined);
  assert.equal((await questionOf("Where do I live?")).voice, "self");
});

Deno.test("searchQuestion reads a question for all its subject does as broad", async () => {
  // `broadDeeds` when `broadSubject` finds no frame: its subject's words, voice and no several.
  const question = await questionOf("What does Hayden do with Moira?");
  assert.equal(question.broad?.text, "hayden moira");
  assert.equal(question.voice, "other");
  assert.equal(question.several, false);
});

Deno.test("searchQuestion names each asked name once, and owner names only with others' candidates", async () => {
  // "Reading" is read as a name, and "reading" as one that a memory writes so: one name for both.
  const reading = await questionOf("When did we move to Reading? reading was nice");
  assert.deepEqual(reading.asked.names, ["read"]);
  // Only Aria's own candidates: no other persona's names to read.
  assert.equal((await questionOf("Where does Danny live?")).asked.ownerNames, undefined);
  assert.ok((await questionOf("Where does Danny live?", undefined, true)).asked.ownerNames);
  // A question naming no one reads no owner names, whoever's candidates come.
  assert.equal(
    (await questionOf("Where is the beach?", undefined, true)).asked.ownerNames,
    undefined,
  );
});

Deno.test("searchQuestion reads the relations, kin, intents, time and modifiers a question asks", async () => {
  const relation = await questionOf("Where does Leo's friend live?");
  assert.deepEqual(relation.asked.relations.length, 1);
  // Relations are read of names only.
  assert.deepEqual((await questionOf("Where does the friend live?")).asked.relations, []);
  // "my nan" where another's nan is remembered ("Leah's nan"): own kin, and Leah's name.
  const nan = await questionOf("Where does my nan live?");
  assert.ok(nan.asked.ownKin?.has("nan"));
  assert.ok(nan.asked.kinNames?.has("leah"));
  // "my brother" where no one else's brother is remembered: no own kin to tell apart.
  const brother = await questionOf("Where does my brother work?");
  assert.equal(brother.asked.ownKin, undefined);
  assert.equal(brother.asked.kinNames, undefined);
  // A question that asks no wish or plan lets memories that tell one lose some.
  assert.equal((await questionOf("What pets do I have?")).asked.intents, true);
  assert.equal((await questionOf("What do I want to do?")).asked.intents, false);
  assert.equal((await questionOf("Where does Danny live now?")).asked.current, true);
  assert.equal((await questionOf("Where did Danny live?")).asked.current, false);
  // Members of an answer type are asked of the speaker's own questions only.
  assert.ok((await questionOf("What pets do I have?")).asked.members);
  assert.equal((await questionOf("What pets does Danny have?")).asked.members, undefined);
  const modifiers = (await questionOf("What learning difficulty does Danny have?")).asked.modifiers;
  assert.equal(modifiers?.text, "What learning difficulty does Danny have?");
  assert.ok(modifiers?.terms.has("difficulti"));
});
