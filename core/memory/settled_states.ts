/**
 * "it's fine now": a state said of a pro-form, which tells no new value of anything another
 * memory says. "now" tells a change (`CHANGE_WORDS`) because it sets a present against a past;
 * what changed is what its clause is about. Where that clause's subject is a pro-form that names
 * nothing ("it", "that", "this", "everything", "all", "things") and all it says of it is a
 * quality ("fine", "okay", "sorted", "much better"), the clause is the speaker's verdict on
 * something told beside it ("Mum and Dad split up when I was nine, it's fine now"), not a new
 * value of a fact: a value is a noun ("it's Thursdays now for climbing"), a name ("it's a Honda
 * now"), a number ("it's 40 now"), a quality of a topic named before it (below), or says more
 * than the verdict (anything after "now" in its
 * clause: "it's Thursdays now for climbing"). Such a "now" is left out of the change words a
 * newer memory's change is read from (`update_pairs.ts`, `told`), so a verdict beside a name no
 * longer makes a memory the unlinked update of every line naming it (recall75's misses, set 20).
 * A pronoun whose referent a kept exchange gives ("my knee hurt for weeks, it's fine now") is
 * read the same way: what "it" stands for is not known here, and the line still ranks on its
 * own words. A new value is often an adjective too ("it's closed now", "it's remote now"): that
 * is read as a value only where the pro-form takes up a topic set off before it ("My old school,
 * it's closed now", "The Foundry? it's closed now"); alone ("it's closed now", "that's over
 * now"), an adjective is read as a verdict, since nothing in the text says what it is of.
 *
 * Word classes come from the word data the project ships (`isNounHead`: WordNet's words used
 * mostly as nouns), so no list of adjectives is kept.
 *
 * @module
 */
import { asksChange } from "./asked_changes.ts";
import { FINITE_AUXILIARIES, PERSONAL_POSSESSIVES } from "./function_words.ts";
import { isNounHead } from "./noun_modifiers.ts";
import type { ChangeWord } from "./change_words.ts";
import { changeStemsOfText } from "./update_facts.ts";
import { rememberedByText } from "./text_memo.ts";

/** Pro-forms that name nothing: a state said of one is a verdict, not a value of a thing. */
export const PRO_FORMS: ReadonlySet<string> = new Set([
  "it",
  "that",
  "this",
  "everything",
  "all",
  "things",
]);

/**
 * How far before "now" its clause may start (characters): a pro-form, a verb and two words of
 * quality ("everything's absolutely fine" is 28). Read in a window this wide, so a long text
 * with no clause mark costs no more than a short one.
 */
export const VERDICT_WINDOW = 48;

/** The most words of quality a verdict says ("much better"). */
export const VERDICT_WORDS = 2;

/** Marks that end a clause, or a comma: what opens the clause "now" closes. */
const CLAUSE_MARKS = /[,.!?;:\n\r\u2028\u2029]/g;

/**
 * The clause before a "now": a pro-form, optionally its verb "is"/"are"/"was"/"were"/"feels"/"seems"/"looks"
 * (or "'s", "'s been", "has been"), then the words said of it.
 */
const VERDICT = new RegExp(
  "^(\\p{L}+)(?:['’]s(?:\\s+been)?|\\s+(?:is|are|was|were|has\\s+been|feels|seems|looks))?" +
    "((?:\\s+[\\p{L}\\p{N}'’-]+)+)$",
  "iu",
);

/** What may follow a verdict's "now" in its clause: nothing, or the clause's end. */
const CLAUSE_CLOSED = /^\s*(?:[,.!?;:\n\r\u2028\u2029]|$)/u;

/**
 * Whether a word names (a capital, where the clause has lower case letters: a clause in capitals
 * shouts, it names nothing by them), counts (a digit) or is a noun: a value, not a quality.
 */
