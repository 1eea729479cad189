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
import { SLIP_MIN_LETTERS, typoApart } from "./typo_pairs.ts";
import { lettersHeld, SlipProbe } from "./slip_letters.ts";
import { TYPO_MAX_LETTERS, TYPO_SIMILARITY } from "./typo_forms.ts";
import { isShortForm, SHORT_FORM_MAX_LETTERS, SHORT_FORM_SIMILARITY } from "./short_forms.ts";

/** A text's words as {@linkcode highestByStems} reads them. */
interface StemIndex {
  /** One word of the text for each stem. */
  byStem: Map<string, PreparedWord>;
  /** The words carrying synonyms (a memory's phrases), under each synonym's stem. */
  bySynonym: Map<string, PreparedWord[]>;
  /** The text's words, for {@linkcode slipsOf}. */
  words: readonly PreparedWord[];
  /**
   * Which letters a-z each of {@linkcode words} holds (bit 0: "a"; 0 for a word of other
   * characters), made on the first lookup of a slip: 4 bytes a word.
   */
  letters?: Uint32Array;
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
  if (!prepared.direct && highest < SHORT_FORM_SIMILARITY) {
    highest = fullFormsOf(prepared, { index, highest });
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
 * of `found.index` that may be a slip of it or it of them: those of its first letter and a length
 * within the edits allowed whose letters, counted, differ from its own by at most twice those
 * edits (`slip_letters.ts`), then checked by {@linkcode typoApart} as one by one.
 *
 * Only which letters each word holds is kept per text, 4 bytes a word (attack34 A1): fix140's
 * deletion-key index held each word under its keys, ~300 for a word of 24 letters (each of two
 * letters left out), so a hundred long texts of long made-up words built ~12 million keys (1-2.5
 * GB) on every search, past the bound that evicted them (75-136 s a search). Comparing letters is
 * linear in the text; the edit-distance table runs only for the few words whose letters nearly
 * match.
 */
function slipsOf(prepared: PreparedWord, found: { index: StemIndex; highest: number }): number {
  let highest = found.highest;
  const { word } = prepared;
  if (!slipCandidate(word)) return highest;
  const probe = new SlipProbe(word);
  const { words } = found.index;
  const letters = found.index.letters ??= Uint32Array.from(words, (each) => lettersHeld(each.word));
  for (let i = 0; i < words.length; i++) {
    const other = words[i]!;
    const text = other.word;
    if (!probe.mayBeSlip(text, letters[i]!)) continue;
    // Only a slip can score here (the stems were looked up): the spelling first, cheaper.
    if (!typoApart(word, text, SLIP_MIN_LETTERS)) continue;
    highest = Math.max(highest, preparedSimilarity(prepared, other));
  }
  return highest;
}

/**
 * The higher of `found.highest` and {@linkcode preparedSimilarity} of `prepared` with the words
 * of `found.index` it may be a short form of (`short_forms.ts`: "physio" asked, "physiotherapy"
 * stored): a prefix is no stem to look up, so the text's words are read once, each checked by its
 * first letter and length before its letters.
 */
function fullFormsOf(prepared: PreparedWord, found: { index: StemIndex; highest: number }): number {
  let highest = found.highest;
  const { word } = prepared;
  if (word.length > SHORT_FORM_MAX_LETTERS) return highest;
  for (const other of found.index.words) {
    if (other.unit === undefined || !isShortForm(word, other.word)) continue;
    highest = Math.max(highest, preparedSimilarity(prepared, other));
  }
  return highest;
}

/**
 * How many of a query's words without a vector look for their slips ({@linkcode withoutSlips}
 * past them): a chat message of made-up words otherwise looked up each word's slips in each
 * candidate (review46 R14). A question seldom misspells more than one or two of its words.
 */
export const SLIP_QUERY_WORDS = 8;

/** Prepared words as {@linkcode withoutSlips} gives them, kept as long as the word. */
const slipless = new WeakMap<PreparedWord, PreparedWord>();

/**
 * `prepared` looking for no slip of itself (as a memory's word compared with another's,
 * `PreparedWord.direct`): a query's word past its first {@linkcode SLIP_QUERY_WORDS} unknown ones.
 */
export function withoutSlips(prepared: PreparedWord): PreparedWord {
  if (prepared.direct) return prepared;
  let direct = slipless.get(prepared);
  if (direct === undefined) slipless.set(prepared, direct = { ...prepared, direct: true });
  return direct;
}

/** Whether `word` may be a slip at all: {@linkcode typoApart}'s length and letter checks. */
function slipCandidate(word: string): boolean {
  if (word.length < SLIP_MIN_LETTERS || word.length > TYPO_MAX_LETTERS) return false;
  for (let i = 0; i < word.length; i++) {
    const code = word.charCodeAt(i);
    if (code < 97 || code > 122) return false;
  }
  return true;
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
