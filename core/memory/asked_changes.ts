/**
 * A word of change inside a question tells no change: "should we get married in Sweden
 * instead", "have you moved yet?", "did Dev switch to Fridays?". A question asks whether
 * something changed or should; it tells nothing of what holds, so it is no update of a memory it
 * shares a name with (`update_pairs.ts`, `told`). Kept exchanges are full of them: the user asks
 * the persona for an opinion, and the persona's reply asks back (recall75's misses, set 20: "should
 * we get married in Sweden instead" took the relevance of lines naming Sweden, Sheffield or Mum).
 *
 * A clause (between marks of a sentence's end, a colon, a line break or a comma) asks when it
 * opens as English questions do, chat's dropped question marks included: an auxiliary or a modal
 * before a subject pronoun ("should we", "did you", "have they", "didn't she"), or a question
 * word before one ("what should we", "why did you"). Both are closed classes
 * (`FINITE_AUXILIARIES`, `QUESTION_WORDS`), so the reading holds for any text, not one set's.
 *
 * Two shapes of English keep a change told inside such a clause:
 * - A question about telling or knowing carries a finite clause with a subject of its own ("did
 *   I tell you *we switched*", "do you know *I changed* jobs"): the question asks whether the
 *   hearer knows, and the embedded clause tells what holds. So a second subject standing between
 *   the inverted subject and the change word makes the change told, unless a modal ("do you
 *   think we *should* move"), an infinitive's "to" ("did I tell you *to* move") or "if"/"whether"
 *   ("do you know *if* we moved") makes the embedded clause a possibility or a question itself.
 * - A clause that ends with "?" but opens as a statement (a subject, then its verb: no
 *   inversion, no question word) asks only by intonation: an echo of what another said ("you
 *   moved?", "she quit?"). A speaker does not echo their own act, so a first-person statement
 *   ("I just moved to Leeds any tips?") tells its change and the "?" ends a question that
 *   follows it with no comma between, as chat writes; a third-person one does when a question
 *   opening (an auxiliary before a subject, or a question word) stands after the change word
 *   ("Dev switched to Thursdays is that ok?"). A modal after the subject makes the statement a
 *   proposal ("we should move?"): asked.
 *
 * @module
 */
import { FINITE_AUXILIARIES, QUESTION_WORDS } from "./function_words.ts";
import type { ChangeWord } from "./change_words.ts";

/**
 * How far (characters) from a change word its clause's marks are looked for: a clause longer
 * than this is read as no question (a bounded read, whatever the text's length).
 */
export const QUESTION_WINDOW = 160;

/** Subject pronouns: after an inverted auxiliary they make the clause a question. */
const SUBJECTS: ReadonlySet<string> = new Set(["i", "we", "you", "he", "she", "they", "it"]);

/** Further auxiliaries that open questions: the rarer modals, and "shall". */
const MORE_AUXILIARIES: ReadonlySet<string> = new Set(["shall", "must", "may", "might"]);

/** What ends a clause, or a comma. */
export const CLAUSE_MARK = /[,.!?;:\n\r\u2028\u2029]/gu;

