/**
 * The one reading of the amounts a memory states, for every reader of numbers (`new_numbers.ts`,
 * `restated_quantities.ts`, `restated_amounts.ts`): each amount with its unit, value and place.
 * Read from the grammar of written English:
 * - digits, with thousands groups and a decimal part ("1,050", "1.5"), a currency before them
 *   (a sign or a code: "£475", "KSh 15,000") or after them ("800 GBP"), and their unit, the word
 *   after them or the letters stuck to them ("52 minutes", "80kg");
 * - a multiplier stuck to an amount of money ("£45k", "$1.2m", "£2bn"): k, m, bn and mn scale a
 *   currency's amount by a thousand, a million, a billion. Without a currency "10k" stays a unit
 *   of its own ("ran a 10k"), as a race or a distance is named;
 * - "%" after the digits is the unit "percent", as the word is;
 * - digits joined by ":" to two digits are one reading of a clock or a stopwatch ("PB 27:52",
 *   "1:45:10"), of the unit the word after it names ("6:30 pm") or "clock" (`number_joins.ts`),
 *   as is a time of day on the 24-hour clock said with "hours" ("at 0700 hours", `clock_times.ts`);
 * - numbers in words (`spelled_numbers.ts`) where they are amounts: a compound ("six hundred
 *   and forty quid", "thirty six hour reset") with a unit after it; a single word ("fifty",
 *   "ninety") before a unit of measure or money ("fifty bucks", "ninety kilos") or a rate ("three
 *   days a week"); any of them that a change reached ("up to sixty", "crawled up to fourteen").
 *   One word alone is as often a count of unrelated things ("two children and three cats") as a
 *   value of one, and a number in words with no unit says nothing of what it measures ("my step
 *   goal is eight thousand"): a bare number in digits is read as before;
 * - a range, two amounts joined by a dash (or "between … and"), rising, of one unit: one amount,
 *   its span ("£40-45k" = "40000-45000" pounds, "3-4 days"); "from 900 to 1,050" is a change
 *   (`number_joins.ts`). A falling pair is no range ("11-3": a time of day; "2026-04": a date).
 *
 * @module
 */
import { isContentWord, stem } from "./text.ts";
import { markClockTimes } from "./clock_times.ts";
import { spelledNumbers } from "./spelled_numbers.ts";
import { PER, PERIODS } from "./value_words.ts";
import {
  asRange,
  joinClockReadings,
  type PlacedNumber,
  type Reading,
  scaled,
} from "./number_joins.ts";

export type { PlacedNumber };

/**
 * Currencies written as a code before the amount ("KSh 15,000", "USD 40"), lower case, by their
 * unit's name. A sign ("£", "$", "€": Unicode's currency symbols) is read by
 * {@linkcode CURRENCY_SIGNS}, or as itself.
 */
export const CURRENCY_CODES: ReadonlyMap<string, string> = new Map([
  ["ksh", "shill"],
  ["kes", "shill"],
  ["usd", "dollar"],
  ["eur", "euro"],
  ["gbp", "pound"],
  ["chf", "franc"],
  ["inr", "rupe"],
  // The rupee's everyday abbreviation, with or without its period ("Rs.500", "Rs 500").
  ["rs", "rupe"],
]);

/** Currency signs by their unit's name, as the stemmed word after an amount names it. */
export const CURRENCY_SIGNS: ReadonlyMap<string, string> = new Map([
  ["£", "pound"],
  ["$", "dollar"],
  ["€", "euro"],
  ["¥", "yen"],
  ["₹", "rupe"],
]);

/**
 * A number in digits: thousands groups ("1,050"), a decimal part ("1.5", "2,5"), then either
 * letters right after it, its unit or an ordinal ending ("10k", "80kg", "3B", "4th"), or a unit
 * word over spaces or a hyphen ("52 minutes", "6-year"). Digits after letters are part of a
 * code or a name, not a number ("B2", "iPhone11", "A4").
 */
const NUMBER = new RegExp(
  // a currency before it, a sign or a code: "£475", "$ 3,400", "KSh 15,000"
  "(?:(\\p{Sc})[ \\t]?|(?<![\\p{L}\\p{N}])(" + [...CURRENCY_CODES.keys()].join("|") +
    ")\\.?[ \\t]?)?" +
    "(?<![\\p{L}\\p{N}])(\\p{N}+(?:[.,]\\p{N}+)*)(?:" +
    // an ordinal, then the word after it: "the 4th floor"
    "(?:st|nd|rd|th)(?![\\p{L}\\p{N}])(?:[ \\t-]+(\\p{L}+))?" +
    // letters right after it: "10k", "80kg", "3B"
    "|(\\p{L}+)(?!\\p{N})" +
    // a word over spaces or a hyphen: "52 minutes", "6-year"
    "|(?![\\p{L}\\p{N}])(?:[ \\t-]+(\\p{L}+))?)",
  "giu",
);
const THOUSANDS = /^\p{N}{1,3}(?:,\p{N}{3})+$/u;

