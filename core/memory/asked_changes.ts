/**
 * A word of change inside a question tells no change: "should we get married in Sweden
 * instead", "have you moved yet?", "did Dev switch to Fridays?". A question asks whether
 * something changed or should; it tells nothing of what holds, so it is no update of a memory it
 * shares a name with (`update_pairs.ts`, `told`). Kept exchanges are full of them: the user asks
 * the persona for an opinion, and the persona's reply asks back (recall75's misses, set 20: "should
 * we get married in Sweden instead" took the relevance of lines naming Sweden, Sheffield or Mum).
 *
 * A clause (between marks of a sentence's end, a colon, a line break or a comma) asks when it
 * ends with a question mark, or opens as English questions do, chat's dropped question marks
 * included: an auxiliary or a modal before a subject pronoun ("should we", "did you", "have
 * they", "didn't she"), or a question word before one ("what should we", "why did you"). Both
 * are closed classes (`FINITE_AUXILIARIES`), so the reading holds for any text, not one set's.
 *
 * @module
 */
import { FINITE_AUXILIARIES } from "./function_words.ts";
import type { ChangeWord } from "./query_now.ts";

/**
 * How far (characters) from a change word its clause's marks are looked for: a clause longer
 * than this is read as no question (a bounded read, whatever the text's length).
 */
export const QUESTION_WINDOW = 160;

/** Subject pronouns: after an inverted auxiliary they make the clause a question. */
const SUBJECTS: ReadonlySet<string> = new Set(["i", "we", "you", "he", "she", "they", "it"]);

/** Question words: before an auxiliary they open a question ("what should we", "why did you"). */
const QUESTION_WORDS: ReadonlySet<string> = new Set([
  "what",
  "why",
  "when",
  "where",
  "who",
  "how",
  "which",
]);

/** Further auxiliaries that open questions: the rarer modals, and "shall". */
const MORE_AUXILIARIES: ReadonlySet<string> = new Set(["shall", "must", "may", "might"]);

/** What ends a clause, or a comma. */
const CLAUSE_MARK = /[,.!?;:\n\r\u2028\u2029]/gu;

/** A word of the clause's opening: letters, an inner apostrophe ("didn't", "we've"). */
const OPENING_WORD = /\p{L}+(?:['’]\p{L}+)?/gu;

/** Whether `word` (folded) is an auxiliary that opens a question, a cut "n't" one included. */
function isAuxiliary(word: string): boolean {
  const base = word.replace(/n['’]t$/u, "");
  return FINITE_AUXILIARIES.has(base) || MORE_AUXILIARIES.has(base) || base === "ca" ||
    base === "wo";
}

/** Whether a clause's first words (folded) open a question. */
function opensQuestion(opening: readonly string[]): boolean {
  const [first = "", second = "", third = ""] = opening;
  if (isAuxiliary(first) && SUBJECTS.has(second)) return true;
  return QUESTION_WORDS.has(first) && isAuxiliary(second) && SUBJECTS.has(third);
}

/**
 * Whether the change word `word` of `text` stands in a clause that asks: see the module's
 * documentation. Reads at most {@linkcode QUESTION_WINDOW} characters each side of it.
 */
export function asksChange(text: string, word: ChangeWord): boolean {
  const from = Math.max(0, word.end - QUESTION_WINDOW);
  const before = text.slice(from, word.end);
  let clauseStart = -1;
  for (const mark of before.matchAll(CLAUSE_MARK)) clauseStart = mark.index;
  const after = text.slice(word.end, word.end + QUESTION_WINDOW);
  const next = after.search(CLAUSE_MARK);
  if (next >= 0 && after[next] === "?") return true;
  // The clause must open inside the window (or the text must) for its opening to be read.
  if (clauseStart < 0 && from > 0) return false;
  const opening = before.slice(clauseStart + 1).toLowerCase().match(OPENING_WORD) ?? [];
  return opensQuestion(opening.slice(0, 3));
}
