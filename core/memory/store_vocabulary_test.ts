import assert from "node:assert/strict";
import {
  closeSlips,
  SLIP_MEMO_ENTRIES,
  SLIP_NEIGHBOURS_MAX,
  SLIPS_PER_WORD_KEPT,
  StoreVocabulary,
  typoNeighbours,
  type VocabularySource,
} from "./store_vocabulary.ts";
import { SLIP_MIN_LETTERS, typoApart } from "./meaning/typo_pairs.ts";
import { seededRandom, slipOf } from "./testing/random_slips.ts";

const LETTERS = "abcdeilmnorst";

/** An index's terms as {@linkcode StoreVocabulary} reads them: each held by one memory. */
function sourceOf(terms: string[]): VocabularySource & { postings: { size: number }[] } {
  return {
    postings: terms.map(() => ({ size: 1 })),
    termOf: (id) => terms[id],
  };
}

Deno.test("StoreVocabulary finds exactly the words typoApart allows, one or two slips away, and those written since", () => {
  const next = seededRandom(7);
  // Few first letters and letters: many words near each other, as in a store of made-up names.
  const vocabulary = [
    ...new Set(Array.from({ length: 3_000 }, () => {
      const length = 4 + Math.floor(next() * 21);
      return Array.from({ length }, (_, i) => LETTERS[Math.floor(next() * (i ? 13 : 3))]).join("");
    })),
  ];
  const terms = vocabulary.slice(0, 1_000);
  const source = sourceOf(terms);
  const store = new StoreVocabulary(source);
  const one = () => 1;
  // A lookup of every first letter before the rest are written: those are taken in after.
  for (const first of "abc") store.slipsOf(first.repeat(6), one);
  const born: number[] = [];
  for (const word of vocabulary.slice(1_000)) {
    born.push(terms.length);
    terms.push(word);
    source.postings.push({ size: 1 });
  }
  store.sync(born, source);
  assert.equal(store.size, vocabulary.length);
  const written = new Set(vocabulary.slice(1_000));
  let compared = 0;
  let writtenFound = 0;
  for (let round = 0; round < 400; round++) {
    const target = vocabulary[Math.floor(next() * vocabulary.length)]!;
    let asked = slipOf(target, next, LETTERS);
    if (next() < 0.5) asked = slipOf(asked, next, LETTERS);
    const found = store.slipsOf(asked, one).map((slip) => slip.term);
    const expected = vocabulary.filter((word) => typoApart(asked, word, SLIP_MIN_LETTERS)).sort()
      .slice(0, SLIPS_PER_WORD_KEPT);
    assert.deepEqual(found, expected, `slips of ${asked}`);
    compared += expected.length;
    writtenFound += found.filter((term) => written.has(term)).length;
  }
  // Enough slips to mean something, many of them words written after the first lookups.
  assert.ok(compared > 300, `${compared} slips found`);
  assert.ok(writtenFound > 100, `${writtenFound} slips written since`);
});

Deno.test("StoreVocabulary: a lookup over a vocabulary of long made-up words keeps memory linear in it (fix143)", () => {
  let state = 17;
  const letter = () =>
    String.fromCharCode(97 + (state = (state * 1103515245 + 12345) % 2147483648) % 26);
  // 24 letters, the longest a slip may have: recall48's deletion keys were 277 a word.
  const made = () => "q" + Array.from({ length: 23 }, letter).join("");
  const terms = [...new Set(Array.from({ length: 20_000 }, made))];
  const source = sourceOf(terms);
  const gc = (globalThis as { gc?: () => void }).gc!;
  gc();
  // Typed arrays keep their bytes outside the heap: both counted.
  const used = () => Deno.memoryUsage().heapUsed + Deno.memoryUsage().external;
  const before = used();
  const store = new StoreVocabulary(source);
  for (let i = 0; i < 8; i++) store.slipsOf(made(), () => 1);
  // A slip of a held word is still found.
  const asked = terms[0]!.slice(0, 10) + terms[0]!.slice(11);
  assert.deepEqual(store.slipsOf(asked, () => 1).map((slip) => slip.term), [terms[0]]);
  gc();
  const grown = (used() - before) / 2 ** 20;
  // recall48's deletion keys kept 66 MB here (~2.9 million keys for ~10,600 distinct words);
  // the letters held are 4-8 bytes a term.
  assert.ok(grown < 6, `${grown.toFixed(1)} MB kept`);
  assert.equal(store.size, terms.length);
});

