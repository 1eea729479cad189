/**
 * Two words read as one, one of them (or both) misspelt, pair by pair (session 32, recall46): a
 * user who types fast slips on either side of a search, and differently each time ("dauther" asked,
 * "daugther" stored; "roff" asked, "roof" stored; "whitfeild" asked, "whitfield" stored). A word
 * the vectors know is spelt right ("form" is no slip of "from", "cloth" none of "close"), so at
 * least one of the two must be unknown to them; the first letter is kept (seldom the one
 * mistyped, `typo_forms.ts`); and the pair must be plain letters (not "100mg" / "1000mg") within
 * {@linkcode typoEditsFor} edits of each other (optimal string alignment: a letter left out,
 * added, replaced, or two neighbours swapped), more for longer words: a short word is one edit
 * from many others. Between two memories only a known word's slip counts (`PreparedWord.direct`).
 * A slip of a function word ("thier", "becuase") is that word, no slip of another (fix140).
 *
 * @module
 */
import { STOPWORDS } from "../text.ts";

/** The fewest letters a word may have to be read as a slip of one the vectors know. */
export const SLIP_MIN_LETTERS = 4;
/** The fewest letters two words both unknown to the vectors need ("Mara" / "Maria" are names). */
export const UNKNOWN_PAIR_MIN_LETTERS = 5;
/** The longest word that may be only one edit from the word it misses; past it, two. */
export const ONE_EDIT_MAX_LETTERS = 6;
/** The longest word compared (`TYPO_MAX_LETTERS`, `typo_forms.ts`: no typo of any word past it). */
const MAX_LETTERS = 24;

/** How many edits a slip of a word of `letters` letters may make (the shorter word's). */
export function typoEditsFor(letters: number): number {
  return letters <= ONE_EDIT_MAX_LETTERS ? 1 : 2;
}

/**
 * Whether folded words `a` and `b` read as one, misspelt: not the same, plain letters, the same
 * first letter, the shorter of `minLetters` letters or more, and at most
 * {@linkcode typoEditsFor} (its length) edits apart. Which of them the vectors know is the
 * caller's to check.
 */
export function typoApart(a: string, b: string, minLetters: number): boolean {
  const shorter = Math.min(a.length, b.length);
  if (shorter < minLetters || a === b || a[0] !== b[0]) return false;
  if (Math.max(a.length, b.length) > MAX_LETTERS) return false;
  const limit = typoEditsFor(shorter);
  if (Math.abs(a.length - b.length) > limit || !plainLetters(a) || !plainLetters(b)) return false;
  return editsWithin(a, b, limit);
}

/** The stop words a slip may stand for, by first letter: three letters or more ("teh", "adn"). */
const stopWordsByFirst = Map.groupBy(
  [...STOPWORDS].filter((word) => word.length >= 3),
  (word) => word[0]!,
);
/** {@linkcode slipOfStopWord}'s answers, kept (a query's few unknown words, over and over). */
const stopSlips = new Map<string, boolean>();
const STOP_SLIPS_KEPT = 4_096;

/**
 * Whether folded `word`, unknown to the vectors, is one edit or swap from a stop word (review46
 * R13: "thier" is "their", no slip of "tier"): read so, it says nothing about a memory, as the
 * stop word would not, so it is no slip of any content word.
 */
export function slipOfStopWord(word: string): boolean {
  let found = stopSlips.get(word);
  if (found === undefined) {
    found = !STOPWORDS.has(word) &&
      (stopWordsByFirst.get(word[0] ?? "") ?? []).some((stop) =>
        Math.abs(stop.length - word.length) <= 1 && editsWithin(stop, word, 1) &&
        !consonantReplaced(stop, word)
      );
    if (stopSlips.size >= STOP_SLIPS_KEPT) stopSlips.clear();
    stopSlips.set(word, found);
  }
  return found;
}

const VOWELS = new Set("aeiouy");

/**
 * Whether `b` differs from `a` (as long) by one letter replaced where either letter is a
 * consonant: a word of its own more often than a slip ("djing" is no "doing"; a name or a foreign
 * word the vectors lack reads so as a word: "kanji" as "kandi", "oskar" as "oscar"), while a slip
 * replaces a vowel by a vowel ("saterday") and mostly leaves out, doubles or swaps letters.
 */
export function consonantReplaced(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let at = -1;
  for (let i = 0; i < a.length; i++) {
    if (a[i] === b[i]) continue;
    if (at >= 0) return false;
    at = i;
  }
  return at >= 0 && !(VOWELS.has(a[at]!) && VOWELS.has(b[at]!));
}

function plainLetters(word: string): boolean {
  for (let i = 0; i < word.length; i++) {
    const code = word.charCodeAt(i);
    if (code < 97 || code > 122) return false;
  }
  return true;
}

let distanceRuns = 0;

/**
 * How many times a distance table was run since the process started: a bound's test counts a
 * search's (review46 R14: a query word was compared with every memory word of its first letter).
 */
export function distanceTableRuns(): number {
  return distanceRuns;
}

/** Rows of the distance table, reused (words are at most {@linkcode MAX_LETTERS} letters). */
const rows = [0, 1, 2].map(() => new Int32Array(MAX_LETTERS + 2));

/**
 * Whether `a` and `b` are at most `limit` edits apart (optimal string alignment distance: a
 * letter left out, added or replaced, two neighbours swapped), stopping once a row passes it.
 */
function editsWithin(a: string, b: string, limit: number): boolean {
  distanceRuns++;
  let [before, previous, current] = rows as [Int32Array, Int32Array, Int32Array];
  for (let j = 0; j <= b.length; j++) previous[j] = j;
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let lowest = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (
        i > 1 && j > 1 && a.charCodeAt(i - 1) === b.charCodeAt(j - 2) &&
        a.charCodeAt(i - 2) === b.charCodeAt(j - 1)
      ) {
        value = Math.min(value, before[j - 2]! + 1);
      }
      current[j] = value;
      if (value < lowest) lowest = value;
    }
    if (lowest > limit) return false;
    [before, previous, current] = [previous, current, before];
  }
  return previous[b.length]! <= limit;
}
