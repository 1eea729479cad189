/**
 * Numbers a memory states in digits, each with its unit: the stemmed word right after it ("52
 * minutes", "1,050 euros", "the 4th floor"). A newer memory about the same thing as an older one
 * that gives a unit the older gave a new value ("My best 10k time is 52 minutes", then "I ran a
 * 10k in 47 minutes on Sunday, a new personal record") tells a new value of the same fact, with
 * no word of change (`unlinked_updates.ts`). A number of another unit is another fact, not a
 * new value ("I have worked as a nurse ... since 2019", then "I work 3 night shifts a week ...";
 * "My daughter Mila is 4 years old", then "Mila's class has 20 children").
 * Digits only: number words ("two children", "three days off") are as often counts of unrelated
 * things as values of one, and pairs of remarks about the same thing that differ in one are no
 * rarer than updates (see core/memory/README.md, "Supersession").
 *
 * @module
 */
import { stem } from "./text.ts";

/**
 * A number in digits: thousands groups ("1,050"), a decimal part ("1.5", "2,5"), an ordinal
 * ending ("4th"), and a unit word after it, over spaces or a hyphen ("6-year"). A run of digits
 * that touches other letters or digits is a code or a name, not a number ("3B", "B2", "10k",
 * "iPhone11"), read alike on either side.
 */
const NUMBER =
  /(?<![\p{L}\p{N}])(\p{N}+(?:[.,]\p{N}+)*)(?:st|nd|rd|th)?(?![\p{L}\p{N}])(?:[ \t-]+(\p{L}+))?/gu;
const THOUSANDS = /^\p{N}{1,3}(?:,\p{N}{3})+$/u;

/** Numbers by unit (the stemmed word after them, "" for none): values as written, normalised. */
export type NumbersByUnit = ReadonlyMap<string, ReadonlySet<string>>;

/**
 * The numbers `text` states in digits, by unit: "1,050" → "1050" (commas between groups of
 * three), "1.5" and "1,5" → "1.5" (a decimal part stays one: not "15"). The unit is the stemmed
 * word right after the number (singular and plural alike: "1 hour", "4 hours" → "hour"), "" when
 * punctuation or the end follows.
 */
export function numbersOf(text: string): NumbersByUnit {
  const found = new Map<string, Set<string>>();
  for (const match of text.normalize("NFKC").matchAll(NUMBER)) {
    const unit = match[2] === undefined ? "" : stem(match[2].toLowerCase());
    let values = found.get(unit);
    if (!values) found.set(unit, values = new Set());
    values.add(valueOf(match[1]!));
  }
  return found;
}

function valueOf(written: string): string {
  if (THOUSANDS.test(written)) return written.replaceAll(",", "");
  const [whole, ...rest] = written.split(/[.,]/);
  // "1.5", "1,5": a decimal part; "1.2.3" (a version, a date) kept as written.
  return rest.length === 1 ? `${whole}.${rest[0]}` : written;
}

/**
 * Whether `newer` gives a unit a number `older` gave it too, with a value `older` did not (texts
 * or their {@linkcode numbersOf}): "72 beats" → "58 beats", "900 euros" → "1,050 euros".
 */
export function statesNewNumber(
  older: string | NumbersByUnit,
  newer: string | NumbersByUnit,
): boolean {
  const ofOlder = typeof older === "string" ? numbersOf(older) : older;
  const ofNewer = typeof newer === "string" ? numbersOf(newer) : newer;
  for (const [unit, values] of ofNewer) {
    const before = ofOlder.get(unit);
    if (!before) continue;
    for (const value of values) if (!before.has(value)) return true;
  }
  return false;
}
