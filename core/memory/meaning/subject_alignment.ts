/**
 * How much two texts are about the same thing (`sameSubject`, `subjectComparer`): the weighted
 * share of words they have in common, and how well each one's words align in meaning with the
 * other's, by the word alignment of `alignment.ts` (each word's best cosine with the other
 * text's words, counted by `matchStrength`). Ranking compares every pair of a search's best
 * candidates so, to tell a fact from its update (`unlinked_updates.ts`).
 *
 * @module
 */
import { type ContentStem, memoryContentStems } from "./content_stems.ts";
import { type BestMatches, bestMatches } from "./best_matches.ts";
import { type WordPairs, wordPairs } from "./word_pairs.ts";
import type { PreparedWord, WordMeanings } from "./prepared_word.ts";
import { highestInTable } from "./table_similarity.ts";
import type { WordCosines } from "./word_table.ts";
import { highestWithoutVector, matchStrength, tableIds, type WeightedWord } from "./alignment.ts";

/** A word of a text, weighed, with its cosines with the other words seen so far. */
type ComparedWord = WeightedWord & { prepared: PreparedWord; seen: WordCosines };

/**
 * {@linkcode alignment}'s score of a text's words (`subject`) over `other.text`, each word's
 * best cosine with that text remembered across searches, computed from word-pair cosines
 * remembered within this one.
 */
function coverScore(
  subject: SubjectWords,
  other: { text: string; vectors: WordMeanings; matches: BestMatches; pairs: WordPairs },
): number {
  if (subject.alignedTotal <= 0) return 0;
  const { text, vectors, matches, pairs } = other;
  let memoryWords: readonly PreparedWord[] | undefined;
  let cut = false;
  const others = () => {
    if (memoryWords === undefined) {
      memoryWords = vectors.contentWords(text);
      cut = memoryWords.length > ALIGNED_WORDS;
      if (cut) memoryWords = memoryWords.slice(0, ALIGNED_WORDS);
    }
    return memoryWords;
  };
  const best = matches.pair(subject.text, text, () => {
    const aligned = alignedWords(subject, pairs);
    // A plain array filled in a plain loop: `Float64Array.from` with a mapping function cost
    // more than the lookups, and a `Float64Array` of a few cosines ~1 µs to make (perf88).
    const found = new Array<number>(aligned.length);
    for (let i = 0; i < found.length; i++) {
      const item = aligned[i]!;
      const highest = () => highestInTable(item.prepared, item.seen, tableIds(vectors, others()));
      // A word without a vector is looked up afresh (a few stems, `stem_lookup.ts`): cheaper
      // than remembering it per text, and a long text of names would fill the memory. A long
      // text's words are cut here only: its best match with the whole text (shared with the
      // query's alignment) is not remembered from the cut.
      if (item.prepared.unit === undefined) {
        found[i] = highestWithoutVector(item.prepared, others());
      } else {
        others();
        found[i] = cut ? highest() : matches.word(item.word, text, highest);
      }
    }
    return found;
  });
  // The aligned words are the first of `words`, weighed alike: a pair remembered from an
  // earlier search needs their weights only, not their preparation.
  const { words } = subject;
  let covered = 0;
  for (let i = 0; i < best.length; i++) {
    covered += words[i]!.weight * matchStrength(best[i]!);
  }
  return covered / subject.alignedTotal;
}

/**
 * The first {@linkcode ALIGNED_WORDS} of `subject`'s words prepared for alignment (their relations
 * and vectors looked up in `pairs`), worked out when a pair of it is first aligned: most pairs
 * of a search are ruled out before their meaning is read, or were aligned by an earlier search
 * (perf73: preparing every compared text's words was ~10 % of a search's ranking).
 */
function alignedWords(subject: SubjectWords, pairs: WordPairs): ComparedWord[] {
  return subject.aligned ??= subject.words.slice(0, ALIGNED_WORDS).map(({ word, weight }) => ({
    word,
    weight,
    ...pairs.word(word),
  }));
}

/** How much two texts are about the same thing (see {@linkcode sameSubject}). */
export interface SubjectOverlap {
  /** The weight of the words both share, as a share of each one's words (the lower), 0..1. */
  words: number;
  /** The alignment of each one's words with the other's (the lower of the two), 0..1. */
  meaning: number;
}

/**
 * How much two texts are about the same thing: the weighted share of words they have in common,
 * and how well each one's words align in meaning with the other's (weighted by `weightOf`),
 * each the lower of the two directions, so a short text inside a long one does not count as
 * the same.
 */
