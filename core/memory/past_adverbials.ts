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
 * @module
 */

/** The subjects of "when ... was/were" ("when I was a kid"). */
const WHEN_SUBJECTS: ReadonlySet<string> = new Set(
  "i we you they he she it".split(" "),
);
const BE_PAST: ReadonlySet<string> = new Set(["was", "were"]);
/** What "back in" places behind now: a year ("2019"), a decade ("90s", "1990s") or "the day". */
const BACK_IN_TIME = /^(?:(?:19|20)\d\d|(?:19|20)?\d0s)$/u;

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
 * compared with at most the three after it. `subordinate` tells which tokens are in a
 * subordinate clause (`told_tense.ts`): an adverbial there dates that clause's event, not the
 * line's ("scared of dogs since one bit me when I was 8": the fear holds now), and a "when" is
 * the line's only when no clause was open before it.
 */
export function placedInPast(tokens: readonly string[], subordinate: readonly boolean[]): boolean {
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token === "when") {
      if (
        subordinate[i - 1] !== true && WHEN_SUBJECTS.has(tokens[i + 1] ?? "") &&
        BE_PAST.has(tokens[i + 2] ?? "")
      ) return true;
      continue;
    }
    if (subordinate[i]) continue;
    if (token === "ago" && i > 0) return true;
    if (token === "back" && tokens[i + 1] === "in") {
      const next = tokens[i + 2] ?? "";
      if (BACK_IN_TIME.test(next)) return true;
      if (next === "the" && (tokens[i + 3] === "day" || BACK_IN_TIME.test(tokens[i + 3] ?? ""))) {
        return true;
      }
    }
  }
  return false;
}
