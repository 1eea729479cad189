/**
 * Whether a text holds a number in digits (any `\p{N}`), remembered by text (`text_memo.ts`):
 * the fact-and-update tests ask it of every candidate of a search (`mayPairAsUpdates`,
 * `measuringVoice`), the same memory texts search after search, and one lookup costs less than
 * a pass of the Unicode class over the text. Keyed by the text itself, so a memory whose text
 * changes is asked afresh.
 *
 * @module
 */
import { rememberedByText } from "./text_memo.ts";
import { placedNumbersOf } from "./placed_numbers.ts";

const DIGIT = /\p{N}/u;

/** Whether `text` holds a number in digits (`\p{N}`), remembered by text. */
export const holdsDigits: (text: string) => boolean = rememberedByText(
  (text) => DIGIT.test(text),
  { everyCandidate: true },
);

/**
 * Whether `text` states a number: digits ({@linkcode holdsDigits}) or an amount in words
 * (`placed_numbers.ts`: "fifty bucks a stop", "up to sixty"), remembered by text. The pairing's
 * gates on a number (`measuringVoice`, `mayPairAsUpdates`) read it: a dictated or spelled-out
 * amount is a number as digits are.
 */
export const holdsNumber: (text: string) => boolean = rememberedByText(
  (text) => holdsDigits(text) || placedNumbersOf(text).numbers.length > 0,
  { everyCandidate: true },
);
