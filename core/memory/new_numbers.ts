/**
 * Numbers a memory states in digits, each with its unit: the stemmed word right after it ("52
 * minutes", "1,050 euros", "the 4th floor"). A newer memory about the same thing as an older one
 * that gives a unit the older gave a new value ("My best 10k time is 52 minutes", then "I ran a
 * 10k in 47 minutes on Sunday, a new personal record") tells a new value of the same fact, with
 * no word of change (`unlinked_updates.ts`); so does one of no unit on either side, a year for a
 * year or a count for a count ("I am 34 years old", then "I turned 35 in May"). A number of
 * another unit is another fact, not a new value ("I have worked as a nurse ... since 2019", then "I work 3 night shifts a week ...";
 * "My daughter Mila is 4 years old", then "Mila's class has 20 children").
 * The numbers are those `placed_numbers.ts` reads: digits, and numbers in words only where they
 * are amounts ("two thousand one hundred", "fifty bucks", "up to sixty"); a single number word
 * alone ("two children", "three days off") is as often a count of unrelated things as a value of
 * one, and pairs of remarks about the same thing that differ in one are no rarer than updates
 * (see core/memory/README.md, "Supersession").
 *
 * @module
 */
import { tellsAddition } from "./additions.ts";
import {
  CURRENCY_CODES,
  CURRENCY_SIGNS,
  placedNumbersOf,
  REACHED,
  REACHED_SPAN,
} from "./placed_numbers.ts";

export { type PlacedNumber, placedNumbersOf } from "./placed_numbers.ts";

/** Numbers by unit (`numbersOf`, "" for none): their values, normalised. */
export type NumbersByUnit = ReadonlyMap<string, ReadonlySet<string>>;

/**
 * The numbers `text` states in digits, by unit: "1,050" → "1050" (commas between groups of
 * three), "1.5" and "1,5" → "1.5" (a decimal part stays one: not "15"). The unit is the stemmed
 * word right after the number or the letters attached to it (singular and plural alike: "1
 * hour", "4 hours" → "hour"; abbreviations as their word: "80kg", "80 kilos" → "kilo"), "" when
 * punctuation, a stop word or the end follows.
 */
export function numbersOf(text: string): NumbersByUnit {
  return numbersIn(text, false);
}

/**
 * The numbers of `text` ({@linkcode numbersOf}) that a change reached: "to" right before them
 * ("The landlord raised the rent to 1,050 euros", "I'm down to 80 kilograms", "cut back to 2
 * cups"), or "now" earlier in its clause ("so the licence now covers 15 user accounts", "Mesa
 * can now seat 60 covers"; session 29, recall22: set 6 stored without links MRR .799 → .803,
 * multi-set6 .732 → .768, nothing else moved) unless that "now" adds to what was
 * (`tellsAddition`: "I also took a second job and now work 10 hours a week at a café"). A number
 * told so is a new value of something, not a count of another thing ("I walked 12 km", "My nephew
 * is 11 years old").
 */
export function reachedNumbersOf(text: string): NumbersByUnit {
  return numbersIn(text, true);
}

/**
 * "now", a whole word, earlier in the number's clause: the number is the value now ("the licence
 * now covers 15"; "Right now, my sister has 2 kids"). A sentence's end right after it ends the
 * clause ("We're settled in Lisbon now. The neighbours have 3 cats"; review39 R3). The character
 * before "now" is always in the window ({@linkcode nowBefore}), so no `^`: a window that starts
 * inside "know" or "snow" reads no "now".
 */
const NOW_BEFORE = /[^\p{L}\p{N}]now[^\p{L}\p{N}.;:!?\n][^,.;:!?\n]*$/iu;
/** How far back from a number {@linkcode NOW_BEFORE} looks. */
const NOW_SPAN = 40;

function numbersIn(text: string, reached: boolean): NumbersByUnit {
  const found = new Map<string, Set<string>>();
  const { normalised, numbers } = placedNumbersOf(text);
  // Whether the text's "now" adds to what was (`tellsAddition`): read once, when a number first
  // has no "to" before it.
  let added: boolean | undefined;
  for (const { unit, value, index } of numbers) {
    if (
      reached &&
      !REACHED.test(normalised.slice(Math.max(0, index - REACHED_SPAN), index)) &&
      !((added ??= tellsAddition(text)) === false &&
        nowBefore(normalised, index))
    ) {
      continue;
    }
    let values = found.get(unit);
    if (!values) found.set(unit, values = new Set());
    values.add(value);
  }
  return found;
}

