/**
 * The best match of a word without a vector (a made-up name, a rare word) in a text's words,
 * found by looking up stems instead of comparing it with every word. Such a word scores against
 * a memory word through the memory word's stem alone (a shared stem, a WordNet link, a kinship
 * word, an answer type's member), or through a memory phrase's synonyms: so only the text's
 * stems it could name and its phrases need reading. A long text full of names otherwise costs
 * every such word of one text times every word of the other, for each pair of texts compared.
 *
 * @module
 */
import type { PreparedWord } from "./prepared_word.ts";
import { preparedSimilarity } from "./word_similarity.ts";

/** A text's words as {@linkcode highestByStems} reads them. */
interface StemIndex {
  /** One word of the text for each stem. */
  byStem: Map<string, PreparedWord>;
  /** The words carrying synonyms (a memory's phrases): each is compared whole. */
  phrases: PreparedWord[];
}

/**
 * Each word list's index, kept as long as the list (word lists are remembered by text,
 * `WordVectors.contentWords`): built once per text, not once per pair.
 */
const indexes = new WeakMap<readonly PreparedWord[], StemIndex>();

function indexOf(words: readonly PreparedWord[]): StemIndex {
  let index = indexes.get(words);
  if (index === undefined) {
    const byStem = new Map<string, PreparedWord>();
    const phrases: PreparedWord[] = [];
    for (const word of words) {
      if (!byStem.has(word.stem)) byStem.set(word.stem, word);
      if (word.synonyms !== undefined) phrases.push(word);
    }
    index = { byStem, phrases };
    indexes.set(words, index);
  }
  return index;
}

/**
 * The highest {@linkcode preparedSimilarity} of word `prepared` (without a vector) with any of
 * `words` (0 when none is positive): the same value as comparing it with each of them. Without
 * a vector, the similarity depends on the memory word's stem and synonyms alone, and is 0 unless
 * the stem is the word's own, one it is related to, a kinship word of another meaning or a
 * member of its answer type: so those stems are looked up, and only the phrases (the words with
 * synonyms) are compared one by one. Each value read is one real word's; none is left out.
 */
export function highestByStems(
  prepared: PreparedWord,
  words: readonly PreparedWord[],
): number {
  const candidates = 1 + (prepared.related?.size ?? 0) + (prepared.kinOthers?.size ?? 0) +
    (prepared.typeMembers?.size ?? 0);
  // A word with many relations against a short text: comparing each word is the cheaper way.
  if (candidates >= words.length) return highestOneByOne(prepared, words);
  const { byStem, phrases } = indexOf(words);
  let highest = 0;
  const consider = (stem: string): boolean => {
    const word = byStem.get(stem);
    if (word === undefined) return false;
    const similarity = preparedSimilarity(prepared, word);
    if (similarity > highest) highest = similarity;
    return highest >= 1;
  };
  if (consider(prepared.stem)) return highest;
  for (const stem of prepared.related?.keys() ?? []) if (consider(stem)) return highest;
  for (const stem of prepared.kinOthers ?? []) if (consider(stem)) return highest;
  for (const stem of prepared.typeMembers ?? []) if (consider(stem)) return highest;
  for (const word of phrases) {
    const similarity = preparedSimilarity(prepared, word);
    if (similarity >= 1) return similarity;
    if (similarity > highest) highest = similarity;
  }
  return highest;
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
