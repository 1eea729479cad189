/**
 * "Now" in a text: whether a memory tells of a change ("I moved", "no longer", "now"), which
 * ranking needs before it lets a newer memory replace an older one without a link, and whether
 * a query asks how things are now ("Do I still ...", "these days"). What each change word acts
 * on, and whether it tells a change from an older memory, is `change_words.ts`.
 *
 * @module
 */

/**
 * Words and phrases by which a statement tells that something changed for its speaker: the
 * adverbs of a new state ("now", "no longer", "anymore", "instead") and the past forms of verbs
 * of ending, leaving and replacing ("quit", "moved", "sold", "traded", "gave up", "switched"). General
 * English, not any set's: an update ("I sold the Volvo and now cycle") nearly always says one,
 * while two independent facts that share a word ("I went to bed early", "I went to bed late")
 * seldom do. Weak markers that chatter is full of ("new", "finally", "started") are left out.
 */
export const CHANGE_WORDS: readonly string[] = [
  "now",
  // A present unlike before, as "now" ("These days I'm asleep by ten"; HISTORY.md, session 28).
  "these days",
  "nowadays",
  "lately",
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
  // A debt the fact told settled ("I paid back the loan"; not "cut back": HISTORY.md, session 30).
  "paid back",
  "paid off",
  "retired",
  "resigned",
  "became",
  "divorced",
  "broke up",
  "traded",
  "cancelled",
  "ended",
  "abandoned",
  "dropped",
  "took over",
  "stepped down",
  "cleared",
  "back to normal",
  // An amount changed ("doctor upped my sertraline to 100mg").
  "upped",
  "raised",
  "lowered",
  "increased",
  "reduced",
  "doubled",
  "halved",
];

/**
 * Verbs of change whose particle follows their object ("paid jojo back", "paid it off", "cut
 * them out"): the verb alone is the change word when one word and then the particle come after
 * it, so what it acts on is read right after it, as for any change word ("paid jojo back the
 * $250" → `"jojo"`). Not the verb alone ("I paid for dinner", "I cut my finger").
 */
export const SEPARABLE_CHANGES: readonly string[] = [
  "paid(?=\\s+\\p{L}+\\s+(?:back|off)(?![\\p{L}\\p{N}]))",
  "gave(?=\\s+\\p{L}+\\s+up(?![\\p{L}\\p{N}]))",
];

/** A pattern matching any of `phrases` as whole words, a space matching any run of spaces. */
function phrasePattern(phrases: readonly string[], patterns: readonly string[] = []): RegExp {
  const alternatives = [...phrases.map((phrase) => phrase.replaceAll(" ", "\\s+")), ...patterns]
    .join("|");
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives})(?![\\p{L}\\p{N}])`, "iu");
}

const CHANGE_PATTERN = phrasePattern(CHANGE_WORDS, SEPARABLE_CHANGES);

/** {@linkcode CHANGE_WORDS} anywhere in a text, every one (`change_words.ts` reads them). */
export const CHANGE_PATTERN_ALL: RegExp = new RegExp(CHANGE_PATTERN.source, "giu");

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
