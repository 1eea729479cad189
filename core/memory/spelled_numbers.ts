/**
 * Numbers written in words, as a numeral phrase of English: "two thousand one hundred", "six
 * hundred and forty", "seventy-two", "a grand", "half a million", "fourteen and a half thousand",
 * "four point two". The grammar is the closed class of English numerals: the words of 0-19 and
 * the tens (`number_forms.ts`), the scale words (hundred, thousand, million, billion and "grand",
 * a thousand of money), "and" inside a compound, "and a half", "point" then digits and a scale word
 * ("four point two million"). A scale word right after another multiplies the group before it ("two
 * thousand million" is 2,000,000,000, "a thousand million" a billion). A phrase ends at
 * any other word or mark, and two words of one rank in a row ("five oh two", "twenty twenty four":
 * a code or a year read digit by digit) end it too: those are names, not amounts.
 *
 * A compound (two numeral words or more, a scale word, a decimal) is a number whatever follows it;
 * a single word ("two", "sixty") is one only where its neighbours make it an amount, which
 * `new_numbers.ts` decides: one word alone is as often a count of unrelated things as a value.
 *
 * @module
 */
import { TENS, UNITS } from "./meaning/number_forms.ts";
import { scaled } from "./number_joins.ts";

/** The words of 0-99 that are one word, to their number ("seven" → 7, "forty" → 40). */
const SMALL: ReadonlyMap<string, number> = new Map([
  ...UNITS.map((word, n): [string, number] => [word, n]),
  ...TENS.flatMap((word, t): [string, number][] => word ? [[word, t * 10]] : []),
]);

/** Scale words: a thousand of money is "a grand" ("two grand"). */
const SCALES: ReadonlyMap<string, number> = new Map([
  ["hundred", 100],
  ["thousand", 1_000],
  ["grand", 1_000],
  ["million", 1_000_000],
  ["billion", 1_000_000_000],
]);

/** Digits said one by one after "point" ("six point nine"; "oh" is a zero said aloud). */
const DECIMAL_DIGITS: ReadonlyMap<string, number> = new Map([
  ...UNITS.slice(0, 10).map((word, n): [string, number] => [word, n]),
  ["oh", 0],
]);

/**
 * Whether `word` (folded) is a word of the numerals' closed class this module reads: 0-19, the
 * tens, the scale words. None is a verb form ("hundred" only looks like a participle).
 */
export function isNumeralWord(word: string): boolean {
  return SMALL.has(word) || SCALES.has(word);
}

/** How many words a numeral phrase may take: a bound on each read of a user's text. */
export const NUMERAL_WORDS = 12;

/**
 * Where a numeral phrase may open: a numeral word, or "a", "an", "half a" before a scale word,
 * as a whole word. The numerals are ASCII, so ASCII word bounds do; the text is read word by word
 * only from these places, not throughout.
 */
const PHRASE_START = new RegExp(
  `\\b(?:(?:an?|half[ \\t]+a)[ \\t]+(?:${[...SCALES.keys()].join("|")})|${
    [...SMALL.keys()].join("|")
  })\\b`,
  "gi",
);
/** How many characters from a phrase's start its words are read in (its words and more). */
const PHRASE_CHARS = 200;

/** A word of a text and where it stands. */
const WORD = /\p{L}+/gu;
/** What may stand between two words of one numeral: spaces or a hyphen ("forty-one"). */
const JOINER = /^[ \t]*-?[ \t]*$/u;

/** A number a text spells out: where it starts and ends, its value, and whether it is a compound. */
export interface SpelledNumber {
  index: number;
  end: number;
  value: string;
  /** Two numeral words or more, a scale word or a decimal part: a number wherever it stands. */
  compound: boolean;
}

interface Word {
  word: string;
  index: number;
  end: number;
}

/**
 * The numbers `text` spells out in words, in order, each phrase read to its end (at most
 * {@linkcode NUMERAL_WORDS} words). "one" alone and "zero" alone are none: "one day", "the one".
 */