/** A word of the clause's opening: letters, an inner apostrophe ("didn't", "we've"). */
const OPENING_WORD = /\p{L}+(?:['’]\p{L}+)?/gu;

/** Whether `word` (folded) is an auxiliary that opens a question, a cut "n't" one included. */
function isAuxiliary(word: string): boolean {
  const base = word.replace(/n['’]t$/u, "");
  return FINITE_AUXILIARIES.has(base) || MORE_AUXILIARIES.has(base) || base === "ca" ||
    base === "wo";
}

/** The modals: after a subject they make its clause a possibility or a proposal, told of nothing. */
const MODALS: ReadonlySet<string> = new Set([
  "will",
  "would",
  "can",
  "could",
  "should",
  "shall",
  "must",
  "may",
  "might",
]);

/** Words after a second subject that keep its clause from telling: an infinitive, a question. */
const NOT_TELLING: ReadonlySet<string> = new Set(["to", "if", "whether"]);

/** The subject pronoun a word (folded) is, past a cut verb ("we've" → "we"), or undefined. */
function subjectOf(word: string): string | undefined {
  const subject = word.replace(/['’](?:s|ve|re|m|ll|d)$/u, "");
  return SUBJECTS.has(subject) ? subject : undefined;
}

/** Whether a word (folded) is a modal, or a subject cut with one ("we'll", "I'd"). */
function isModal(word: string): boolean {
  return MODALS.has(word.replace(/n['’]t$/u, "")) || /['’](?:ll|d)$/u.test(word);
}

/**
 * Whether `between` (the folded words after a subject, up to the change word) holds a second
 * subject pronoun whose clause tells: no modal, "to", "if" or "whether" from it on, nor right
 * before it.
 */
function embedsTelling(between: readonly string[]): boolean {
  const second = between.findLastIndex((word) => subjectOf(word) !== undefined);
  if (second < 0 || NOT_TELLING.has(between[second - 1] ?? "")) return false;
  return between.slice(second).every((word) => !isModal(word) && !NOT_TELLING.has(word));
}

/**
 * Where the inverted subject of a clause's question opening stands in its words (folded): an
 * auxiliary before it, or a question word and an auxiliary; -1 when the clause opens otherwise.
 */
function invertedSubject(words: readonly string[]): number {
  const [first = "", second = "", third = ""] = words;
  if (isAuxiliary(first) && SUBJECTS.has(second)) return 1;
  return QUESTION_WORDS.has(first) && isAuxiliary(second) && SUBJECTS.has(third) ? 2 : -1;
}

/** Demonstratives and "there": subjects a question after a statement opens with ("is that ok"). */
const DEMONSTRATIVES: ReadonlySet<string> = new Set(["that", "this", "there"]);

/** Whether `words` (folded) hold a question's opening: an auxiliary before a subject, or a question word. */
function holdsQuestionOpening(words: readonly string[]): boolean {
  return words.some((word, i) =>
    QUESTION_WORDS.has(word) ||
    (isAuxiliary(word) &&
      (SUBJECTS.has(words[i + 1] ?? "") || DEMONSTRATIVES.has(words[i + 1] ?? "")))
  );
}

/**
 * Whether a clause's words (folded, its change word last) are a statement whose "?" ends a later
 * question: see the module's documentation. `asked` are the words from the change word to the "?".
 */
function toldBeforeQuestion(
  words: readonly string[],
  asked: readonly string[],
  named: boolean,
): boolean {
  const subject = subjectOf(words[0] ?? "") ?? (named && words.length === 2 ? "name" : undefined);
  if (subject === undefined || subject === "you" || words.length < 2) return false;
  const verb = words.slice(0, -1);
  if (verb.some(isModal) || verb.slice(1).some((word) => subjectOf(word) !== undefined)) {
    return false;
  }
  return subject === "i" || subject === "we" || holdsQuestionOpening(asked);
}

/**
 * Whether the change word `word` of `text` stands in a clause that asks: see the module's
 * documentation. Reads at most {@linkcode QUESTION_WINDOW} characters each side of it. Only
 * where it ends and whether a name is its subject are read, so any word of a clause may be asked
 * about (`settled_choices.ts` asks it of a word of decision).
 */
export function asksChange(text: string, word: Pick<ChangeWord, "end" | "named">): boolean {
  const from = Math.max(0, word.end - QUESTION_WINDOW);
  const before = text.slice(from, word.end);
  let clauseStart = -1;
  for (const mark of before.matchAll(CLAUSE_MARK)) clauseStart = mark.index;
  const after = text.slice(word.end, word.end + QUESTION_WINDOW);
  const next = after.search(CLAUSE_MARK);
  const opens = clauseStart >= 0 || from === 0;
  // The clause must open inside the window (or the text must) for its opening to be read.
  const words = opens ? before.slice(clauseStart + 1).toLowerCase().match(OPENING_WORD) ?? [] : [];
  const subject = invertedSubject(words);
  // "did I tell you we moved": the change is the embedded clause's, told.
  if (subject >= 0 && embedsTelling(words.slice(subject + 1, -1))) return false;
  if (next >= 0 && after[next] === "?") {
    const asked = after.slice(0, next).toLowerCase().match(OPENING_WORD) ?? [];
    return !toldBeforeQuestion(words, asked, word.named);
  }
  return subject >= 0;
}
