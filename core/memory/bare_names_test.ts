import assert from "node:assert/strict";
import { BARE_NAME_WORDS, bareNameSubject } from "./bare_names.ts";
import type { CandidateQuery } from "./backend.ts";
import { byToldContent } from "./broad_subject.ts";
import { bridgeQueryOf } from "./testing/bridge_fixture.ts";
import { input, memoryFixture } from "./testing/contract_fixture.ts";
import { SqliteBackend } from "./sqlite_backend.ts";
import type { SqliteDatabase } from "../storage/mod.ts";

Deno.test("bareNameSubject reads a question that is its names alone, up to BARE_NAME_WORDS words", () => {
  assert.equal(BARE_NAME_WORDS, 3);
  assert.deepEqual(bareNameSubject("Kav", ["kav"]), {
    text: "kav",
    terms: ["kav"],
    names: ["kav"],
  });
  assert.deepEqual(bareNameSubject("Bernie?", ["berni"])?.names, ["berni"]);
  assert.deepEqual(bareNameSubject("Kit Barnes", ["kit", "barn"])?.terms, ["kit", "barn"]);
  assert.deepEqual(bareNameSubject("Mary Ann Walsh", ["mari", "ann", "walsh"])?.terms, [
    "mari",
    "ann",
    "walsh",
  ]);
  assert.equal(bareNameSubject("Mary Ann Jo Walsh", ["mari", "ann", "jo", "walsh"]), undefined);
});

Deno.test("bareNameSubject leaves a question with a word that is no name asked", () => {
  // A function word, a verb or a common noun beside the name asks something of it.
  assert.equal(bareNameSubject("Kav's birthday", ["kav"]), undefined);
  assert.equal(bareNameSubject("Sam from work", ["sam"]), undefined);
  assert.equal(bareNameSubject("who is Kav", ["kav"]), undefined);
  assert.equal(bareNameSubject("the Crucible", ["crucibl"]), undefined);
  // Words the question's reading of names did not take: none.
  assert.equal(bareNameSubject("running", []), undefined);
  assert.equal(bareNameSubject("sertraline", ["kav"]), undefined);
  assert.equal(bareNameSubject("", ["kav"]), undefined);
  assert.equal(bareNameSubject("?!", ["kav"]), undefined);
});

Deno.test("a name asked alone ranks the lines that tell who it is over short lines that mention it (real SQLite)", async () => {
  const fixture = await memoryFixture((db) => new SqliteBackend(db as SqliteDatabase));
  try {
    // Short lines naming Kav (BM25's length normalisation ranks them first), and lines that
    // mention her in passing while telling much of something else.
    const short = [
      "Kav is coming down on Sunday",
      "Kav was my bridesmaid",
      "Kav and Steve are staying at a Premier Inn",
      "Kav's car failed its MOT",
      "Kav doesn't like the food there",
      "Kav says she'll come down more",
      "Kav and I had words",
      "Kav is doing the online banking",
    ];
    for (const content of short) await fixture.memory.store(fixture.aria, input({ content }));
    const { id: mention } = await fixture.memory.store(
      fixture.aria,
      input({
        content:
          "the pension goes into the Nationwide account on the 28th, Dad's standing orders pay the care home fees and Kav sorts out the gas bills",
      }),
    );
    const { id: who } = await fixture.memory.store(
      fixture.aria,
      input({
        content:
          "my sister Kavita (Kav) lives in Didsbury in Manchester, she's a dental hygienist at a practice in Withington",
      }),
    );
    const ranked = async (query: string) =>
      (await fixture.memory.search(fixture.aria, { query, n_results: 3, min_importance: 0 }))
        .map((hit) => hit.id);
    const hits = await ranked("Kav");
    assert.equal(hits[0], who, JSON.stringify(hits));
    assert.ok(hits.includes(who), JSON.stringify(hits));
    // The line about her ranks above the one that tells as much but names her in passing.
    const all = await ranked("Kav");
    assert.ok(!all.includes(mention) || all.indexOf(mention) > all.indexOf(who));
    // A hesitation before the name changes nothing.
    assert.deepEqual(await ranked("um, Kav"), hits);
  } finally {
    await fixture.close();
  }
});

/** A hit of `content` at `score`, as the broad order reads it. */
function told(id: string, content: string, score = 1) {
  return { record: { id, content, superseded_by: null }, score };
}

/** Every term weighs 1: told content is the count of a line's new terms. */
const flatWeigher = {
  termWeights: (query: CandidateQuery) => Promise.resolve(query.terms.map(() => 1)),
};

Deno.test("a name asked alone: a line about it keeps its told content, one that mentions it MENTION_SHARE, one without it none", async () => {
  const hits = [
    // Nine new terms, the name in passing.
    told(
      "mention",
      "the pension, the gas, the water and the council tax bills: Steve pays, Kav checks",
    ),
    // Five new terms, the name its subject: more than half the mention's.
    told("about", "Kav lives in Didsbury, works as a dental hygienist"),
    // More new terms than either, and no Kav at all.
    told(
      "none",
      "Maja had the baby, a boy called Arvid, on the third of November, both fine and home on Sunday",
    ),
  ];
  const query = {
    terms: ["kav"],
    candidateQuery: bridgeQueryOf("Kav", "aria"),
    weigher: flatWeigher,
  };
  const plain = await byToldContent(hits, query);
  assert.deepEqual(plain.map((hit) => hit.record.id), ["none", "mention", "about"]);
  const named = await byToldContent(hits, { ...query, names: ["kav"] });
  assert.deepEqual(named.map((hit) => hit.record.id), ["about", "mention", "none"]);
});

Deno.test("bareNameSubject reads a question for whoever bears a name as that name alone", () => {
  const sam = ["sam"];
  for (
    const text of [
      "who's called Sam",
      "who is called Sam?",
      "is there anyone named Sam",
      "everyone called Sam",
      "people called Sam",
    ]
  ) {
    assert.deepEqual(bareNameSubject(text, sam)?.names, sam, text);
  }
  // Something asked of the bearer, no bearer, a content word before or after the name: none.
  for (
    const text of [
      "what is Sam's husband called",
      "who is Sam called after",
      "called Sam",
      "a dog called Sam",
      "who called Sam",
      "who and who else called Sam",
      "who's called Sam Tom Ann Lee",
    ]
  ) {
    assert.equal(bareNameSubject(text, ["sam", "tom", "ann", "lee"]), undefined, text);
  }
});
