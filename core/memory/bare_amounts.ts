/**
 * A value restated with no unit ("from December rent is 1950" after "rent is 1850 euro every
 * month"): the newer line gives a bare number as the value of a subject the older line states an
 * amount of, with a unit. English leaves out what goes without saying: once a slot's unit is
 * told ("rent", "salary", "weight"), a later value of the same slot is of the same unit. Read
 * beside `restated_amounts.ts`'s subject frame, whose grammar it shares (`amountsStated`); a bare
 * number says nothing else of what it measures, so its size must fit ({@linkcode BARE_RATIO}).
 *
 * @module
 */
import { placedNumbersOf } from "./new_numbers.ts";
import {
  AMOUNTS_READ,
  amountsStated,
  SELF,
  type StatedAmount,
  statedAmountsOfText,
} from "./restated_amounts.ts";
import { rememberedByText } from "./text_memo.ts";

/**
 * The bare numbers `text` states of a subject ("from December rent is 1950"), unit "", among its
 * first {@linkcode AMOUNTS_READ} bare numbers: a value with no unit, read only beside an older
 * amount of the same subject that has one ({@linkcode restatesBareAmount}).
 */
export function statedBareAmounts(text: string): StatedAmount[] {
  const { normalised, numbers } = placedNumbersOf(text);
  const bare = numbers.filter((number) => number.unit === "" && !number.ordinal);
  return amountsStated(normalised, bare.slice(0, AMOUNTS_READ));
}

const statedBareAmountsOfText: (text: string) => readonly StatedAmount[] = rememberedByText(
  statedBareAmounts,
);

/**
 * The most a bare value may differ from the older amount it restates, as a factor either way: a
 * number given with no unit says nothing of what it measures but its size, so only a value of
 * the older amount's size is read as its new value ("rent is 1950" after "rent is 1850 euro";
 * not "rent is 2" nor a year).
 */
export const BARE_RATIO = 2;

/**
 * Whether `newer` gives a bare number as the value of a subject `older` states an amount of with
 * a unit (the same head, every other word of the subject the older one's, the same owner), of a
 * new value within {@linkcode BARE_RATIO} of it: the slot's unit goes without saying.
 */
export function restatesBareAmount(
  newer: string,
  older: { text: string; terms: ReadonlySet<string> },
): boolean {
  const bare = statedBareAmountsOfText(newer);
  if (bare.length === 0) return false;
  const olderAmounts = statedAmountsOfText(older.text);
  return bare.some((amount) => {
    const value = Number(amount.value);
    if (!(value > 0) || !amount.subject.every((term) => older.terms.has(term))) return false;
    return olderAmounts.some((stated) => {
      const was = Number(stated.value);
      return stated.subject.at(-1) === amount.subject.at(-1) && was > 0 && value !== was &&
        value <= was * BARE_RATIO && value * BARE_RATIO >= was &&
        (stated.owner ?? SELF) === (amount.owner ?? SELF);
    });
  });
}
