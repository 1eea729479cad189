import assert from "node:assert/strict";
import { alignment, type WeightedWord } from "./alignment.ts";
import { deletionKeys, highestByStems, highestOneByOne, SLIP_QUERY_WORDS } from "./stem_lookup.ts";
import { distanceTableRuns, typoApart } from "./typo_pairs.ts";
import { TYPO_SIMILARITY } from "./typo_forms.ts";
import { WordVectors } from "./word_vectors.ts";

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
  // Each word of the first SLIP_QUERY_WORDS is checked only against the words sharing one of its
  // deletion keys: a few a text. Comparing every word of the first letter and a length within
  // two ran ~8,000 tables here.
  assert.ok(runs <= SLIP_QUERY_WORDS * texts.length, `${runs} distance tables`);
});

Deno.test("slips: the deletion keys find every slip one by one finds (random words, random slips)", async () => {
  const vectors = await WordVectors.shared();
  const made = madeUp(11);
  const letters = "abcdefghijklmnopqrstuvwxyz";
  let state = 3;
  const pick = (n: number) => (state = (state * 1103515245 + 12345) % 2147483648) % n;
  const edit = (word: string) => {
    const at = 1 + pick(word.length - 1);
    const letter = letters[pick(26)]!;
    switch (pick(4)) {
      case 0:
        return word.slice(0, at) + word.slice(at + 1);
      case 1:
        return word.slice(0, at) + letter + word.slice(at);
      case 2:
        return word.slice(0, at) + letter + word.slice(at + 1);
      default:
        return at + 1 < word.length
          ? word.slice(0, at) + word[at + 1] + word[at] + word.slice(at + 2)
          : word;
    }
  };
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

Deno.test("deletionKeys: the word, one letter out, and two past six letters", () => {
  assert.deepEqual([...deletionKeys("roof")].sort(), ["oof", "rof", "roo", "roof"]);
  assert.equal(deletionKeys("whitfield").has("whtfild"), true);
  assert.equal(deletionKeys("roofer").has("rof"), false);
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
