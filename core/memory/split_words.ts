/**
 * A word split in two by a slip of the space bar ("when is my birth day", "who are my grand
 * children"; session 32, recall46): the memory says "birthday", and the query's "birth" and "day"
 * each mean less than it. Two content words side by side that the word table knows joined, as
 * one word rarer than either ("birthday", "grandchildren"), make a phrase of the query whose one
 * synonym is the joined word (`phrases.ts`): BM25 looks the joined word up, and alignment takes
 * the pair for one more query word that matches it fully. The reverse, a compound asked that a
 * memory writes apart, is `compounds.ts`'s.
 *
 * @module
 */
import type { QueryPhrase } from "./phrases.ts";
import { analysedWords, isContentWord, stem } from "./text.ts";

/** The fewest letters of each part of a split word ("day"; not "a lot", "in to"). */
export const SPLIT_PART_LETTERS = 3;
/** The most letters of a joined word (the longest compound part, `compounds.ts`, twice). */
const JOINED_MAX_LETTERS = 36;

/** What {@linkcode splitWordPhrases} reads of the word table. */
export interface JoinedWords {
  /** The frequency rank of a folded word as written, if the word table holds it. */
  rankOf(word: string): number | undefined;
}

/**
 * The pairs of `text`'s words, side by side, that the word table knows as one word written
 * together, rarer than either ("birth day": "birthday"), as query phrases of that one synonym.
 */
export function splitWordPhrases(text: string, known: JoinedWords): QueryPhrase[] {
  const sequence = analysedWords(text);
  const found: QueryPhrase[] = [];
  for (let i = 0; i + 1 < sequence.length; i++) {
    const [first, second] = [sequence[i]!, sequence[i + 1]!];
    if (!partOfSplit(first) || !partOfSplit(second)) continue;
    const joined = first + second;
    if (joined.length > JOINED_MAX_LETTERS) continue;
    const rank = known.rankOf(joined);
    const firstRank = known.rankOf(first);
    const secondRank = known.rankOf(second);
    if (rank === undefined || firstRank === undefined || secondRank === undefined) continue;
    if (rank < Math.max(firstRank, secondRank)) continue;
    found.push({ terms: [stem(first), stem(second)], words: [joined] });
    i++;
  }
  return found;
}

/** Whether folded `word` may be half of a split word: a content word of plain letters. */
function partOfSplit(word: string): boolean {
  return word.length >= SPLIT_PART_LETTERS && /^[a-z]+$/.test(word) && isContentWord(word);
}
