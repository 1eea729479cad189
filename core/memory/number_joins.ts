/**
 * How two numbers a text states next to each other read as one (`placed_numbers.ts`): a range, two
 * amounts joined by a dash or "between … and", rising, of one unit ("£40-45k", "3-4 days"); and a
 * clock's or a stopwatch's reading, digits joined by ":" to two digits ("27:52", "1:45:10"). Each
 * is one value in English, not two numbers: a range says where one amount lies, a time is one time.
 *
 * @module
 */

/** A number of a text where it stands: its unit and value, as `numbersOf` reads them. */
export interface PlacedNumber {
  unit: string;
  value: string;
  /** Where the number (its currency, if any) starts in the NFKC-normalised text. */
  index: number;
  /** Where its written form ends (digits and letters stuck to them, or its last word). */
  end: number;
  /** Whether its unit is the word after it ("3 pods", "fifty bucks"), not a currency or letters. */
  unitWord: boolean;
  /** Whether it is an ordinal ("4th"). */
  ordinal: boolean;
}

/** A number as read, before ranges are joined: its value as a number and its currency. */
export interface Reading extends PlacedNumber {
  amount: number;
  currency: boolean;
  /** The multiplier that scaled `amount`: a currency's, else 1. */
  multiplier: number;
  /**
   * The multiplier the letters stuck to the digits name ("45k", "1.3m"), currency or not: it
   * scales a range's second end when the first has the currency ("£1.1-1.3m").
   */
  stuckMultiplier: number;
}

/**
 * `amount` times `multiplier` (a power of ten: "£4.1m"), exact as the written decimal: a binary
 * product is not ("4.1" × 10^6 is 4099999.9999999995, review47b M3), while a written amount's
 * digits, at most 15 significant, fit a double, so the product rounded to 15 of them is the
 * decimal the writer meant ("4100000").
 */
export function scaled(amount: number, multiplier: number): number {
  return multiplier === 1 ? amount : Number((amount * multiplier).toPrecision(15));
}

/**
 * What joins the two ends of a range: a dash ("£40-45k", "3-4 days"), or "and" after "between".
 * Not "to": "from 900 to 1,050 euros" tells a change from one value to another, not a span.
 */
const RANGE_JOIN = /^[ \t]*[-–—][ \t]*$/u;
const BETWEEN_AND = /^[ \t]+and[ \t]+$/iu;
const BETWEEN = /(?:^|[^\p{L}])between[ \t]+$/iu;

/**
 * `a` and `b` as one range, if they are one: joined as {@linkcode RANGE_JOIN} says, rising, of
 * one unit (a bare or a currency's first end takes the second's unit, and a multiplier stuck
 * to the second end scales both when either has a currency: "£40-45k", "£1.1-1.3m").
 */
export function asRange(a: Reading, b: Reading, text: string): Reading | undefined {
  if (a.ordinal || b.ordinal || a.unitWord && a.unit !== "" && a.unit !== b.unit) return undefined;
  const between = text.slice(a.end, b.index);
  const joinedBy = RANGE_JOIN.test(between) ||
    (BETWEEN_AND.test(between) && BETWEEN.test(text.slice(Math.max(0, a.index - 10), a.index)));
  if (!joinedBy) return undefined;
  // The second end's multiplier: its currency's, or the first end's currency makes its stuck
  // letters one ("£1.1-1.3m", "£40-45k", "£40k-45k": one currency, one scale; review47b M2).
  const bMultiplier = b.currency ? b.multiplier : a.currency ? b.stuckMultiplier : 1;
  const low = a.multiplier === 1 && bMultiplier !== 1 ? scaled(a.amount, bMultiplier) : a.amount;
  const high = b.currency ? b.amount : scaled(b.amount, bMultiplier);
  // Digits joined on by a dash before or after are a date or a code ("2026-07-08"), no range.
  const around = text.slice(Math.max(0, a.index - 2), a.index) + "|" + text.slice(b.end, b.end + 2);
  if (/\p{N}[-–/]\|/u.test(around) || /\|[-–/]\p{N}/u.test(around)) return undefined;
  if (!(low < high) || (a.currency && b.currency && a.unit !== b.unit)) return undefined;
  const unit = a.currency ? a.unit : b.unit;
  return {
    ...b,
    unit,
    index: a.index,
    value: `${low}-${high}`,
    amount: high,
    currency: a.currency || b.currency,
  };
}

/** The unit of a clock's reading ("27:52", "1:45:10") with no unit word after it. */
export const CLOCK_UNIT = "clock";

/**
 * Units of time a stopwatch's reading may be followed by ("26:40 mins", "1:45 hours"), by stem:
 * the reading's fields already are hours, minutes and seconds, so the word names no other
 * quantity than the bare "27:52" (review47b M5). A closed class: the units of a duration.
 */
const DURATION_UNITS: ReadonlySet<string> = new Set(["hour", "minut", "second", "sec"]);

/**
 * Joins in place each run of digits joined by ":" to two digits ("27:52", "1:45:10") into one
 * reading, as a clock or a stopwatch shows it: one value, not two bare numbers. Its unit is the
 * word after it ("6:30 pm", "the 5:40 slot"), or {@linkcode CLOCK_UNIT} when there is none or it
 * is a unit of time ("26:40 mins" is the stopwatch's "27:52" kind).
 */
export function joinClockReadings(readings: Reading[], text: string): void {
  for (let i = 0; i + 1 < readings.length; i++) {
    const a = readings[i]!;
    const b = readings[i + 1]!;
    if (
      a.currency || b.currency || a.ordinal || (a.unit !== "" && a.unit !== CLOCK_UNIT) ||
      text[a.end] !== ":" ||
      // Two digits, letters stuck after them or not ("6:30pm" as "6:30 pm"; review47b M4).
      b.index !== a.end + 1 || !/^\p{N}{2}(?!\p{N})/u.test(text.slice(b.index, b.end))
    ) continue;
    readings.splice(i, 2, {
      ...b,
      index: a.index,
      value: `${a.value}:${b.value}`,
      unit: b.unit === "" || DURATION_UNITS.has(b.unit) ? CLOCK_UNIT : b.unit,
      amount: Number.NaN,
    });
    i--;
  }
}
