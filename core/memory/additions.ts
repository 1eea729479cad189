/**
 * Memories that tell of something added, not of something replaced: "I now also volunteer at the
 * animal shelter", "We now also have a puppy called Rex", "I started a second job at a café and
 * now work six days a week". Their "now" is the only word of change (`tellsChange`) they say,
 * and what it tells joins what was (a second pet, a second job, an added hobby): the older fact
 * still holds (`unlinked_updates.ts`).
 *
 * @module
 */
import { tellsChange } from "./query_now.ts";

/**
 * Words that tell of an addition: "also", "as well", "too" at a clause's end ("We have a dog
 * too."), "a second" or "a third" before a word ("a second job"; not "a second-hand car": a
 * kind, not a count). Not "another" ("I moved to another city" replaces the city) nor "too"
 * before a word ("too small").
 */
const ADDITION =
  /\b(?:also|as well|in addition)\b|\btoo\s*(?:[.,;!?]|$)|\ba (?:second|third|fourth)(?![\p{L}\p{N}-])/iu;
const NOW = /\bnow\b/iu;
const EVERY_NOW = /\bnow\b/giu;

/**
 * Whether `text` tells of an addition rather than a change: it says a word of
 * {@linkcode ADDITION}, and "now", its only word of change.
 */
export function tellsAddition(text: string): boolean {
  if (!NOW.test(text) || !ADDITION.test(text)) return false;
  return !tellsChange(text.replace(EVERY_NOW, " "));
}

/**
 * Whether `text` says a word of {@linkcode ADDITION} at all, "now" or not ("I also work 10 hours a
 * week at a café"): what it tells may join what was.
 */
export function saysAddition(text: string): boolean {
  return ADDITION.test(text);
}

/** Whether `text` tells of a change (`tellsChange`) that is no addition ({@linkcode tellsAddition}). */
export function tellsReplacement(text: string): boolean {
  return tellsChange(text) && !tellsAddition(text);
}
