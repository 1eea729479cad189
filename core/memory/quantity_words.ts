/**
 * Questions that ask how many or how much, and the memories that say it: the fourth answer type
 * beside place, person and time (`query.ts`'s `answerType`). "How much do we pay for the flat?"
 * is answered by "The rent went up to 1,050 euros", not by "We love the flat's big windows";
 * "How old is Mila?" by "Mila just turned five". An amount is said in digits or in English's
 * number words, a closed class, so a plain list does it.
 *
 * @module
 */
import { TENS, UNITS } from "./meaning/number_forms.ts";
import { words } from "./text.ts";
import { asciiWords } from "./query_words.ts";

/**
 * The words after "how" that ask for an amount or a measure ("how many", "how much", "how old",
 * "how far"; not "how long", which asks for a span of time, nor "how often", said in words of
 * time: `time_words.ts`).
 */
const HOW_MEASURES: ReadonlySet<string> = new Set(
  ["many", "much", "old", "far", "fast", "tall", "big", "heavy", "high", "deep", "large"],
);

/** Number words: cardinals, multiples and the amounts said as words ("a dozen", "twice"). */
export const NUMBER_WORDS: ReadonlySet<string> = new Set([
  ...UNITS,
  ...TENS.filter((word) => word !== ""),
  ...("hundred hundreds thousand thousands million millions billion dozen dozens half single " +
    "once twice thrice couple none").split(" "),
]);

/**
 * Whether `text` asks how many or how much: "how" before a word of measure ("How many kids ...",
 * "How much coffee ...", "How old is ...", "How fast can I run ..."), or "what age".
 */
export function asksQuantity(text: string): boolean {
  const folded = asciiWords(text) ?? words(text);
  for (let i = 0; i < folded.length - 1; i++) {
    const next = folded[i + 1]!;
    if (folded[i] === "how" && HOW_MEASURES.has(next)) return true;
    if ((folded[i] === "what" || folded[i] === "which") && next === "age") return true;
  }
  return false;
}

/** Whether `text` says an amount: a digit ("1,050 euros", "10k", "47 minutes") or a number word. */
export function namesQuantity(text: string): boolean {
  if (/\p{Nd}/u.test(text)) return true;
  return words(text).some((word) => NUMBER_WORDS.has(word));
}