export function sameSubject(
  a: string,
  b: string,
  options: { vectors: WordMeanings; weightOf: (word: string, stem: string) => number },
): SubjectOverlap {
  return subjectComparer(options)(a, b);
}

/**
 * How many of a text's words {@linkcode sameSubject} aligns in meaning with another text's, and
 * with how many of that text's words: the first ones, where a memory states what it is about.
 * Each pair of words is a cosine; two long texts of ordinary words made a search's first pass
 * over its compared pairs take minutes (attack33 A4: ~1,300 words a side, 1.7 million cosines a
 * pair). The shared words (`words`) still count every word.
 */
export const ALIGNED_WORDS = 64;

/** A text's weighted words, as {@linkcode sameSubject} compares them. */
interface SubjectWords {
  text: string;
  /** Every content word, weighed (prepared only for {@linkcode ALIGNED_WORDS}: `aligned`). */
  words: (WeightedWord & { stem: string })[];
  stems: ReadonlySet<string>;
  total: number;
  /**
   * The first {@linkcode ALIGNED_WORDS} of `words`, prepared for alignment when first aligned
   * ({@linkcode alignedWords}), and their weight.
   */
  aligned: ComparedWord[] | undefined;
  alignedTotal: number;
}

/**
 * The stems of a text's remembered content words (`memoryContentStems`, one array per text while
 * remembered) as a set, made once per array rather than once per text and search (perf77); it
 * goes with the array.
 */
const stemSets = new WeakMap<readonly ContentStem[], ReadonlySet<string>>();

/** The stems of `content` as a set, one per array (see `stemSets`). */
export function stemSetOf(content: readonly ContentStem[]): ReadonlySet<string> {
  let stems = stemSets.get(content);
  if (stems === undefined) {
    stems = new Set(content.map((item) => item.stem));
    stemSets.set(content, stems);
  }
  return stems;
}

/**
 * {@linkcode sameSubject} for many pairs of texts under one `weightOf` (ranking compares every
 * pair of a search's best candidates): each text's words are weighed once and each pair of
 * words compared once, whichever texts they come from. Lives as long as the caller keeps it
 * (one search), so nothing in it goes stale.
 */
export function subjectComparer(
  options: { vectors: WordMeanings; weightOf: (word: string, stem: string) => number },
): (a: string, b: string) => SubjectOverlap {
  const { vectors, weightOf } = options;
  // Two memories' words are compared as they are, without a query's second hop: their own view
  // of the words, with word pairs and best matches of its own.
  const direct = vectors.direct ?? vectors;
  const texts = new Map<string, SubjectWords>();
  const matches = bestMatches(direct);
  // A word's cosines with other words depend on the two words alone: shared by every text and
  // every search (`word_pairs.ts`).
  const pairs = wordPairs(direct);
  const subjectWords = (text: string): SubjectWords => {
    let known = texts.get(text);
    if (known === undefined) {
      // A memory's words, remembered by text: the same memories come back search after search.
      const content = memoryContentStems(text);
      const words = content.map(({ word, stem }) => ({ word, stem, weight: weightOf(word, stem) }));
      const total = words.reduce((sum, item) => sum + item.weight, 0);
      // Only the aligned words are prepared (their relations and vectors looked up), and only
      // when a pair is aligned (`alignedWords`): preparing every word of a long text was most
      // of a first search after the cut (attack33 A4).
      let alignedTotal = total;
      if (words.length > ALIGNED_WORDS) {
        alignedTotal = 0;
        for (let i = 0; i < ALIGNED_WORDS; i++) alignedTotal += words[i]!.weight;
      }
      known = {
        text,
        words,
        stems: stemSetOf(content),
        total,
        aligned: undefined,
        alignedTotal,
      };
      texts.set(text, known);
    }
    return known;
  };
  return (a, b) => {
    const first = subjectWords(a);
    const second = subjectWords(b);
    let shared = 0;
    for (const item of second.words) if (first.stems.has(item.stem)) shared += item.weight;
    const least = Math.max(first.total, second.total);
    let meaning: number | undefined;
    return {
      words: least > 0 ? shared / least : 0,
      // Aligned when first read: a caller that rules a pair out on its shared words never pays.
      get meaning() {
        return meaning ??= Math.min(
          coverScore(first, { text: b, vectors, matches, pairs }),
          coverScore(second, { text: a, vectors, matches, pairs }),
        );
      },
    };
  };
}
