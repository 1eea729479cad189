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

onPostgres(
  "PostgreSQL reads each looked-up word's own lengths, words of one first letter far apart in length",
  async (db) => {
    // "kranot" (6 letters, one edit) and "kvistobarnik" (12, two edits) share the range of "k":
    // its lengths must reach from the short word's shortest slip to the long word's longest.
    const texts = ["the krnot and the kranott", "a kvistobarn, a kvisstobarnikk"];
    const { aria, index } = await postgresBesideIndex(db, texts);
    for (const words of [["kranot", "kvistobarnik"], ["kvistobarnik", "kranot"]]) {
      const found = await storeSlips(db, aria.id, words);
      assert.deepEqual(found, index.slips(words));
      const slips = found.slips.map((each) => each.map((slip) => slip.term).sort());
      const expected = {
        kranot: ["kranott", "krnot"],
        kvistobarnik: ["kvisstobarnikk", "kvistobarn"],
      };
      assert.deepEqual(
        slips,
        words.map((word) => expected[word as keyof typeof expected]),
        `${words}`,
      );
    }
  },
);

onPostgres(
  "PostgreSQL reads slips two letters longer than a word of seven letters or more",
  async (db) => {
    // Past six letters a slip may be two edits away, so two letters longer ("borblatt",
    // "borblattin"); the range is read by the longer length's edits, not the word's less two.
    const { aria, index } = await postgresBesideIndex(db, ["we met at the borblattin"]);
    const found = await storeSlips(db, aria.id, ["borblatt"]);
    assert.deepEqual(found, index.slips(["borblatt"]));
    assert.deepEqual(found.slips, [[{ term: "borblattin", documents: 1 }]]);
  },
);

onPostgres("a persona with no memory stored has none to count in PostgreSQL", async (db) => {
  const { aria } = await postgresBesideIndex(db, []);
  const found = await storeSlips(db, aria.id, ["daughter"]);
  assert.deepEqual(found, { documents: 0, own: [0], slips: [[]], clippings: [[]] });
});

onPostgres(
  "PostgreSQL finds the store's clippings of the looked-up words the in-memory index finds",
  async (db) => {
    // "physio" and "uni" begin the roots of "physiotherapy" and "university" ("univers");
    // "physics" does not (a letter apart), and "universe" cuts too little to be a clipping.
    const texts = [
      "physio Thu 0745 w/ Sam",
      "uni in May, physio after",
      "physics and the universe",
    ];
    const { aria, index } = await postgresBesideIndex(db, texts);
    const words = ["physiotherapy", "university", "holidays"].map(stem);
    const found = await storeSlips(db, aria.id, words);
    assert.deepEqual(found, index.slips(words));
    assert.deepEqual(found.clippings, [
      [{ term: "physio", documents: 2 }],
      [{ term: "uni", documents: 1 }],
      [],
    ]);
  },
);

onPostgres(
  "PostgreSQL finds the asked short forms of the looked-up words the in-memory index finds",
  async (db) => {
    // recall108: a contraction ("mgr", "nbhd") begins with the word's first letter only, so the
    // search asks for its terms (`contractionAsk`) and each is read by the key, exactly: a
    // long word's range of slip lengths ("neighbourhood", 11 to 15) does not hold it.
    const texts = ["mgr is Priya now", "the nbhd watch meets in May", "a mgmt course"];
    const { aria, index } = await postgresBesideIndex(db, texts);
    const words = ["manager", "neighbourhood"].map(stem);
    const ask = { shortForms: [["mgr", "mngr"], ["nbhd", "nbd"]] };
    const found = await storeSlips(db, aria.id, words, ask);
    assert.deepEqual(found, index.slips(words, ask));
    assert.deepEqual(found.clippings, [
      [{ term: "mgr", documents: 1 }],
      [{ term: "nbhd", documents: 1 }],
    ]);
  },
);
