/**
 * The words of a "how" question that ask for a value rather than say what it is about, and the
 * span of time "how long" asks for.
 *
 * "How long was I a nurse for?" is answered by "Retired from nursing in 2016 after 38 years", not
 * by "My old nursing friends meet every couple of months" nor "I found a 1970s photo of the
 * nurses' home": the answer says a value, seldom the question's "long", "much" or "many", while
 * remarks that share those words literally ("a long day", "so much fun") answer nothing. So the
 * word right after "how" that only asks for a count or a span ({@linkcode isSlotWord}: "long",
 * "much", "many", English's closed class of quantifiers and "long" of time) weighs as a
 * question-frame word (`query_frames.ts`), and "how long" is its own answer type, a span
 * ({@linkcode namesSpan}: a count of a unit of time, or "since"; `query.ts`'s `answerType`,
 * × 0.9 for a memory that names none, as for the other types). The words of measure after "how"
 * ("old", "tall", "fast") stay content: answers repeat them ("ten years old", "six feet tall").
 * Nor are units of time after "what"/"which" ("which day") slot words: measured, they moved no
 * open question up and cost "What age is my girl?" a place (core/memory/HISTORY.md, Session 30,
 * recall29).
 *
 * @module
 */
import { NUMBER_WORDS } from "./quantity_words.ts";
import { words } from "./text.ts";
import { asciiWords } from "./query_words.ts";

/** Words after "how" that only ask for a value: a count ("many", "much") or a span ("long"). */
const HOW_SLOTS: ReadonlySet<string> = new Set(["long", "much", "many"]);

/**
 * Whether the folded word at `i` of `folded` names the slot its question asks to fill: "long",
 * "much" or "many" right after "how".
 */
export function isSlotWord(folded: readonly string[], i: number): boolean {
  return i > 0 && folded[i - 1] === "how" && HOW_SLOTS.has(folded[i]!);
}

/** Units of time a span is counted in ("38 years", "six weeks", "a couple of months"). */
const SPAN_UNITS: ReadonlySet<string> = new Set(
  ["second", "minute", "hour", "day", "night", "week", "fortnight", "month", "year", "decade"],
);
/** Words between a count and its unit ("a couple of months", "two whole years"). */
const SPAN_FILLERS: ReadonlySet<string> = new Set(["of", "whole", "full", "more", "long"]);

/** `word` without a plural "s" ("days", "years"). */
function singular(word: string): string {
  return word.length > 3 && word.endsWith("s") ? word.slice(0, -1) : word;
}

/** Whether `text` asks how long: "how long" ("How long was I a nurse for?"). */
export function asksSpan(text: string): boolean {
  const folded = asciiWords(text) ?? words(text);
  for (let i = 1; i < folded.length; i++) {
    if (folded[i - 1] === "how" && folded[i] === "long") return true;
  }
  return false;
}

/**
 * Whether `text` says a span of time, the answer to "how long": a count and a unit of time
 * ("after 38 years", "for two weeks", "a couple of months"), not a frequency ("every couple of
 * months"; "twice a week" counts times, not the unit), or "since" ("since 2016", "since I was a
 * kid").
 */
export function namesSpan(text: string): boolean {
  const folded = words(text);
  for (let i = 0; i < folded.length; i++) {
    const word = folded[i]!;
    if (word === "since") return true;
    if (!/^\d+$/.test(word) && !NUMBER_WORDS.has(word)) continue;
    if (folded[i - 1] === "every" || folded[i - 2] === "every") continue;
    let at = i + 1;
    while (at < folded.length && at <= i + 2 && SPAN_FILLERS.has(folded[at]!)) at++;
    if (SPAN_UNITS.has(singular(folded[at] ?? ""))) return true;
  }
  return false;
}
