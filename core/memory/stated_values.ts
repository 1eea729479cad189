/**
 * The values a memory's text states, each with what it is a value of, for
 * `restated_values.ts`: read by the grammar of English's closed classes, a date (a day number or
 * ordinal word with a month: "2 april", "12 of march", "the second of December", "the nineteenth
 * of next month"), a day of the week ("Tuesday nights", "on Wednesdays"; "the first Friday", "the
 * last Friday" of a month), an ordinal of a noun ("third year"; "the second weekend of March" with
 * its month) and a rate per period ("twice a day", "three times a week"). A value's anchor is
 * the nouns near it in its clause (within {@linkcode ANCHOR_WINDOW} words; the clause before when
 * its own says nothing else: "a degree in criminology, second year"), with the nouns each is
 * compounded with, the persons its clause names, and whether its clause adds
 * ({@linkcode ADDITIVE}).
 *
 * @module
 */
import { isContentWord, stem } from "./text.ts";
import { isNounHead } from "./noun_modifiers.ts";
import { rememberedByText } from "./text_memo.ts";
import { ADDITIVE, clauseReadings, sentences, type Token } from "./stated_clauses.ts";
import { ANCHOR_WINDOW, anchorNouns } from "./value_anchors.ts";
import { CALENDAR, COUNTS, MONTHS, ORDINALS, PER, PERIODS, WEEKDAYS } from "./value_words.ts";

export { ADDITIVE, ANCHOR_WINDOW };

/** One value a sentence states. */
export interface StatedValue {
  /** "day" (of the week), "date", "ordinal <noun stem>" or "rate <period>". */
  readonly type: string;
  /** The value, normalised ("tuesday", "2 april", "3", "2"). */
  readonly value: string;
  /** The stems of the nouns within {@linkcode ANCHOR_WINDOW} words of it: what it is a value of. */
  readonly anchor: ReadonlySet<string>;
  /** Each anchor noun's compounded nouns, before and after it ("piano" of "lesson"). */
  readonly modifiers: ReadonlyMap<string, readonly string[]>;
  /** The noun each anchor noun modifies, if any ("cadets" of "sea"). */
  readonly heads: ReadonlyMap<string, string>;
  /**
   * Its clause's persons: kin and companion words, possessors (folded), each once, in order; one
   * list shared by every value of the clause.
   */
  readonly persons: readonly string[];
  /** Whether its clause adds ({@linkcode ADDITIVE}). */
  readonly additive: boolean;
}

/**
 * Every value {@linkcode valuesOf} reads holds a word of these or a digit: a date's day, an
 * ordinal, a count or a day of the week (a month alone is no value). Built from the same sets.
 */
const VALUE_WORDS = [...WEEKDAYS, ...ORDINALS.keys(), ...COUNTS.keys()];
/**
 * One of {@linkcode VALUE_WORDS} (or a weekday's plural) as a whole word of a folded text, as
 * {@linkcode TOKEN} cuts them: a word that opens with a letter always follows a character that
 * is no letter or number, and its run of letters and numbers ends where it does.
 */
const VALUE_WORD = new RegExp(
  `(?<![\\p{L}\\p{N}])(?:${VALUE_WORDS.join("|")})s?(?![\\p{L}\\p{N}])`,
  "u",
);

/**
 * Whether folded text `lower` may state a value: none does without an ASCII digit or one of
 * {@linkcode VALUE_WORDS}. Most memories hold neither, and a search reads every candidate's values
 * the first time it sees its text (`update_kinds.ts`): one scan of the text, no tokens made.
 */
export function mayStateValue(lower: string): boolean {
  return /[0-9]/.test(lower) || VALUE_WORD.test(lower);
}

/** The words that make a weekday after an ordinal recur: "every second Friday". */
const EVERY = new Set(["every", "each"]);
/**
 * Whether a month follows at `at` of the words `word` reads: "of" or "in" then "the/each/every
 * month" or a month's name ("of the month", "in March").
 */
