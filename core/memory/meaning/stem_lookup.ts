/**
 * The best match of a word without a vector (a made-up name, a rare word) in a text's words,
 * found by looking up stems instead of comparing it with every word. Such a word scores against
 * a memory word through the memory word's stem alone (a shared stem, a WordNet link, a kinship
 * word, an answer type's member), or through a memory phrase's synonyms: so only the stems it
 * could name are looked up. A long text full of names otherwise cost every such word of one
 * text times every word of the other, for each pair of texts a search compares (attack31 G2).
 *
 * @module
 */
import type { PreparedWord } from "./prepared_word.ts";
import { preparedSimilarity } from "./word_similarity.ts";
import { SLIP_MIN_LETTERS, typoApart, typoEditsFor } from "./typo_pairs.ts";
import { TYPO_SIMILARITY } from "./typo_forms.ts";

/** A text's words as {@linkcode highestByStems} reads them. */
interface StemIndex {
  /** One word of the text for each stem. */
  byStem: Map<string, PreparedWord>;
  /** The words carrying synonyms (a memory's phrases), under each synonym's stem. */
  bySynonym: Map<string, PreparedWord[]>;
  /**
   * The words that may be a slip of another (`typo_pairs.ts`), under their first letter and
   * length ({@linkcode slipKey}): a slip keeps the first letter and changes the length by at
   * most two. Built on the first lookup of a slip (a query's word; two memories compared look
   * none up).
   */
  bySlip?: Map<string, PreparedWord[]>;
  /** The text's words, for {@linkcode bySlip}. */
  words: readonly PreparedWord[];
}

/** The key of {@linkcode StemIndex.bySlip}'s words of first letter `first` and `letters` letters. */
function slipKey(first: string, letters: number): string {
  return first + letters;
}

/**
 * The fewest words a text has for {@linkcode highestByStems} to index them: below, comparing a
 * word with each costs about what the index's lookups do. Same answer either way.
 */
export const INDEXED_FROM = 64;

/**
 * Each word list's index, kept as long as the list (word lists are remembered by text,
 * `WordVectors.contentWords`): built once per text, not once per pair.
 */
const indexes = new WeakMap<readonly PreparedWord[], StemIndex>();

function indexOf(words: readonly PreparedWord[]): StemIndex {
  let index = indexes.get(words);
  if (index === undefined) {
    const byStem = new Map<string, PreparedWord>();
    const bySynonym = new Map<string, PreparedWord[]>();
    for (const word of words) {
      if (!byStem.has(word.stem)) byStem.set(word.stem, word);
      for (const synonym of word.synonyms ?? []) {
        const phrases = bySynonym.get(synonym);
        if (phrases === undefined) bySynonym.set(synonym, [word]);
        else if (phrases.at(-1) !== word) phrases.push(word);
      }
    }
    index = { byStem, bySynonym, words };
    indexes.set(words, index);
  }
  return index;
}

/**
 * The highest {@linkcode preparedSimilarity} of word `prepared` (without a vector) with any of
 * `words` (0 when none is positive): the same value as comparing it with each of them, in work
 * bounded by the word's own links, not by the text's length. Without a vector, the similarity
 * depends on the memory word's stem and synonyms alone, and is 0 unless the stem, or for a
 * phrase one of its synonyms, is the word's own, one it is related to, a kinship word of another
 * meaning or a member of its answer type. So those stems are looked up, among the text's stems
 * (a word of that stem stands for all of them: without synonyms they all score the same, and a
 * phrase scores at least as much) and its phrases' synonyms (each such phrase is compared).
 * Every value read is one real word's, and no word that could score is left out. So are the
 * words it may be a slip of (`typo_pairs.ts`), but for a word of a memory compared with another
 * (`direct`: no slip of an unknown word counts there).
 */
