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
];

/** The question `text` as a search of Aria's reads it, over {@linkcode MEMORIES}. */
async function questionOf(text: string, voiced?: boolean) {
  const fixture = await memoryFixture((db) => new SqliteBackend(db as SqliteDatabase));
  try {
    for (const content of MEMORIES) await fixture.memory.store(fixture.aria, input({ content }));
    const embedder = new LocalEmbedder();
    const [vector] = await embedder.embed([text]);
    const query = { text, vector: vector!, othersVisibility: [], voiced };
    const gathered = await gatherCandidates(
      fixture.aria,
      { query, filter: { n: 5, minImportance: 0 } },
      { backend: fixture.backend, embedder },
    );
    return await searchQuestion(fixture.aria, { query, gathered }, {
      personas: fixture.personas,
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
