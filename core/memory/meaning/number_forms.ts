/**
 * Numbers written in digits and in words are forms of one word ("41" and "forty-one", "10" and
 * "ten", "twenty" and "20"): WordNet relates neither way, so a question asking "married for 41
 * years" did not match "We'd been married forty-one years" on its number. Each is the other's
 * form here (`FORM_SIMILARITY`), for query expansion and word alignment alike (read by
 * `WordVectors.related` and `prepare`); the index keeps its terms (nothing stored changes).
 *
 * @module
 */
import { stem } from "../text.ts";
import { FORM_SIMILARITY } from "./word_relations.ts";

/** The words of 0 to 19, in order. */
export const UNITS: readonly string[] = (
  "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen " +
  "fifteen sixteen seventeen eighteen nineteen"
).split(" ");

/** The words of the tens, 20 to 90 (index: the tens' digit; 0 and 1 empty). */
export const TENS: readonly string[] = [
  "",
  "",
  ...("twenty thirty forty fifty sixty seventy eighty ninety".split(" ")),
];

/**
 * Single number words whose digits are seldom what a text means by them: "one" ("one day", "the
 * one"), and "zero" beside "0" of scores and codes.
 */
const NOT_A_COUNT: ReadonlySet<string> = new Set(["one", "zero"]);

/** The stem of each number word that is one whole number, to its digits ("ten" → "10"). */
const DIGITS_OF_WORD: ReadonlyMap<string, string> = new Map([
  ...UNITS.flatMap((word, n): [string, string][] =>
    NOT_A_COUNT.has(word) ? [] : [[stem(word), String(n)]]
  ),
  ...TENS.flatMap((word, t): [string, string][] => word ? [[stem(word), String(t * 10)]] : []),
]);

/**
 * The stem of the number word that spells a number of 0-99 in digits: the whole number's word,
 * or for 21-99 not round the tens' word ("41" → "forti"; "forty-one" is two terms, and its unit
 * word, "one", says too little to stand for it).
 */
function wordOfDigits(term: string): string | undefined {
  if (!/^(?:0|[1-9]\d?)$/.test(term)) return undefined;
  const n = Number(term);
  if (n < 20) return stem(UNITS[n]!);
  return stem(TENS[Math.floor(n / 10)]!);
}

/** The number form of a stem ({@linkcode wordOfDigits}, {@linkcode DIGITS_OF_WORD}), if any. */
export function numberForm(wordStem: string): string | undefined {
  return wordOfDigits(wordStem) ?? DIGITS_OF_WORD.get(wordStem);
}

/** {@linkcode withNumberForm}'s maps by stem and source map (a closed class of stems). */
const widened = new WeakMap<
  ReadonlyMap<string, number>,
  Map<string, ReadonlyMap<string, number>>
>();
const widenedAlone = new Map<string, ReadonlyMap<string, number>>();

/**
 * `related` (a stem's relations, forms first) with the stem's number form first at
 * `FORM_SIMILARITY` when it has one ({@linkcode numberForm}); `related` itself otherwise. Made
 * once per stem and map.
 */
export function withNumberForm(
  wordStem: string,
  related: ReadonlyMap<string, number> | undefined,
): ReadonlyMap<string, number> | undefined {
  const form = numberForm(wordStem);
  if (form === undefined || related?.get(form) === FORM_SIMILARITY) return related;
  const cache = related === undefined
    ? widenedAlone
    : widened.get(related) ?? widened.set(related, new Map()).get(related)!;
  let map = cache.get(wordStem);
  if (map === undefined) {
    map = new Map([[form, FORM_SIMILARITY], ...[...related ?? []].filter(([o]) => o !== form)]);
    cache.set(wordStem, map);
  }
  return map;
}
