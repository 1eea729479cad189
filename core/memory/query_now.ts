/**
 * "Now" in a text: whether a memory tells of a change ("I moved", "no longer", "now"), which
 * ranking needs before it lets a newer memory replace an older one without a link, and whether
 * a query asks how things are now ("Do I still ...", "these days").
 *
 * @module
 */
import { terms } from "./text.ts";

/**
 * Words and phrases by which a statement tells that something changed for its speaker: the
 * adverbs of a new state ("now", "no longer", "anymore", "instead") and the past forms of verbs
 * of ending, leaving and replacing ("quit", "moved", "sold", "gave up", "switched"). General
 * English, not any set's: an update ("I sold the Volvo and now cycle") nearly always says one,
 * while two independent facts that share a word ("I went to bed early", "I went to bed late")
 * seldom do. Weak markers that chatter is full of ("new", "finally", "started") are left out.
 */
export const CHANGE_WORDS: readonly string[] = [
  "now",
  "no longer",
  "no more",
  "anymore",
  "any more",
  "instead",
  "switched",
  "changed",
  "moved",
  "left",
  "quit",
  "stopped",
  "sold",
  "replaced",
  "swapped",
  "gave up",
  "given up",
  "got rid",
  "cut down",
  "retired",
  "resigned",
  "became",
  "divorced",
  "broke up",
  "cancelled",
  "ended",
  "abandoned",
  "dropped",
  "took over",
  "stepped down",
];

/** A pattern matching any of `phrases` as whole words, a space matching any run of spaces. */
function phrasePattern(phrases: readonly string[]): RegExp {
  const alternatives = phrases.map((phrase) => phrase.replaceAll(" ", "\\s+")).join("|");
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives})(?![\\p{L}\\p{N}])`, "iu");
}

const CHANGE_PATTERN = phrasePattern(CHANGE_WORDS);

const CHANGE_PATTERN_ALL = new RegExp(CHANGE_PATTERN.source, "giu");

/**
 * The content words' stems of each change word or phrase of {@linkcode CHANGE_WORDS} in `text`
 * ("I dropped my keys" → `[["drop"]]`, "gave up" → `[["gave"]]`); a phrase of stop words only
 * ("now", "no longer") gives an empty list.
 */
export function changeStems(text: string): string[][] {
  return [...text.matchAll(CHANGE_PATTERN_ALL)].map((match) => terms(match[0]));
}

/**
 * Whether a newer text's change words tell a change from an older text (`olderTerms`: its
 * {@linkcode terms}): some change word or phrase of it ({@linkcode changeStems} of it:
 * `newerChanges`) is not the older text's own word. A verb of change the older memory says
 * too ("I am clumsy and often drop things", "I dropped my keys down the drain"; "My best friend
 * moved to Canada", "My friend moved to a bigger flat") tells of another such event, not that
 * the older fact ended; an adverb ("now", "no longer") always tells a change.
 */
export function changesFrom(
  newerChanges: readonly (readonly string[])[],
  olderTerms: ReadonlySet<string>,
): boolean {
  return newerChanges.some((stems) =>
    stems.length === 0 || !stems.every((term) => olderTerms.has(term))
  );
}

/** Whether `text` tells of a change with a word or phrase of {@linkcode CHANGE_WORDS}. */
export function tellsChange(text: string): boolean {
  return CHANGE_PATTERN.test(text);
}

/**
 * Adverbs by which a question asks whether something still holds, or how it is now: "Do I still
 * ...", "... anymore?", "Where do I work now?", "What do I drive these days?".
 */
export const CURRENT_WORDS: readonly string[] = [
  "still",
  "now",
  "anymore",
  "any more",
  "currently",
  "nowadays",
  "these days",
  "at the moment",
];

const CURRENT_PATTERN = phrasePattern(CURRENT_WORDS);

/** Whether a query asks how things are now ({@linkcode CURRENT_WORDS}): a change may answer it. */
export function asksCurrent(text: string): boolean {
  return CURRENT_PATTERN.test(text);
}