/** Units written more than one way, by stem: each to one name. */
const UNIT_ALIASES: ReadonlyMap<string, string> = new Map([
  ["kg", "kilo"],
  ["kilogram", "kilo"],
  ["km", "kilometr"],
  ["kilomet", "kilometr"],
  ["k", "thousand"],
  ["min", "minut"],
  ["mins", "minut"],
  ["h", "hour"],
  ["hr", "hour"],
  ["hrs", "hour"],
  ["eur", "euro"],
  ["usd", "dollar"],
  ["lb", "pound"],
  ["lbs", "pound"],
  ["mi", "mile"],
  ["yr", "year"],
  ["yrs", "year"],
  // money's everyday words: "fifty quid", "forty bucks"
  ["quid", "pound"],
  ["buck", "dollar"],
]);

/** Multipliers stuck to an amount of money ("£45k", "$1.2m", "£2bn"). */
const MULTIPLIERS: ReadonlyMap<string, number> = new Map([
  ["k", 1_000],
  ["m", 1_000_000],
  ["mn", 1_000_000],
  ["bn", 1_000_000_000],
]);

/**
 * Units of measure and money (stems, as {@linkcode unitOf} names them): a single number word
 * before one is an amount ("fifty bucks", "ninety kilos"). A closed class: the units of the SI,
 * imperial and everyday measure, and the currencies this module reads.
 */
const MEASURES: ReadonlySet<string> = new Set([
  ...CURRENCY_CODES.values(),
  ...CURRENCY_SIGNS.values(),
  ..."euro cent penc penni kilo gram mg stone ounc mile kilometr metr feet foot inch litr pint gallon minut hour degre percent calori mph"
    .split(" "),
]);

/**
 * The unit a word names: none for a stop word ("turned 35 in May", "900 a month"); a currency's
 * code after the amount as before it ("800 GBP" as "GBP 800" and "£800": review46b L1).
 */
function unitOf(written: string | undefined): string {
  if (written === undefined || !isContentWord(written.toLowerCase())) return "";
  const folded = written.toLowerCase();
  const stemmed = stem(folded);
  return UNIT_ALIASES.get(stemmed) ?? CURRENCY_CODES.get(folded) ?? stemmed;
}

/** An ordinal's ending right where the digits end (sticky: no copy of the rest of the text). */
const ORDINAL_AT = /(?:st|nd|rd|th)/iy;

/** A number {@linkcode NUMBER} matched, read ({@linkcode PlacedNumber}). */
function digitsReading(match: RegExpMatchArray, text: string): Reading {
  // The currency before the digits holds no digit: the first run of them is theirs.
  const digitsEnd = match.index! + match[0].indexOf(match[3]!) + match[3]!.length;
  const letters = match[5];
  const currency = currencyOf(match[1], match[2]);
  const stuckMultiplier = letters === undefined ? 1 : MULTIPLIERS.get(letters.toLowerCase()) ?? 1;
  const multiplier = currency !== undefined ? stuckMultiplier : 1;
  ORDINAL_AT.lastIndex = digitsEnd;
  const ordinal = match[5] === undefined && ORDINAL_AT.test(text);
  const percent = text[digitsEnd] === "%";
  // A currency names what the amount counts, whatever word follows ("£475 a month each").
  const unit = currency ??
    (percent ? "percent" : unitOf(match[4] ?? letters ?? match[6]));
  const value = valueOf(match[3]!);
  const amount = scaled(Number(value), multiplier);
  return {
    unit,
    value: multiplier === 1 ? value : String(amount),
    index: match.index!,
    end: letters === undefined ? digitsEnd : digitsEnd + letters.length,
    unitWord: currency === undefined && letters === undefined && !percent,
    ordinal,
    amount,
    currency: currency !== undefined,
    multiplier,
    stuckMultiplier,
  };
}

/** The word after a spelled number, and the two after that (a unit, then a rate's period). */
const WORDS_AFTER = /^[ \t-]+(\p{L}+)(?:[ \t]+(\p{L}+)[ \t]+(\p{L}+))?/u;
/** "to" right before a number: a change reached it ("up to sixty"). */
export const REACHED = /(?:^|[^\p{L}\p{N}])to[ \t]+$/iu;
/** How far back from a number {@linkcode REACHED} looks: "to" and the spaces after it. */
export const REACHED_SPAN = 12;

/**
 * "a"/"an" and one scale word ("a thousand", "a grand"): the article stands for "one", so the
 * phrase is one numeral word and reads by the single word's rule, not a compound's; alone it is
 * English's hyperbole ("a thousand times", "a grand total", "a million things"; review47b L3).
 */
const ARTICLE_SCALE = /^an?[ \t]+\p{L}+$/iu;
/**
 * "percent" (or "per cent") and "of" after it: a share of something ("a hundred percent of the
 * profits"), an amount even in the idiom's words ({@linkcode wholeIdiom}).
 */