export function spelledNumbers(text: string): SpelledNumber[] {
  const found: SpelledNumber[] = [];
  // Where the last phrase read ended: a start inside it is part of it ("forty" of "two forty").
  let readTo = 0;
  for (const start of text.matchAll(PHRASE_START)) {
    if (start.index < readTo) continue;
    const window = text.slice(start.index, start.index + PHRASE_CHARS);
    const words: Word[] = [...window.matchAll(WORD)].map((match) => ({
      word: match[0].toLowerCase(),
      index: start.index + match.index,
      end: start.index + match.index + match[0].length,
    }));
    const read = numeralAt(words, 0, text);
    if (read === undefined) continue;
    if (read.number !== undefined) found.push(read.number);
    readTo = words[Math.max(0, read.next - 1)]!.end;
  }
  return found;
}

/** Whether words `a` and `b` of `text` are joined as one numeral's (spaces or a hyphen only). */
function joined(text: string, a: Word, b: Word | undefined): b is Word {
  return b !== undefined && JOINER.test(text.slice(a.end, b.index));
}

/** The numeral phrase that opens at word `start`, and the word after it; none if none opens. */
function numeralAt(
  words: readonly Word[],
  start: number,
  text: string,
): { number?: SpelledNumber; next: number } | undefined {
  const first = words[start]!;
  let i = start;
  let total = 0;
  let current = 0;
  // The part of `total` the last scale word closed ("two thousand"), which a scale word right
  // after it multiplies ("two thousand million").
  let group = 0;
  let count = 0;
  let compound = false;
  // "a grand", "a hundred", "half a million": the article counts one, "half" a half.
  if (
    (first.word === "a" || first.word === "an" || first.word === "half") &&
    joined(text, first, words[i + 1])
  ) {
    const article = first.word === "half" ? words[i + 1]! : first;
    const scale = SCALES.get(words[article === first ? i + 1 : i + 2]?.word ?? "");
    if (article.word !== "a" && article.word !== "an" || scale === undefined) return undefined;
    if (article !== first && !joined(text, article, words[i + 2])) return undefined;
    current = first.word === "half" ? 0.5 : 1;
    i = article === first ? i + 1 : i + 2;
    compound = true;
  } else if (!SMALL.has(first.word)) return undefined;
  let last: "small" | "tens" | "scale" | "hundred" | undefined = current > 0 ? "small" : undefined;
  let end = first.end;
  while (i < words.length && count < NUMERAL_WORDS) {
    const word = words[i]!;
    if (i > start && !joined(text, words[i - 1]!, word)) break;
    const small = SMALL.get(word.word);
    const scale = SCALES.get(word.word);
    // "five oh two": digits said one by one, a code.
    if (word.word === "oh" && (last === "small" || last === "tens")) {
      return { next: endOfRun(words, { at: i, text }) };
    }
    if (small !== undefined) {
      // "forty one": a unit after a ten; any other two of one rank end the phrase.
      const afterTen = last === "tens" && small > 0 && small < 10;
      if (
        (last === "small" || last === "tens") && !afterTen &&
        !clockHour(words, { at: i, start, text })
      ) {
        return { next: endOfRun(words, { at: i, text }) };
      }
      current += small;
      last = small >= 20 && small % 10 === 0 ? "tens" : "small";
    } else if (word.word === "hundred" && last !== "hundred" && current < 100) {
      // After a number word it multiplies that number, "zero" too: "zero hundred" (hours) is the
      // 24-hour clock's 00:00, none of a hundred, as "zero thousand" is none of a thousand.
      current = (last === "small" ? current : current || 1) * 100;
      last = "hundred";
    } else if (scale !== undefined && scale >= 1_000 && last === "scale") {
      // "two thousand million", "a thousand million": a scale word counts the group before it.
      total -= group;
      group = scaled(group, scale);
      total += group;
    } else if (scale !== undefined && scale >= 1_000 && last !== undefined) {
      // `current` is 0 here only after "zero": "zero thousand" is none of a thousand.
      group = scaled(current, scale);
      total += group;
      current = 0;
      last = "scale";
    } else if (word.word === "and" && last !== undefined) {
      // "six hundred and forty", "fourteen and a half thousand", "two and a half".
      const next = words[i + 1];
      if (!joined(text, word, next)) break;
      if (next.word === "a" && words[i + 2]?.word === "half" && joined(text, next, words[i + 2])) {
        current += 0.5;
        end = words[i + 2]!.end;
        i += 3;
        count += 3;
        compound = true;
        last = "small";
        continue;
      }
      if (last === "small" || last === "tens" || !SMALL.has(next.word)) break;
      last = undefined;
      i++;
      count++;
      continue;
    } else if (
      word.word === "point" && (last === "small" || last === "tens") && Number.isInteger(current)
    ) {
      // Not after "and a half": "two and a half point five" has two decimal parts, no number.
      const decimals = decimalsAt(words, { at: i + 1, text });
      if (decimals === undefined) break;
      current = Number(`${current}.${decimals.digits}`);
      end = decimals.end;
      i = decimals.next;
      count++;
      compound = true;
      // "four point two million": a scale word after the decimals scales them, and ends the phrase.
      const scaleAfter = SCALES.get(words[i]?.word ?? "");
      if (
        scaleAfter !== undefined && scaleAfter >= 1_000 && joined(text, words[i - 1]!, words[i])
      ) {
        current = scaled(current, scaleAfter);
        end = words[i]!.end;
        i++;
        count++;
      }
      break;
    } else break;
    if (count > 0) compound = true;
    end = word.end;
    i++;
    count++;
  }
  const value = total + current;
  if (count === 0 || (!compound && value <= 1)) return undefined;
  return { number: { index: first.index, end, value: String(value), compound }, next: i };
}

