/**
 * "me" paired with someone as the speaker: "every winter me and Lars go ice fishing", "Colleen
 * and me met at a social", "me n leah are off to ibiza". Casual and dictated speech puts the
 * object form in a pair where written English has "I" ("Lars and I"), so `voiceOf`, which reads
 * "me" alone as no sign of the speaker's voice (it is often the listener of a request: "tell me
 * about ..."), read such a line as told by no one. A pair always includes the speaker in what
 * the line tells, as a subject or an object ("she drove Colleen and me to the airport"), so
 * the line is in the speaker's own voice. A closed class of the grammar: the joining words "and"
 * and its texting spelling "n"; "between you and me" (or "between me and you") is an aside that
 * tells nothing of the speaker, not a pair.
 *
 * @module
 */

/** Words joining "me" to someone else in a pair, folded: "and" and texting's "n". */
export const JOINERS: ReadonlySet<string> = new Set(["and", "n"]);

/**
 * Whether `words` (a text's folded words) pair "me" with someone: "me" right before or right
 * after a word of {@linkcode JOINERS}, not in "between you and me" nor "between me and you".
 */
export function pairsMe(words: readonly string[]): boolean {
  for (let i = 0; i < words.length; i++) {
    if (words[i] !== "me") continue;
    if (JOINERS.has(words[i + 1] ?? "") && words[i - 1] !== "between") return true;
    if (JOINERS.has(words[i - 1] ?? "") && words[i - 3] !== "between") return true;
  }
  return false;
}