Deno.test("StoreVocabulary remembers a word's slips until a term of its first letter is taken in", () => {
  const terms = ["daughter", "zebra"];
  const source = sourceOf(terms);
  const store = new StoreVocabulary(source);
  const held = new Map([["daughter", 3], ["daugther", 1], ["zebar", 1]]);
  const documents = (term: string) => held.get(term) ?? 0;
  const slips = () =>
    store.slipsOf("dauther", documents).map((slip) => `${slip.term}:${slip.documents}`);
  assert.deepEqual(slips(), ["daughter:3"]);
  assert.equal(store.scans, 1);
  // Asked again: the memo answers, with how many memories hold each read afresh.
  held.set("daughter", 5);
  assert.deepEqual(slips(), ["daughter:5"]);
  assert.equal(store.scans, 1);
  held.set("daughter", 0);
  assert.deepEqual(slips(), []);
  held.set("daughter", 3);
  // A term of another first letter leaves the memo as it is.
  terms.push("zebar");
  source.postings.push({ size: 1 });
  store.sync([terms.length - 1], source);
  assert.deepEqual(slips(), ["daughter:3"]);
  assert.equal(store.scans, 1);
  // One of its first letter is found: the word's terms are looked for again.
  terms.push("daugther");
  source.postings.push({ size: 1 });
  store.sync([terms.length - 1], source);
  assert.deepEqual(slips(), ["daughter:3", "daugther:1"]);
  assert.equal(store.scans, 2);
  assert.deepEqual(store.slipsOf("zebra", documents).map((slip) => slip.term), ["zebar"]);
});

Deno.test("StoreVocabulary's memo holds SLIP_MEMO_ENTRIES entries, a word and each term found one each", () => {
  assert.equal(SLIP_MEMO_ENTRIES, 65_536);
  const store = new StoreVocabulary(sourceOf(["daughter"]));
  const one = () => 1;
  // Made-up "x" words, none of them a slip of anything held: one entry each.
  const made = (i: number) =>
    "x" +
    i.toString(26).padStart(5, "0").replace(/./g, (digit) =>
      String.fromCharCode(97 + Number.parseInt(digit, 26)));
  assert.equal(store.slipsOf("dauther", one).length, 1);
  for (let i = 0; i < SLIP_MEMO_ENTRIES - 2; i++) store.slipsOf(made(i), one);
  const scans = store.scans;
  assert.equal(scans, SLIP_MEMO_ENTRIES - 1);
  // Full to the last entry: all of them still remembered.
  store.slipsOf("dauther", one);
  store.slipsOf(made(0), one);
  assert.equal(store.scans, scans);
  // One more empties it.
  store.slipsOf(made(SLIP_MEMO_ENTRIES), one);
  store.slipsOf("dauther", one);
  assert.equal(store.scans, scans + 2);
});

/** `word` with every letter after its first changed, one at a time, to each of `letters`. */
function oneLetterChanges(word: string, letters: string): string[] {
  const found: string[] = [];
  for (let i = 1; i < word.length; i++) {
    for (const letter of letters) {
      if (letter !== word[i]) found.push(word.slice(0, i) + letter + word.slice(i + 1));
    }
  }
  return found;
}

Deno.test("a word with more than SLIP_NEIGHBOURS_MAX store words a slip away has no slips, on either path (attack35 A4)", () => {
  // 15 places × 25 letters: 375 one-letter changes of a 16-letter word, all typoApart from it.
  const word = "qwertyuiopasdfgh";
  const changes = oneLetterChanges(word, "abcdefghijklmnopqrstuvwxyz");
  assert.ok(changes.every((term) => typoApart(word, term, SLIP_MIN_LETTERS)));
  const one = () => 1;
  const at = (count: number) => new StoreVocabulary(sourceOf(changes.slice(0, count)));
  assert.equal(at(SLIP_NEIGHBOURS_MAX).slipsOf(word, one).length, SLIPS_PER_WORD_KEPT);
  assert.deepEqual(at(SLIP_NEIGHBOURS_MAX + 1).slipsOf(word, one), []);
  // PostgreSQL's path (`postgres_slips.ts`) answers as the memo's.
  assert.equal(
    closeSlips(word, changes.slice(0, SLIP_NEIGHBOURS_MAX), one).length,
    SLIPS_PER_WORD_KEPT,
  );
  assert.deepEqual(closeSlips(word, changes.slice(0, SLIP_NEIGHBOURS_MAX + 1), one), []);
  assert.deepEqual(typoNeighbours(word, changes.slice(0, SLIP_NEIGHBOURS_MAX)).length, 256);
  // A crowded word is remembered as one entry: another word's lookups leave it remembered.
  const store = at(changes.length);
  store.slipsOf(word, one);
  const scans = store.scans;
  store.slipsOf("qazwsxedcrfvtgby", one);
  store.slipsOf(word, one);
  assert.equal(store.scans, scans + 1, "the crowded word answered by the memo");
});
