import assert from "node:assert/strict";
import { isTieWord, MAX_KIN_PREFIXES, TIE_WORDS } from "./tie_words.ts";
import { tiesName } from "./relation_ties.ts";

/** Runs `read` while counting the look-ups of {@linkcode TIE_WORDS}. */
function countTieLookups(read: () => unknown): number {
  const words = TIE_WORDS as Set<string>;
  const has = words.has;
  let lookups = 0;
  words.has = function (word: string) {
    lookups++;
    return has.call(this, word);
  };
  try {
    read();
  } finally {
    words.has = has;
  }
  return lookups;
}

/** A token as `tokensOf` reads a word written as one. */
const word = (raw: string) => ({ raw, folded: raw });

Deno.test("MAX_KIN_PREFIXES: a kin word is read through at most six prefixes", () => {
  assert.equal(MAX_KIN_PREFIXES, 6);
  assert.ok(isTieWord(word("greatgreatgreatgrandma")));
  assert.ok(isTieWord(word("great".repeat(MAX_KIN_PREFIXES) + "grandma")));
  assert.ok(!isTieWord(word("great".repeat(MAX_KIN_PREFIXES + 1) + "grandma")));
  assert.ok(isTieWord(word("step".repeat(MAX_KIN_PREFIXES) + "dad")));
  assert.ok(!isTieWord(word("step".repeat(MAX_KIN_PREFIXES + 1) + "dad")));
});

Deno.test("isTieWord: a word of thousands of kinship prefixes costs a bounded number of look-ups", () => {
  // attack44: before the bound, 20,000 "great"s took 20,000 look-ups, each hashing the word's rest.
  for (const raw of ["great".repeat(20_000), "step".repeat(25_000) + "dad"]) {
    assert.ok(countTieLookups(() => isTieWord(word(raw))) <= MAX_KIN_PREFIXES + 1, raw.slice(0, 9));
  }
  // A hyphenated compound of thousands of parts is headed by its last part alone.
  const hyphens = "step-".repeat(20_000) + "dad";
  assert.ok(
    countTieLookups(() => isTieWord({ raw: hyphens, folded: hyphens })) <= 2 * MAX_KIN_PREFIXES + 3,
  );
  // The same through a line: "Kav is my step-step-...": the name's tie is read in bounded work.
  const line = "Kav is my " + "step-".repeat(20_000) + "x";
  assert.ok(countTieLookups(() => tiesName(line, "kav")) < 100);
});
