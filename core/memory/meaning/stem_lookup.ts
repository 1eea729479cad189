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
import { ONE_EDIT_MAX_LETTERS, SLIP_MIN_LETTERS, typoApart } from "./typo_pairs.ts";
import { TYPO_MAX_LETTERS, TYPO_SIMILARITY } from "./typo_forms.ts";

/** A text's words as {@linkcode highestByStems} reads them. */
interface StemIndex {
  /** One word of the text for each stem. */
  byStem: Map<string, PreparedWord>;
  /** The words carrying synonyms (a memory's phrases), under each synonym's stem. */
  bySynonym: Map<string, PreparedWord[]>;
  /**
   * The words that may be a slip of another (`typo_pairs.ts`), under each deletion key
   * ({@linkcode deletionKeys}: "symmetric delete"): two words within the edits a slip may make
   * share a key, so a word looks up only the few words that may be its slips, not every word of
   * its first letter and length (review46 R14: 100 texts of made-up words made a search of
   * made-up words ~40x slower). Built on the first lookup of a slip (a query's word; two memories
   * compared look none up).
   */
  byDeletion?: Map<string, Map<string, PreparedWord[]>>;
  /** The text's words, for {@linkcode byDeletion}. */
  words: readonly PreparedWord[];
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
 * of `found.index` that may be a slip of it or it of them: those sharing one of its deletion
 * keys ({@linkcode deletionKeys}), then checked by {@linkcode typoApart} as one by one.
 */
function slipsOf(prepared: PreparedWord, found: { index: StemIndex; highest: number }): number {
  let highest = found.highest;
  const { word } = prepared;
  if (!slipCandidate(word)) return highest;
  const first = word[0]!;
  const byDeletion = (found.index.byDeletion ??= new Map()).get(first) ??
    deletionIndex(found.index, first);
  let seen: Set<PreparedWord> | undefined;
  for (const key of queryKeys(prepared)) {
    for (const other of byDeletion.get(key) ?? []) {
      if (seen?.has(other)) continue;
      (seen ??= new Set()).add(other);
      // Only a slip can score here (the stems were looked up): the spelling first, cheaper.
      if (!typoApart(word, other.word, SLIP_MIN_LETTERS)) continue;
      highest = Math.max(highest, preparedSimilarity(prepared, other));
    }
  }
  return highest;
}

/** Each looked-up word's deletion keys, kept as long as the word (a query's: per search). */
const keysOf = new WeakMap<PreparedWord, readonly string[]>();

function queryKeys(prepared: PreparedWord): readonly string[] {
  let keys = keysOf.get(prepared);
  if (keys === undefined) keysOf.set(prepared, keys = [...deletionKeys(prepared.word)]);
  return keys;
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

/**
 * `word`'s deletion keys: itself, each form with one letter left out and, past
 * {@linkcode ONE_EDIT_MAX_LETTERS} letters (two edits allowed), each with two left out. Each edit
 * a slip makes (a letter left out, added, replaced, two neighbours swapped) is undone by leaving
 * out at most one letter on each side, so two words within the edits `typoEditsFor` allows share
 * a key (the shorter word's bound: a word of at most that many letters has its one-letter keys).
 */
export function deletionKeys(word: string): Set<string> {
  const keys = new Set([word]);
  const twice = word.length > ONE_EDIT_MAX_LETTERS;
  for (let i = 0; i < word.length; i++) {
    const once = word.slice(0, i) + word.slice(i + 1);
    keys.add(once);
    if (!twice) continue;
    for (let j = i; j < once.length; j++) keys.add(once.slice(0, j) + once.slice(j + 1));
  }
  return keys;
}

/**
 * How many deletion keys the texts' indexes hold at most (~12 bytes each and their words'
 * share): past it, the oldest built lose theirs, rebuilt if looked up again. A word list lives
 * as long as its text is remembered (`WordVectors.contentWords`, thousands of texts), and a long
 * text of long words has ~30 keys a word: 100 texts of 10,000 characters hold ~3.7 million.
 */
export const DELETION_KEYS_KEPT = 4_000_000;

/** The deletion keys built, oldest first: where they are, and how much they weigh. */
const withDeletions = new Map<
  Map<string, PreparedWord[]>,
  { index: StemIndex; first: string; weight: number }
>();
let keysKept = 0;

/**
 * The words of `index` of first letter `first` under each of their deletion keys
 * ({@linkcode StemIndex.byDeletion}), kept there: a slip keeps its first letter, so a query's
 * words build only their own letters' keys.
 */
function deletionIndex(index: StemIndex, first: string): Map<string, PreparedWord[]> {
  const byDeletion = new Map<string, PreparedWord[]>();
  for (const word of index.words) {
    if (word.word[0] !== first || !slipCandidate(word.word)) continue;
    for (const key of deletionKeys(word.word)) {
      const same = byDeletion.get(key);
      if (same === undefined) byDeletion.set(key, [word]);
      else same.push(word);
    }
  }
  // Its words count too: keys kept here keep their text's words, keys or none.
  const weight = byDeletion.size + index.words.length;
  for (const [oldest, kept] of withDeletions) {
    if (keysKept + weight <= DELETION_KEYS_KEPT) break;
    kept.index.byDeletion?.delete(kept.first);
    withDeletions.delete(oldest);
    keysKept -= kept.weight;
  }
  index.byDeletion!.set(first, byDeletion);
  withDeletions.set(byDeletion, { index, first, weight });
  keysKept += weight;
  return byDeletion;
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