/**
 * Whether `newer` gives a number a new value, a number `older` gave too (texts or their
 * {@linkcode numbersOf}): one of the same unit ("72 beats" → "58 beats", "900 euros" → "1,050
 * euros"), or of no unit on one side and of the same kind, a year or not ("I am 34." → "I
 * turned 35 last week"; not "since 2019." → "3 night shifts").
 */
export function statesNewNumber(
  older: string | NumbersByUnit,
  newer: string | NumbersByUnit,
): boolean {
  const ofOlder = typeof older === "string" ? numbersOf(older) : older;
  const ofNewer = typeof newer === "string" ? numbersOf(newer) : newer;
  if (ofOlder.size === 0) return false;
  const told = new Set([...ofOlder.values()].flatMap((values) => [...values]));
  for (const [unit, values] of ofNewer) {
    for (const value of values) {
      if (told.has(value)) continue;
      for (const [oldUnit, oldValues] of ofOlder) {
        if (oldUnit !== unit && oldUnit !== "" && unit !== "") continue;
        if (oldUnit === unit || [...oldValues].some((old) => isYear(old) === isYear(value))) {
          return true;
        }
      }
    }
  }
  return false;
}

/**
 * Whether `newer` reaches a new value of a unit `older` measured too: `older` as text or its
 * {@linkcode numbersOf}, `newer` as text or its {@linkcode reachedNumbersOf}; the same unit on
 * both sides, not a bare number ("I weigh 92 kilos" → "I'm down to 80 kilograms", "Our rent is
 * 900 euros a month" → "The landlord raised the rent to 1,050 euros"). The unit names what was
 * measured, as a shared word would (`unlinked_updates.ts`); "to" says the value changed.
 */
export function reachesNewValue(
  older: string | NumbersByUnit,
  newer: string | NumbersByUnit,
): boolean {
  return reachedUnit(older, newer) !== undefined;
}

/**
 * The unit whose new value `newer` reaches ({@linkcode reachesNewValue}), a measure's before a
 * currency's; none if it reaches none.
 */
export function reachedUnit(
  older: string | NumbersByUnit,
  newer: string | NumbersByUnit,
): string | undefined {
  const ofOlder = typeof older === "string" ? numbersOf(older) : older;
  const reached = typeof newer === "string" ? reachedNumbersOf(newer) : newer;
  let money: string | undefined;
  for (const [unit, values] of reached) {
    const oldValues = unit === "" ? undefined : ofOlder.get(unit);
    if (oldValues === undefined) continue;
    if (![...values].some((value) => !oldValues.has(value))) continue;
    if (!isMoney(unit)) return unit;
    money ??= unit;
  }
  return money;
}

const MONEY_UNITS: ReadonlySet<string> = new Set([
  ...CURRENCY_CODES.values(),
  ...CURRENCY_SIGNS.values(),
  "euro",
]);

/**
 * Whether a unit ({@linkcode numbersOf}) is a currency: an amount of money names no thing (a
 * ticket, the rent, a loan are all "£"), so a new amount is a new value of the older one's only
 * when the two are about the same thing by their words too (`unlinked_updates.ts`).
 */
export function isMoney(unit: string): boolean {
  return MONEY_UNITS.has(unit) || /^\p{Sc}$/u.test(unit);
}

const YEAR = /^(?:1[89]|20)\p{N}{2}$/u;

function isYear(value: string): boolean {
  return YEAR.test(value);
}

/** Whether {@linkcode NOW_BEFORE} holds in the {@linkcode NOW_SPAN} characters before `index`. */
function nowBefore(text: string, index: number): boolean {
  const start = index - NOW_SPAN - 1;
  // One character more than the span, the one before the first "now" it may hold; at the text's
  // start, a space stands for it.
  return NOW_BEFORE.test(start < 0 ? " " + text.slice(0, index) : text.slice(start, index));
}