const SHARE_OF = /^[ \t-]+per[ \t]*cent[ \t]+of\b/iu;

/**
 * Whether a numeral phrase is the idiom "a hundred percent" ("I'm a hundred percent sure", "I
 * agree a hundred percent"): the article and "hundred" before "percent" say "wholly", an adverb
 * of degree, as "a thousand times" is hyperbole (fix173 L3). A measured share is written in
 * digits or with "one" ("100%", "one hundred percent humidity"), or is a share "of" something,
 * which stays an amount.
 */
function wholeIdiom(phrase: string, options: { unit: string; value: string; after: string }) {
  return options.unit === "percent" && options.value === "100" && ARTICLE_SCALE.test(phrase) &&
    !SHARE_OF.test(options.after);
}

/** A word capitalised as a name is ("One", "Thousand"; not "ONE", shouted). */
const TITLE_CASED = /^\p{Lu}\p{Ll}/u;

/**
 * Whether a numeral phrase is part of a name or a title ("Twenty One Pilots", "A Thousand
 * Splendid Suns"): each of its words after the first capitalised, "and" aside. English
 * capitalises a numeral only to open a sentence, which reaches its first word alone.
 */
function namedNumber(phrase: string): boolean {
  const words = phrase.match(/\p{L}+/gu) ?? [];
  const rest = words.slice(1).filter((word) => word.toLowerCase() !== "and");
  return rest.length > 0 && rest.every((word) => TITLE_CASED.test(word));
}

/** The numbers `normalised` spells in words that are amounts (see the module), read. */
function spelledReadings(normalised: string): Reading[] {
  const read: Reading[] = [];
  for (const spelled of spelledNumbers(normalised)) {
    const phrase = normalised.slice(spelled.index, spelled.end);
    if (namedNumber(phrase)) continue;
    const compound = spelled.compound && !ARTICLE_SCALE.test(phrase);
    const rest = normalised.slice(spelled.end, spelled.end + 40);
    const after = rest.match(WORDS_AFTER);
    const unit = unitOf(after?.[1]);
    if (wholeIdiom(phrase, { unit, value: spelled.value, after: rest })) continue;
    // "three days a week"; not "two times a day", a frequency (`stated_values.ts` reads it).
    const rate = unit !== "time" && PER.has(after?.[2]?.toLowerCase() ?? "") &&
      PERIODS.has(after?.[3]?.toLowerCase() ?? "");
    // A number in words with no unit says nothing of what it measures ("my step goal is eight
    // thousand"): read only when a change reached it ("crawled up to fourteen"), and it ends its
    // phrase there; before a noun of no measure it is that noun's determiner, a count ("spoke to
    // two neighbours", "nine to five job"; review47b L2).
    const amount = (unit !== "" && (compound || MEASURES.has(unit) || rate)) ||
      (unit === "" &&
        REACHED.test(normalised.slice(Math.max(0, spelled.index - REACHED_SPAN), spelled.index)));
    if (!amount) continue;
    read.push({
      unit,
      value: spelled.value,
      index: spelled.index,
      end: spelled.end,
      unitWord: true,
      ordinal: false,
      amount: Number(spelled.value),
      currency: false,
      multiplier: 1,
      stuckMultiplier: 1,
    });
  }
  return read;
}

/**
 * The numbers of `text` in order, each with its unit, value and place in its NFKC form (see the
 * module): digits, multipliers, numbers in words and ranges, one reading for every reader.
 */
export function placedNumbersOf(text: string): { normalised: string; numbers: PlacedNumber[] } {
  const normalised = text.normalize("NFKC");
  const readings = [
    ...[...normalised.matchAll(NUMBER)].map((match) => digitsReading(match, normalised)),
    ...spelledReadings(normalised),
  ].sort((a, b) => a.index - b.index);
  const numbers: PlacedNumber[] = [];
  joinClockReadings(readings, normalised);
  markClockTimes(readings, normalised);
  for (let i = 0; i < readings.length; i++) {
    const range = i + 1 < readings.length
      ? asRange(readings[i]!, readings[i + 1]!, normalised)
      : undefined;
    const { unit, value, index, end, unitWord, ordinal } = range ?? readings[i]!;
    numbers.push({ unit, value, index, end, unitWord, ordinal });
    if (range !== undefined) i++;
  }
  return { normalised, numbers };
}

/** The unit a currency sign or code before an amount names, if any. */
function currencyOf(sign: string | undefined, code: string | undefined): string | undefined {
  if (sign !== undefined) return CURRENCY_SIGNS.get(sign) ?? sign;
  return code === undefined ? undefined : CURRENCY_CODES.get(code.toLowerCase());
}

function valueOf(written: string): string {
  if (THOUSANDS.test(written)) return written.replaceAll(",", "");
  const [whole, ...rest] = written.split(/[.,]/);
  // "1.5", "1,5": a decimal part; "1.2.3" (a version, a date) kept as written.
  return rest.length === 1 ? `${whole}.${rest[0]}` : written;
}
