import assert from "node:assert/strict";
import {
  closeSlips,
  SLIPS_PER_WORD_KEPT,
  slipShaped,
  StoreVocabulary,
} from "./store_vocabulary.ts";
import { SLIP_MIN_LETTERS } from "./meaning/typo_pairs.ts";

Deno.test("closeSlips keeps SLIPS_PER_WORD_KEPT slips, most memories first, then alphabetically", () => {
  assert.equal(SLIPS_PER_WORD_KEPT, 16);
  // "qabcdefgh" with one letter replaced: 20 slips (q kept first), held by 1-4 memories.
  const slips = Array.from(
    { length: 20 },
    (_, i) => "qabcdefgh".slice(0, 8) + "ijklmnoprstuvwxyzabc"[i],
  );
  const documents = (term: string) => 1 + (slips.indexOf(term) % 4);
  const kept = closeSlips(
    "qabcdefgh",
    [...slips, "qabcdefgh", "xabcdefgh", "qzzzzzzzz"],
    documents,
  );
  assert.equal(kept.length, SLIPS_PER_WORD_KEPT);
  const expected = [...slips]
    .sort((a, b) => documents(b) - documents(a) || (a < b ? -1 : 1))
    .slice(0, SLIPS_PER_WORD_KEPT);
  assert.deepEqual(kept.map((slip) => slip.term), expected);
  assert.deepEqual(kept[0], { term: expected[0], documents: 4 });
  // A slip no memory holds any more is dropped.
  assert.deepEqual(closeSlips("qabcdefgh", ["qabcdefgi"], () => 0), []);
});

Deno.test("slipShaped: plain letters a-z, at least SLIP_MIN_LETTERS of them", () => {
  assert.equal(SLIP_MIN_LETTERS, 4);
  assert.equal(slipShaped("abcd"), true);
  assert.equal(slipShaped("abc"), false);
  assert.equal(slipShaped("azaz"), true);
  for (const word of ["abc`", "abc{", "abc4", "Abcd", "abcé"]) {
    assert.equal(slipShaped(word), false, word);
  }
});

Deno.test("StoreVocabulary holds only terms with a posting, and takes in those made since", () => {
  const terms = ["kettle", "kettel", "kettles", "ketle"];
  const postings: ({ size: number } | undefined)[] = [{ size: 1 }, { size: 0 }, undefined, {
    size: 2,
  }];
  const source = { postings, termOf: (id: number) => terms[id] };
  const store = new StoreVocabulary(source);
  assert.equal(store.size, 2);
  const one = () => 1;
  assert.deepEqual(store.slipsOf("kettle", one).map((slip) => slip.term), ["ketle"]);
  postings[1] = { size: 1 };
  postings[2] = { size: 0 };
  const born = [1, 2];
  store.sync(born, source);
  assert.deepEqual(born, [], "emptied");
  assert.equal(store.size, 3);
  // The index's born terms are a set (attack35 A3): emptied too, so it never grows between lookups.
  const bornSet = new Set([0, 1]);
  store.sync(bornSet, source);
  assert.equal(bornSet.size, 0, "the set emptied");
  assert.equal(store.size, 3);
  assert.deepEqual(store.slipsOf("kettle", one).map((slip) => slip.term), ["ketle", "kettel"]);
  // Another first letter, a word too short or not plain: none.
  assert.deepEqual(store.slipsOf("bettle", one), []);
  assert.deepEqual(store.slipsOf("ket", one), []);
});

Deno.test("StoreVocabulary holds a term once, however often it is born again", () => {
  const terms = ["kettle", "ketle"];
  const postings = [{ size: 1 }, { size: 1 }];
  const source = { postings, termOf: (id: number) => terms[id] };
  const store = new StoreVocabulary(source);
  store.sync([1, 1, 0], source);
  assert.equal(store.size, 2);
  assert.deepEqual(store.slipsOf("kettle", () => 1).map((slip) => slip.term), ["ketle"]);
});

Deno.test("StoreVocabulary passes over an id with no term, and a born id with no posting", () => {
  const terms: (string | undefined)[] = ["kettle", undefined, "ketle"];
  const postings: ({ size: number } | undefined)[] = [{ size: 1 }, { size: 1 }, { size: 1 }];
  const source = { postings, termOf: (id: number) => terms[id] };
  const store = new StoreVocabulary(source);
  assert.equal(store.size, 3, "the id is held, its term is not looked for");
  assert.deepEqual(store.slipsOf("kettle", () => 1).map((slip) => slip.term), ["ketle"]);
  // Born with no posting at all (not even an empty one): not held.
  terms.push("kettel");
  store.sync([3], source);
  assert.equal(store.size, 3);
  assert.deepEqual(store.slipsOf("kettle", () => 1).map((slip) => slip.term), ["ketle"]);
});
