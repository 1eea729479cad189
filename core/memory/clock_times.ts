/**
 * Times of day on the 24-hour clock said with "hours" ("the boat leaves at 0700 hours", "zero
 * seven hundred hours", "oh seven hundred", "at fourteen hundred hours"): a time, not an amount
 * of hours (review49a M3). English says the 24-hour clock as the hour and minutes run together,
 * four digits or "N hundred", with "hours" after them; the same words also count hours ("I spent
 * 100 hours", "700 hours of practice", "for fourteen hundred hours"). A reading of hours is a
 * time when its value is one the clock shows (0000-2359, minutes under 60), written as the clock
 * writes it (four digits, or a number said with "hundred"), and either
 * - said with the hour's leading zero ("0700", "zero seven hundred", "oh seven hundred"): an
 *   amount is never written with one; or
 * - right after a preposition of a point in time ({@linkcode POINT_IN_TIME}: "at fourteen hundred
 *   hours", "until 1800 hours") and not a count of something ("after 1400 hours of flying").
 *   "for", "in", "spent" take a duration and are no such word.
 *
 * @module
 */
import { CLOCK_UNIT, type Reading } from "./number_joins.ts";

/**
 * Prepositions that place an event at a point in time, not over a span: a closed class of
 * English. "for", "in", "over", "within" take a duration; "to" ends a change as often as a span
 * ("up to 700 hours"), so neither reads a time.
 */
const POINT_IN_TIME: ReadonlySet<string> = new Set([
  "at",
  "by",
  "from",
  "until",
  "till",
  "before",
  "after",
  "since",
]);

/** The word right before a reading, lower case ("at" of "at 0700 hours"). */
const WORD_BEFORE = /(\p{L}+)[ \t]+$/u;
/** How far back {@linkcode WORD_BEFORE} looks: a preposition and the spaces after it. */
const BEFORE_CHARS = 12;
/** "hours of …" after the unit: a count of something ("1400 hours of flying"). */
const COUNT_OF = /^[ \t]*\p{L}+[ \t]+of\b/iu;
/** The 24-hour clock's four digits ("0700", "1400hrs"), or a number said with "hundred" last. */
const CLOCK_FORM = /^(?:\p{N}{4}\p{L}*|[\p{L} \t-]*\bhundred)$/iu;
/** An hour said with its leading zero: "0700", "zero seven hundred" ("oh" is before the phrase). */
const LEADING_ZERO = /^(?:0|zero\b)/iu;

/**
 * Marks in place each reading of `text` that is a time of day said with "hours" (see the module)
 * as a clock's reading ({@linkcode CLOCK_UNIT}, "07:00"), so no reader of amounts takes it for
 * hours counted.
 */
export function markClockTimes(readings: Reading[], text: string): void {
  for (const [i, reading] of readings.entries()) {
    if (!isClockTime(reading, text)) continue;
    const minutes = String(reading.amount % 100).padStart(2, "0");
    const hours = String(Math.floor(reading.amount / 100)).padStart(2, "0");
    readings[i] = { ...reading, unit: CLOCK_UNIT, value: `${hours}:${minutes}` };
  }
}

/** Whether `reading` is a time of day on the 24-hour clock said with "hours" (see the module). */
function isClockTime(reading: Reading, text: string): boolean {
  const { amount, unit, currency, ordinal } = reading;
  if (unit !== "hour" || currency || ordinal || !Number.isInteger(amount)) return false;
  if (amount < 0 || amount > 2359 || amount % 100 >= 60) return false;
  const written = text.slice(reading.index, reading.end);
  if (!CLOCK_FORM.test(written)) return false;
  const before = text.slice(Math.max(0, reading.index - BEFORE_CHARS), reading.index)
    .match(WORD_BEFORE)?.[1]?.toLowerCase();
  if (LEADING_ZERO.test(written) || before === "oh") return true;
  return POINT_IN_TIME.has(before ?? "") && !COUNT_OF.test(text.slice(reading.end));
}
