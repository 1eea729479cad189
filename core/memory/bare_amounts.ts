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
  CLAUSE_CHARS,
  CLAUSE_END,
  SELF,
  type StatedAmount,
  statedAmountsOfText,
} from "./restated_amounts.ts";
import { THIRD_PERSONS } from "./function_words.ts";
import { isContentWord, stem, words } from "./text.ts";
import { rememberedByText } from "./text_memo.ts";
import { TIME_WORDS } from "./time_words.ts";

/** A bare value stated of a subject, with what the rest of its clause adds. */
export interface StatedBareAmount extends StatedAmount {
  /**
   * The stems of the content words after the number in its clause that tell no time (not
   * "from the new year", "every month", "now", "still"): what the value is of, besides its
   * subject ("rent is 900 for the garage" → `garag`).
   */
  after: readonly string[];
  /** Whether a third person's pronoun follows the number in its clause ("rent is 1200 for her"). */
  ofAnother: boolean;
}

/**
 * Whether a content word tells a time ("month") or a state unchanged ("still"). "now" needs no
 * check: it is no content word, so it adds nothing anyway.
 */
function tellsTime(word: string): boolean {
  // "still" after a bare number is read as its unit; here it follows a time word ("now still").
  return TIME_WORDS.has(word) || word === "still";
}

/**
 * What the clause after a bare number adds ({@linkcode StatedBareAmount}): a word before a word
 * of time modifies it ("the new year", "next month", "every week") and adds nothing either.
 */
function afterNumber(clause: string): Pick<StatedBareAmount, "after" | "ofAnother"> {
  const found = words(clause.slice(0, CLAUSE_CHARS).split(CLAUSE_END, 1)[0]!);
  const after: string[] = [];
  found.forEach((word, at) => {
    if (!isContentWord(word) || tellsTime(word) || /^\d/.test(word)) return;
    const next = found.slice(at + 1).find(isContentWord);
    if (next === undefined || !tellsTime(next)) after.push(stem(word));
  });
  return { after, ofAnother: found.some((word) => THIRD_PERSONS.has(word)) };
}

/**
 * The bare numbers `text` states of a subject ("from December rent is 1950"), unit "", among its
 * first {@linkcode AMOUNTS_READ} bare numbers: a value with no unit, read only beside an older
 * amount of the same subject that has one ({@linkcode restatesBareAmount}).
 */
export function statedBareAmounts(text: string): StatedBareAmount[] {
  const { normalised, numbers } = placedNumbersOf(text);
  const bare = numbers.filter((number) => number.unit === "" && !number.ordinal);
  return bare.slice(0, AMOUNTS_READ).flatMap((number) =>
    amountsStated(normalised, [number]).map((stated) => ({
      ...stated,
      ...afterNumber(normalised.slice(number.end)),
    }))
  );
}

const statedBareAmountsOfText: (text: string) => readonly StatedBareAmount[] = rememberedByText(
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
 * new value within {@linkcode BARE_RATIO} of it, its clause adding after it no word the older
 * line lacks but of time ("rent is 3700 from the new year"; not "rent is 900 for the garage",
 * "rent is 1200 for her"): the slot's unit goes without saying.
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
    if (amount.ofAnother || !amount.after.every((term) => older.terms.has(term))) return false;
    return olderAmounts.some((stated) => {
      const was = Number(stated.value);
      return stated.subject.at(-1) === amount.subject.at(-1) && was > 0 && value !== was &&
        value <= was * BARE_RATIO && value * BARE_RATIO >= was &&
        (stated.owner ?? SELF) === (amount.owner ?? SELF);
    });
  });
}
