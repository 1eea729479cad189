/**
 * Time adverbials that place a whole event in the past (recall104, issue 9), for `told_tense.ts`.
 * English has a closed class of them, each grammar rather than a topic's word:
 *
 * - "ago" after a length of time ("years ago", "three weeks ago", "ages ago", "a while ago"):
 *   "ago" follows only a noun phrase of time, so the word before it is never a verb ("the trip
 *   was to Whitby years ago": "years" after a name is no "Whitby years" of the present);
 * - "back in" and a year or a decade ("back in 2019", "back in the 90s", "back in the day"):
 *   "back" turns "in 2027", which may be ahead, into a time behind;
 * - "when" with a subject and a past "be" ("when I was a kid", "when we were at uni"): a stage
 *   of life that is over.
 *
 * A line with no finite verb of its own that holds one ("Whitby trip years ago", "camping in
 * Wales when I was a kid") is told in the past; a finite verb, where there is one, still decides.
 *
 * Only where the adverbial dates the line's own event (fix169, review46b M1). An aside after a
 * comma, dash, bracket or semicolon dates its own event, mostly how a state that holds began
 * ("peanut allergy (diagnosed years ago)", "allergic to nuts — found out when I was 5"); so does
 * a participle just before the time phrase ("diagnosed years ago", "prescribed back in 2019",
 * "diagnosed with diabetes years ago": a reduced clause, whose beginning `told_beginnings.ts`
 * leaves alone). And a capitalised "Ago" is a name ("my GP, Dr Ago"), no adverb.
 *
 * @module
 */

import { isNumeralWord } from "./spelled_numbers.ts";
import { IRREGULAR_PAST } from "./told_events.ts";

/** The subjects of "when ... was/were" ("when I was a kid"). */
const WHEN_SUBJECTS: ReadonlySet<string> = new Set(
  "i we you they he she it".split(" "),
);
const BE_PAST: ReadonlySet<string> = new Set(["was", "were"]);
/** What "back in" places behind now: a year ("2019"), a decade ("90s", "1990s") or "the day". */
const BACK_IN_TIME = /^(?:(?:19|20)\d\d|(?:19|20)?\d0s)$/u;
/**
 * The closed-class words of a length of time before its noun ("a few", "about three", "a couple
 * of", "only a"): read back over to find where "... years ago" begins.
 */
const TIME_PHRASE_WORDS: ReadonlySet<string> = new Set(
  ("a an the few couple of many several some about around over nearly almost like only just " +
    "good long one two three four five six seven eight nine ten eleven twelve twenty thirty " +
    "forty fifty").split(" "),
);
/** The most words read back over a time phrase: its length is bounded whatever the text. */
const TIME_PHRASE_MAX = 4;
/**
 * How many words before a time phrase a participle still heads it: the participle, a
 * preposition and its object ("diagnosed with diabetes years ago").
 */
export const PARTICIPLE_REACH = 3;
const IRREGULAR: ReadonlySet<string> = new Set(IRREGULAR_PAST.split(" "));
/** A regular participle's shape: "-ed", not "-eed" ("need", "feed"). */
const REGULAR_PARTICIPLE = /^\p{Ll}{2,}(?<!e)ed$/u;

/** The words of a line {@linkcode placedInPast} reads. */
export interface AdverbialLine {
  /** Which tokens are in a subordinate clause (`told_tense.ts`). */
  subordinate: readonly boolean[];
  /** Where the line's main part ends: the first token after a comma, dash, bracket or ";". */
  mainEnd?: number;
  /** The tokens as written (their case), where known. */
  written?: readonly string[];
}

/** Whether a participle heads the time phrase that ends at token `end` (exclusive). */
function afterParticiple(tokens: readonly string[], end: number): boolean {
  let start = end;
  while (start > 0 && end - start < TIME_PHRASE_MAX) {
    const word = tokens[start - 1]!;
    if (!TIME_PHRASE_WORDS.has(word) && !/^\d+$/u.test(word)) break;
    start--;
  }
  for (let at = start - 1; at >= 0 && at >= start - PARTICIPLE_REACH; at--) {
    const word = tokens[at]!;
    // A numeral is never a verb: "hundred" of "a hundred years ago" only has a participle's shape.
    if (isNumeralWord(word)) continue;
    if (REGULAR_PARTICIPLE.test(word) || IRREGULAR.has(word)) return true;
  }
  return false;
}

/**
 * Whether folded token `i` of `tokens` is the length of time of an "ago" phrase ("years" of
 * "years ago"), no verb.
 */
export function timeBeforeAgo(tokens: readonly string[], i: number): boolean {
  return tokens[i + 1] === "ago";
}

/**
 * Whether folded `tokens` (a text's first words, a bounded list) hold, in a main clause, an
 * adverbial that places an event wholly in the past (see the module): one pass, each word
 * compared with at most the three after it and a bounded few before it. `line.subordinate`
 * tells which tokens are in a subordinate clause (`told_tense.ts`): an adverbial there dates
 * that clause's event, not the line's ("scared of dogs since one bit me when I was 8": the fear
 * holds now), and a "when" is the line's only when no clause was open before it. Nothing from
 * `line.mainEnd` on counts (an aside), nor an adverbial right after a participle.
 */
export function placedInPast(tokens: readonly string[], line: AdverbialLine): boolean {
  const { subordinate, written } = line;
  const end = Math.min(tokens.length, line.mainEnd ?? tokens.length);
  for (let i = 0; i < end; i++) {
    const token = tokens[i]!;
    if (token === "when") {
      if (
        subordinate[i - 1] !== true && WHEN_SUBJECTS.has(tokens[i + 1] ?? "") &&
        BE_PAST.has(tokens[i + 2] ?? "")
      ) return true;
      continue;
    }
    if (subordinate[i]) continue;
    if (token === "ago" && i > 0) {
      if (/^\p{Lu}/u.test(written?.[i] ?? "")) continue;
      if (!afterParticiple(tokens, i - 1)) return true;
    }
    if (token === "back" && tokens[i + 1] === "in" && !afterParticiple(tokens, i)) {
      const next = tokens[i + 2] ?? "";
      if (BACK_IN_TIME.test(next)) return true;
      if (next === "the" && (tokens[i + 3] === "day" || BACK_IN_TIME.test(tokens[i + 3] ?? ""))) {
        return true;
      }
    }
  }
  return false;
}