function monthFollows(word: (i: number) => string | undefined, at: number): boolean {
  if (word(at) !== "of" && word(at) !== "in") return false;
  const next = word(at + 1) ?? "";
  return MONTHS.has(next) || (["the", "each", "every"].includes(next) && word(at + 2) === "month");
}

/** Spans of a calendar no shorter than a month: none lies in a month ("third year in May"). */
const MONTH_OR_LONGER = new Set(["month", "months", "year", "years", ...CALENDAR]);

/** No values: what most texts state, shared (no array kept per text by the memo). */
const NO_VALUES: readonly StatedValue[] = Object.freeze([]);

/**
 * Whether a folded word opens with an ASCII digit: the digit patterns below are tried only then
 * (they run on each word of every text that may state a value, most of them no number).
 */
function opensWithDigit(word: string): boolean {
  const code = word.charCodeAt(0);
  return code >= 48 && code <= 57;
}

/** A day of a month: 1-31 in digits (with or without "st", "nd" ...) or as an ordinal word. */
function dayOfMonth(word: string | undefined): number | undefined {
  if (word === undefined) return undefined;
  const digits = opensWithDigit(word) ? /^(\d{1,2})(?:st|nd|rd|th)?$/.exec(word) : null;
  const day = digits ? Number(digits[1]) : ORDINALS.get(word);
  return day !== undefined && day >= 1 && day <= 31 ? day : undefined;
}

/** An ordinal in words or digits ("third", "3rd"). */
function ordinal(word: string): number | undefined {
  const digits = opensWithDigit(word) ? /^(\d{1,2})(?:st|nd|rd|th)$/.exec(word) : null;
  return digits ? Number(digits[1]) : ORDINALS.get(word);
}

/** A count in words or digits, or "once", "twice". */
function count(word: string | undefined): number | undefined {
  if (word === undefined) return undefined;
  return opensWithDigit(word) && /^\d{1,3}$/.test(word) ? Number(word) : COUNTS.get(word);
}

