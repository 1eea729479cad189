import assert from "node:assert/strict";
import { onPostgres } from "../storage/testing/databases.ts";
import { postgresBesideIndex } from "./testing/postgres_beside_index.ts";
import { storeSlips } from "./postgres_slips.ts";
import { stem } from "./text.ts";

const TEXTS = [
  "my dauther Ines plays the cello",
  "the daughter of my neighbour is a nurse",
  "zebras at the zoo, and a zebar in the zoo shop",
  "the apprentiship at the shipyard lasted four years",
  "an apprenticeship is hard work",
  "we found a zebra crossing near the zoos",
];
const WORDS = ["daughter", "dauther", "zebra", "apprenticeship", "zoo", "yacht"].map(stem);

onPostgres(
  "PostgreSQL finds the persona's slips the in-memory index finds, for any first letter",
  async (db) => {
    const { aria, index } = await postgresBesideIndex(db, TEXTS);
    const found = await storeSlips(db, aria.id, WORDS);
    assert.deepEqual(found, index.slips(WORDS));
    // Two edits past six letters; "z", the last letter, read with no upper bound.
    assert.deepEqual(found.slips[3]!.map((slip) => slip.term), [stem("apprentiship")]);
    assert.deepEqual(found.slips[2]!.map((slip) => slip.term), ["zebar"]);
    assert.deepEqual(found.own, [1, 1, 2, 1, 2, 0]);
    assert.equal(found.documents, TEXTS.length);
  },
);