function isValue(word: string, cased: boolean): boolean {
  return (cased && /^\p{Lu}/u.test(word)) || /\p{N}/u.test(word) ||
    isNounHead(word.toLowerCase().replace(/['’]s$/u, ""));
}

/** Determiners open a noun phrase ("it's a Honda now", "it's the 52 now"): a value. */
const DETERMINERS: ReadonlySet<string> = new Set([
  "a",
  "an",
  "the",
  "its",
  ...PERSONAL_POSSESSIVES,
]);

/** Words that make a stretch of text a clause, not a bare noun phrase: a subject, a finite verb. */
function isClauseWord(word: string): boolean {
  const folded = word.toLowerCase().replace(/['’]\p{L}+$/u, "");
  return FINITE_AUXILIARIES.has(folded) || SUBJECT_PRONOUNS.has(folded);
}

/** Subject pronouns: a stretch holding one is a clause of its own, no topic. */
const SUBJECT_PRONOUNS: ReadonlySet<string> = new Set(["i", "we", "you", "he", "she", "they"]);

/**
 * Whether the stretch of `window` before the verdict clause's mark at `mark` (back to the mark
 * before it, or the text's start when `whole`) is a topic the pro-form takes up: a bare noun
 * phrase, set off by a comma or a "?" ("My old school, it's closed now", "The Foundry? it's
 * closed now"). English's left dislocation: the pronoun then stands for that noun, and what is
 * said of it is the noun's new value, an adjective as much as a noun.
 */
function namesTopic(window: string, mark: number, whole: boolean): boolean {
  if (window[mark] !== "," && window[mark] !== "?") return false;
  let previous = -1;
  for (const found of window.slice(0, mark).matchAll(CLAUSE_MARKS)) previous = found.index;
  if (previous < 0 && !whole) return false;
  const words = window.slice(previous + 1, mark).match(/[\p{L}\p{N}'’-]+/gu) ?? [];
  const head = words.at(-1);
  if (head === undefined || words.length > TOPIC_WORDS || words.some(isClauseWord)) return false;
  return /^\p{Lu}/u.test(head) || isNounHead(head.toLowerCase());
}

/** The most words a topic set off before a verdict's clause has ("my old school"). */
export const TOPIC_WORDS = 4;

/**
 * Whether the change word `word` of `text` is a "now" closing a verdict on a pro-form ("it's fine
 * now", "all good now", "that's sorted now"): see the module's documentation.
 */
export function closesVerdict(text: string, word: ChangeWord): boolean {
  const start = word.end - 3;
  if (start < 0 || text.slice(start, word.end).toLowerCase() !== "now") return false;
  if (!CLAUSE_CLOSED.test(text.slice(word.end, word.end + 4))) return false;
  const from = Math.max(0, start - VERDICT_WINDOW);
  const window = text.slice(from, start);
  let clauseStart = -1;
  for (const mark of window.matchAll(CLAUSE_MARKS)) clauseStart = mark.index;
  // The clause must open inside the window (or the text must): else it says more than a verdict.
  if (clauseStart < 0 && from > 0) return false;
  if (clauseStart >= 0 && namesTopic(window, clauseStart, from === 0)) return false;
  const clause = window.slice(clauseStart + 1).trim();
  const match = VERDICT.exec(clause);
  if (match === null || !PRO_FORMS.has(match[1]!.toLowerCase())) return false;
  const said = match[2]!.trim().split(/\s+/u);
  const cased = /\p{Ll}/u.test(clause);
  return said.length <= VERDICT_WORDS &&
    said.every((said) => !DETERMINERS.has(said.toLowerCase()) && !isValue(said, cased));
}

/**
 * The change words of `text` a change is read from: its {@linkcode changeStemsOfText} without a
 * "now" that closes a verdict on a pro-form ({@linkcode closesVerdict}) and without one that
 * stands in a question (`asksChange`, `asked_changes.ts`). Remembered by text.
 */
export const toldChangesOfText: (text: string) => readonly ChangeWord[] = rememberedByText(
  (text: string) => {
    const changes = changeStemsOfText(text);
    const told = changes.filter((word) => !closesVerdict(text, word) && !asksChange(text, word));
    return told.length === changes.length ? changes : told;
  },
);