export function highestByStems(
  prepared: PreparedWord,
  words: readonly PreparedWord[],
): number {
  const candidates = 1 + (prepared.related?.size ?? 0) + (prepared.kinOthers?.size ?? 0) +
    (prepared.typeMembers?.size ?? 0);
  // A short text (most memories), or a word with more links than the text has words: comparing
  // each word is as cheap as an index, which would be built for each of a search's memories.
  if (words.length < INDEXED_FROM || candidates >= words.length) {
    return highestOneByOne(prepared, words);
  }
  const index = indexOf(words);
  // A made-up name has no links: its own stem, and the words it may be a slip of, are all there
  // is to look up.
  let highest = lookUp(prepared, prepared.stem, { index, highest: 0 });
  if (highest >= 1) return highest;
  if (!prepared.direct && highest < TYPO_SIMILARITY) {
    highest = slipsOf(prepared, { index, highest });
  }
  if (candidates === 1) return highest;
  for (const links of [prepared.related?.keys(), prepared.kinOthers, prepared.typeMembers]) {
    for (const stem of links ?? []) {
      highest = lookUp(prepared, stem, { index, highest });
      // Never above 1: a full match ends the search.
      if (highest >= 1) return highest;
    }
  }
  return highest;
}

/**
 * The higher of `found.highest` and {@linkcode preparedSimilarity} of `prepared` with the words
 * of `found.index` of stem `stem` (one stands for all) and its phrases of that synonym.
 */
function lookUp(
  prepared: PreparedWord,
  stem: string,
  found: { index: StemIndex; highest: number },
): number {
  let highest = found.highest;
  const word = found.index.byStem.get(stem);
  if (word !== undefined) highest = Math.max(highest, preparedSimilarity(prepared, word));
  const phrases = found.index.bySynonym.get(stem);
  if (phrases !== undefined) {
    for (const phrase of phrases) highest = Math.max(highest, preparedSimilarity(prepared, phrase));
  }
  return highest;
}

/**
 * The higher of `found.highest` and {@linkcode preparedSimilarity} of `prepared` with the words
 * of `found.index` that may be a slip of it or it of them (the same first letter, a length
 * within {@linkcode typoEditsFor} of its own).
 */
function slipsOf(prepared: PreparedWord, found: { index: StemIndex; highest: number }): number {
  let highest = found.highest;
  const { word } = prepared;
  if (word.length < SLIP_MIN_LETTERS) return highest;
  // The shorter word's length bounds the edits: at most two either way.
  const reach = typoEditsFor(word.length + 2);
  const bySlip = found.index.bySlip ??= slipIndex(found.index.words);
  for (let letters = word.length - reach; letters <= word.length + reach; letters++) {
    for (const other of bySlip.get(slipKey(word[0]!, letters)) ?? []) {
      // Only a slip can score here (the stems were looked up): the spelling first, cheaper.
      if (!typoApart(word, other.word, SLIP_MIN_LETTERS)) continue;
      highest = Math.max(highest, preparedSimilarity(prepared, other));
    }
  }
  return highest;
}

/** `words` under their first letter and length ({@linkcode StemIndex.bySlip}). */
function slipIndex(words: readonly PreparedWord[]): Map<string, PreparedWord[]> {
  const bySlip = new Map<string, PreparedWord[]>();
  for (const word of words) {
    if (word.word.length < SLIP_MIN_LETTERS) continue;
    const key = slipKey(word.word[0]!, word.word.length);
    const same = bySlip.get(key);
    if (same === undefined) bySlip.set(key, [word]);
    else same.push(word);
  }
  return bySlip;
}

/** {@linkcode highestByStems} by comparing `prepared` with each of `words`. */
export function highestOneByOne(
  prepared: PreparedWord,
  words: readonly PreparedWord[],
): number {
  let highest = 0;
  for (const other of words) {
    const similarity = preparedSimilarity(prepared, other);
    if (similarity >= 1) return similarity;
    if (similarity > highest) highest = similarity;
  }
  return highest;
}
