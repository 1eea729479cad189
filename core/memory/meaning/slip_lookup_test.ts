import assert from "node:assert/strict";
import { alignment, type WeightedWord } from "./alignment.ts";
import { highestByStems, highestOneByOne, INDEXED_FROM, SLIP_QUERY_WORDS } from "./stem_lookup.ts";
import { lettersWithin } from "./slip_letters.ts";
import { distanceTableRuns, typoApart } from "./typo_pairs.ts";
import { TYPO_SIMILARITY } from "./typo_forms.ts";
import { WordVectors } from "./word_vectors.ts";
import { slipOf } from "../testing/random_slips.ts";

/** Made-up words of 5-8 letters, all starting with "q" (none known to the vectors). */
function madeUp(seed: number) {
  let state = seed;
  const next = () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
  const letters = "abcdefghijklmnoprstuvwxyz";
  return () =>
    "q" + Array.from({ length: 4 + Math.floor(next() * 4) }, () => letters[Math.floor(next() * 25)])
      .join("");
}

Deno.test("slips: a search of made-up words over long texts of them runs few distance tables (review46 R14)", async () => {
  const vectors = await WordVectors.shared();
  const made = madeUp(7);
  const texts = Array.from({ length: 6 }, () => Array.from({ length: 400 }, made).join(" "));
  const query = (): WeightedWord[] =>
    Array.from({ length: 32 }, () => ({ word: made(), weight: 1 }));
  for (const content of texts) alignment(query(), { content, vectors });
  const asked = query();
  const before = distanceTableRuns();
  for (const content of texts) alignment(asked, { content, vectors });
  const runs = distanceTableRuns() - before;
  // Each word of the first SLIP_QUERY_WORDS is checked only against the words whose letters,
  // counted, nearly match its own: a few a text. Comparing every word of the first letter and a length within
  // two ran ~8,000 tables here.
  assert.ok(runs <= SLIP_QUERY_WORDS * texts.length, `${runs} distance tables`);
});

Deno.test("slips: the letter counts find every slip one by one finds (random words, random slips)", async () => {
  const vectors = await WordVectors.shared();
  const made = madeUp(11);
  let state = 3;
  const pick = (n: number) => (state = (state * 1103515245 + 12345) % 2147483648) % n;
  const next = () => pick(2147483648) / 2147483648;
  const edit = (word: string) => slipOf(word, next);
  const stored = Array.from({ length: 300 }, () => made() + made().slice(1, 1 + pick(4)));
  const words = vectors.contentWords(stored.join(" "));
  let slips = 0;
  for (let i = 0; i < 300; i++) {
    const base = stored[pick(stored.length)]!;
    const asked = pick(2) === 0 ? edit(base) : edit(edit(base));
    const prepared = vectors.prepare(asked);
    if (prepared.unit !== undefined) continue;
    if (words.some((word) => typoApart(asked, word.word, 5))) slips++;
    assert.equal(highestByStems(prepared, words), highestOneByOne(prepared, words), asked);
  }
  assert.ok(slips > 100, `${slips} slips checked`);
});

Deno.test("lettersWithin: letters one word has more than the other, at most twice the edits", () => {
  const counts = (word: string) => {
    const each = new Int16Array(26);
    for (const letter of word) each[letter.charCodeAt(0) - 97]!++;
    return each;
  };
  // A swap changes no count, a letter left out one, a letter replaced two.
  assert.equal(lettersWithin(counts("whitfield"), "whitfeild", 0), true);
  assert.equal(lettersWithin(counts("whitfield"), "whitfeld", 1), true);
  assert.equal(lettersWithin(counts("whitfield"), "whitfeld", 0), false);
  assert.equal(lettersWithin(counts("whitfield"), "whatfield", 2), true);
  assert.equal(lettersWithin(counts("whitfield"), "whatfield", 1), false);
  // Two letters replaced: four, the most two edits may make.
  assert.equal(lettersWithin(counts("whitfield"), "whatfiold", 4), true);
  assert.equal(lettersWithin(counts("whitfield"), "whatfiold", 3), false);
  // Not plain letters: no slip.
  assert.equal(lettersWithin(counts("whitfield"), "whitfi3ld", 4), false);
});

Deno.test("slips: each kind of slip at the most edits is found in a long text (attack34 A1)", async () => {
  const vectors = await WordVectors.shared();
  const made = madeUp(23);
  const filler = Array.from({ length: 120 }, () => "x" + made().slice(1)).join(" ");
  const words = vectors.contentWords(`qabcdefg qhjkl ${filler}`);
  assert.ok(words.length >= INDEXED_FROM, `${words.length} words`);
  // Letters replaced change the counts most: two by each letter.
  for (const asked of ["qabxdefy", "qhjkx", "qabxcdefg", "qbacdegf", "qhjkll", "qabcdeg"]) {
    const prepared = vectors.prepare(asked);
    assert.equal(highestByStems(prepared, words), TYPO_SIMILARITY, asked);
    assert.equal(highestOneByOne(prepared, words), TYPO_SIMILARITY, asked);
  }
});

Deno.test("slips: long texts of long made-up words keep nothing per text (attack34 A1)", async () => {
  const vectors = await WordVectors.shared();
  let state = 17;
  const letter = () =>
    String.fromCharCode(97 + (state = (state * 1103515245 + 12345) % 2147483648) % 26);
  // 24 letters, the longest a slip may have: each was ~300 deletion keys, two letters left out.
  const made = () => "q" + Array.from({ length: 23 }, letter).join("");
  const texts = Array.from({ length: 4 }, () => Array.from({ length: 400 }, made).join(" "));
  for (const content of texts) vectors.contentWords(content);
  const asked: WeightedWord[] = Array.from({ length: SLIP_QUERY_WORDS }, () => ({
    word: made(),
    weight: 1,
  }));
  const gc = (globalThis as { gc?: () => void }).gc!;
  gc();
  const before = Deno.memoryUsage().heapUsed;
  for (const content of texts) alignment(asked, { content, vectors });
  gc();
  const grown = (Deno.memoryUsage().heapUsed - before) / 2 ** 20;
  // The deletion-key index held ~120,000 keys a text here: ~70 MB for four.
  assert.ok(grown < 8, `${grown.toFixed(1)} MB kept`);
});

Deno.test("slips: only a query's first SLIP_QUERY_WORDS unknown words look for their slips", async () => {
  const vectors = await WordVectors.shared();
  const made = madeUp(5);
  const filler = Array.from({ length: 80 }, made).join(" ");
  const content = `mrs whitfield taught me english ${filler}`;
  const others = Array.from({ length: SLIP_QUERY_WORDS }, () => "x" + made().slice(1));
  const asked = (words: string[]) => words.map((word): WeightedWord => ({ word, weight: 1 }));
  const first = alignment(asked(["whitfeild", ...others]), { content, vectors });
  assert.equal(first.strongest, TYPO_SIMILARITY);
  const past = alignment(asked([...others, "whitfeild"]), { content, vectors });
  assert.ok(past.strongest < TYPO_SIMILARITY, `${past.strongest}`);
});