/**
 * Whether word `at` of `words` is the hour of a 24-hour clock said with its leading zero, "zero
 * seven hundred" (hours) for 07:00: a unit word 1-9 right after the opening "zero" of the phrase
 * that starts at word `start`, and right before "hundred". It reads as "oh seven hundred" does
 * (700, as "fourteen hundred" is 1400; `clock_times.ts` reads it as a time with "hours"); any
 * other two unit words in a row are a code ("zero seven", "five oh two").
 */
function clockHour(
  words: readonly Word[],
  { at, start, text }: { at: number; start: number; text: string },
): boolean {
  const hour = SMALL.get(words[at]!.word) ?? 0;
  return at === start + 1 && words[start]!.word === "zero" && hour > 0 && hour < 10 &&
    words[at + 1]?.word === "hundred" && joined(text, words[at]!, words[at + 1]);
}

/** The word after a run of numeral words from `at` (a code or year said word by word). */
function endOfRun(words: readonly Word[], from: { at: number; text: string }): number {
  let i = from.at;
  while (
    i < words.length && i - from.at < NUMERAL_WORDS &&
    (SMALL.has(words[i]!.word) || words[i]!.word === "oh") &&
    joined(from.text, words[i - 1]!, words[i])
  ) i++;
  return i;
}

/** The digits said after "point" ("six point nine" → "9"), read to the phrase's bound. */
function decimalsAt(
  words: readonly Word[],
  from: { at: number; text: string },
): { digits: string; end: number; next: number } | undefined {
  let digits = "";
  let i = from.at;
  while (i < words.length && digits.length < NUMERAL_WORDS) {
    const digit = DECIMAL_DIGITS.get(words[i]!.word);
    if (digit === undefined || !joined(from.text, words[i - 1]!, words[i])) break;
    digits += digit;
    i++;
  }
  return digits === "" ? undefined : { digits, end: words[i - 1]!.end, next: i };
}
