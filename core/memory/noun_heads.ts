/**
 * The head of a noun phrase (issue 9, sessions 48-50): the last word of the phrase opening a
 * text ("a job interview at a design agency" → `interview`), read by the frames of awaiting
 * (`awaited_heads.ts`, `awaiting_states.ts`) and by the past events that meet them
 * (`met_prospects.ts`). English ends a noun phrase at a word of grammar, a word of time, a
 * possessor's "'s" or a plural's "s'" (the possessed noun heads: "a girl's bike", "the girls' bikes" →
 * `bike`), a time lead before a
 * word of time ("an interview next Friday"), and a participle after the head ("a dog called
 * Rex", "the interview moved to Monday"). A one-letter prefix joined by a hyphen ("t-shirt",
 * "x-ray", "e-bike") is part of its word.
 *
 * @module
 */
import { isContentWord, stem, words } from "./text.ts";
import { PERSONAL_POSSESSIVES } from "./function_words.ts";
import { TIME_WORDS } from "./time_words.ts";

/** Words before the head of a noun phrase that {@linkcode headAfter} passes over. */
export const NOUN_OPENERS: ReadonlySet<string> = new Set([
  "a",
  "an",
  "the",
  ...PERSONAL_POSSESSIVES,
  "this",
  "that",
  "some",
  "new",
]);

/**
 * The prop-word "one" stands for a noun said elsewhere ("the next one is due", "the oled one"):
 * it names no thing of its own.
 */
export const PROP_WORDS: ReadonlySet<string> = new Set(["one", "ones"]);

/** How far a noun phrase is read, in characters. */
export const PHRASE_CHARS = 60;

/** A clause's end: a prospect is met, and its subject named, inside one clause. */
export const CLAUSE_END = /[.!?;:\n,—–()]/;

/** Words leading a time ahead or past ("next Friday", "last week"): the noun phrase ends there. */
const TIME_LEADS: ReadonlySet<string> = new Set(["next", "last", "this", "coming"]);

/** A regular past ("moved", "called"), not a word in "-eed" ("need", "seed", "breed"). */
export const REGULAR_PAST = /^\p{Ll}{2,}(?<!e)ed$/u;

/**
 * A regular past participle after a noun's head, which opens a reduced relative clause ("a dog
 * called Rex"): {@linkcode REGULAR_PAST} with three letters before "ed" at least, as the nouns
 * "shed", "sled" and "bed" have fewer.
 */
const PARTICIPLE = /^\p{Ll}{3,}(?<!e)ed$/u;

/** A plural possessor's apostrophe ("the girls' night"): read as the singular's "'s". */
const PLURAL_POSSESSOR = /(?<=\p{L}s)['’](?=\s+\p{L})/gu;

/** A one-letter prefix joined by a hyphen ("t-shirt", "x-ray", "e-bike"): one word, not two. */
const LETTER_PREFIX = /(?<![\p{L}\p{N}'’])(\p{L})-(?=\p{L})/gu;

/**
 * The folded words of `text` (`words`), a one-letter prefix joined to its word ("t-shirt" →
 * `tshirt`: split, its letter would be a stray word ending a phrase, or a negation's "t"), and a
 * plural possessor marked as a singular one is ("the girls' night" → `girls s night`).
 */
export function phraseWords(text: string): string[] {
  return words(text.replace(LETTER_PREFIX, "$1").replace(PLURAL_POSSESSOR, " s"));
}

/** The stem of the last word of the noun phrase opening `after` (past openers and numbers). */
export function headAfter(after: string): string | undefined {
  const phrase = phraseWords(after.slice(0, PHRASE_CHARS).split(CLAUSE_END, 1)[0]!);
  let at = 0;
  while (at < phrase.length && (NOUN_OPENERS.has(phrase[at]!) || /^\d/.test(phrase[at]!))) at++;
  let head: string | undefined;
  for (; at < phrase.length; at++) {
    const word = phrase[at]!;
    // A possessor is no head ("a girl's night"); nor is a time ahead ("an interview next Friday").
    if (word === "s" && head !== undefined) {
      head = undefined;
      continue;
    }
    if (TIME_LEADS.has(word) && TIME_WORDS.has(phrase[at + 1]!)) break;
    // A participle after the head tells of it ("a dog called Rex"), it is not its noun.
    if (head !== undefined && PARTICIPLE.test(word)) break;
    if (!isContentWord(word) || TIME_WORDS.has(word) || /^\d/.test(word)) break;
    head = word;
  }
  return head === undefined || PROP_WORDS.has(head) ? undefined : stem(head);
}
