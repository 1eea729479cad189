/**
 * Whether a statement tells a wish, a plan or a need rather than a fact ("I want to learn to
 * sail"), and whether a question asks about one: ranking's `INTENT` factor (`ranking.ts`).
 *
 * @module
 */
import { rememberedByText } from "./text_memo.ts";

/**
 * Words by which a statement tells a wish, a plan, a need or a possibility rather than a fact
 * ("I want to learn to sail", "I am planning to run for the council", "I really should start
 * going to the gym", "We might move"): irrealis frames of English. "need" and "plan" count only
 * with "to" ("I've needed glasses since ..." and "we're planning a party" are facts); "may" not
 * at all (a month); "d like" is "I'd like".
 */
export const INTENT_WORDS: readonly string[] = [
  "want",
  "wants",
  "wanted",
  "would like",
  "would love",
  "d like",
  "d love",
  "wish",
  "wishes",
  "hope",
  "hopes",
  "hoping",
  "should",
  "need to",
  "needs to",
  "plan to",
  "plans to",
  "planning to",
  "thinking about",
  "thinking of",
  "might",
  "dream of",
  "dreaming of",
];

const phrasePattern = (list: readonly string[]) =>
  new RegExp(
    `(?<![\\p{L}\\p{N}])(?:${list.map((words) => words.replaceAll(" ", "\\s+")).join("|")})` +
      `(?![\\p{L}\\p{N}])`,
    "iu",
  );
const INTENT_PATTERN = phrasePattern(INTENT_WORDS);
/** A question about wishes or plans ("What do I want to learn?", "What are my plans?"). */
const ASKS_INTENT = phrasePattern([
  ...INTENT_WORDS,
  "plan",
  "plans",
  "planning",
  "planned",
  "goal",
  "goals",
  "ambition",
  "ambitions",
  "dream",
  "dreams",
  "intend",
  "intends",
  "going to",
]);

/** Whether `text` tells a wish, a plan, a need or a possibility ({@linkcode INTENT_WORDS}). */
export function tellsIntent(text: string): boolean {
  return rememberedIntent(text);
}

// Remembered by text: ranking reads the same memories search after search.
const rememberedIntent = rememberedByText((text) => INTENT_PATTERN.test(text), {
  everyCandidate: true,
});

/**
 * Whether a query asks about wishes or plans (then a memory that tells one is no weaker an
 * answer than a fact).
 */
export function asksIntent(text: string): boolean {
  return ASKS_INTENT.test(text);
}