/** The values of one sentence, with the token spans they take. */
function valuesOf(
  tokens: readonly Token[],
): { type: string; value: string; at: number; end: number }[] {
  const found: { type: string; value: string; at: number; end: number }[] = [];
  const word = (i: number) => tokens[i]?.word;
  for (let i = 0; i < tokens.length; i++) {
    const w = word(i)!;
    const day = dayOfMonth(w);
    if (day !== undefined) {
      // "2 april", "12 of march", "the nineteenth of next month".
      const of = word(i + 1) === "of" ? 1 : 0;
      const month = word(i + 1 + of);
      if (month !== undefined && MONTHS.has(month)) {
        found.push({ type: "date", value: `${day} ${month}`, at: i, end: i + 2 + of });
        i += 1 + of;
        continue;
      }
      if (of === 1 && ["next", "this", "the"].includes(month ?? "") && word(i + 3) === "month") {
        found.push({ type: "date", value: `${day} ${month} month`, at: i, end: i + 4 });
        i += 3;
        continue;
      }
    }
    if (MONTHS.has(w) && w !== "may") {
      const after = dayOfMonth(word(i + 1));
      if (after !== undefined) {
        found.push({ type: "date", value: `${after} ${w}`, at: i, end: i + 2 });
        i += 1;
        continue;
      }
    }
    // "every second Friday", "every other Friday": one Friday in two, a rate, not the second
    // Friday of a month (which "the second Friday" is, below). A month after it names the
    // month the ordinal counts in: "every second Tuesday of the month" is one a month, the
    // second (review45b M3).
    const nth = w === "other" ? 2 : ordinal(w);
    if (
      nth !== undefined && EVERY.has(word(i - 1) ?? "") && WEEKDAYS.has(word(i + 1) ?? "") &&
      (w === "other" || !monthFollows(word, i + 2))
    ) {
      found.push({ type: "day", value: `every ${nth} ${word(++i)}`, at: i - 1, end: i + 1 });
      continue;
    }
    // "the first Friday (of the month)", "the last Friday": which of a month's weekdays, a day
    // as a calendar tells it, not an ordinal of a thing.
    const place = w === "last" && word(i - 1) === "the" ? "last" : ordinal(w);
    if (place !== undefined && WEEKDAYS.has(word(i + 1) ?? "")) {
      found.push({ type: "day", value: `${place} ${word(++i)}`, at: i - 1, end: i + 1 });
      continue;
    }
    const weekday = w.endsWith("s") && WEEKDAYS.has(w.slice(0, -1)) ? w.slice(0, -1) : w;
    if (WEEKDAYS.has(weekday)) {
      found.push({ type: "day", value: weekday, at: i, end: i + 1 });
      continue;
    }
    const n = ordinal(w);
    const noun = word(i + 1);
    if (n !== undefined && noun !== undefined && isContentWord(noun) && isNounHead(noun)) {
      // "the second weekend of March" (or "in March"): the month is part of the value, another
      // month another one. A span no shorter than a month lies in none: "my third year in
      // September" is when the year starts.
      const within = word(i + 2) === "of" || (word(i + 2) === "in" && !MONTH_OR_LONGER.has(noun));
      const month = within && MONTHS.has(word(i + 3) ?? "") ? word(i + 3) : "";
      const value = month === "" ? String(n) : `${n} ${month}`;
      found.push({ type: `ordinal ${stem(noun)}`, value, at: i, end: i + (month ? 4 : 2) });
      i += month ? 3 : 1;
      continue;
    }
    const times = count(w);
    if (times !== undefined) {
      const skip = word(i + 1) === "times" ? 1 : 0;
      const per = word(i + 1 + skip);
      const period = word(i + 2 + skip);
      if (per !== undefined && PER.has(per) && period !== undefined && PERIODS.has(period)) {
        found.push({ type: `rate ${period}`, value: String(times), at: i, end: i + 3 + skip });
        i += 2 + skip;
      }
    }
  }
  return found;
}

/** The values `text` states, each with what it is a value of (see the module's documentation). */
export function statedValues(text: string): readonly StatedValue[] {
  const lower = text.toLowerCase();
  if (!mayStateValue(lower)) return NO_VALUES;
  const stated: StatedValue[] = [];
  for (const tokens of sentences(text, lower)) {
    const values = valuesOf(tokens);
    if (values.length === 0) continue;
    const taken = new Set<number>();
    for (const value of values) for (let i = value.at; i < value.end; i++) taken.add(i);
    const readings = clauseReadings(tokens, taken);
    for (const value of values) {
      const clause = tokens[value.at]!.clause;
      const { persons, additive, bare } = readings.get(clause)!;
      // What it is a value of is named in its own clause ("... rehearsal's Wednesday nights"),
      // or, when that names nothing, in the clause before ("a degree in criminology, second year").
      let words = anchorNouns(tokens, { value, taken, clause });
      if (clause > 0 && bare) {
        words = anchorNouns(tokens, { value, taken, clause: clause - 1 });
      }
      const { anchor, modifiers, heads } = words;
      stated.push({
        type: value.type,
        value: value.value,
        anchor,
        modifiers,
        heads,
        persons,
        additive,
      });
    }
  }
  return stated;
}

/** {@linkcode statedValues} of a text, remembered. */
export const valuesOfText: (text: string) => readonly StatedValue[] = rememberedByText(
  statedValues,
  { everyCandidate: true },
);

/** Whether `text` states a value {@linkcode statedValues} reads. */
export function statesValue(text: string): boolean {
  return valuesOfText(text).length > 0;
}

/** The folded words of a text and their stems (the words a pair's guards ask the other side says). */
export function saidWords(text: string): Set<string> {
  const said = new Set<string>();
  for (const tokens of sentences(text)) {
    for (const token of tokens) {
      said.add(token.word);
      said.add(stem(token.word));
    }
  }
  return said;
}
