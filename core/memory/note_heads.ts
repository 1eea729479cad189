/**
 * The head of a note: the few words before a key separator that say what the note is about
 * ("dentist: Dr Okoro", "boss = Gareth Pryce", "kids' school → Cotham Gardens Primary", "Tom —
 * geog teacher"). A user who keeps notes writes the subject once, as a label, and the rest is
 * its value; a line that holds a question's word only in its value ("M&S: Percy Pigs for Rafi's
 * class" for "when was Rafi born") is about its head, not the word, while the note headed by it
 * ("Rafi — DOB 9/10/2019") is the one the question asks for. So a memory whose head holds one of
 * the query's terms gains {@linkcode NOTE_HEAD} of its score, as a title field does in search
 * engines. Prose seldom has such a head: a colon or dash after at most
 * {@linkcode HEAD_TERMS} content words and no subject pronoun or finite "be", "have" or "do" at
 * the start of a line is a label's layout, and a longer opening, or one with those, is a clause ("I went to the shop — it was
 * closed").
 *
 * @module
 */
import { NOTE_HEAD } from "./text_factor_shares.ts";
import { termsOfWords, words } from "./text.ts";
import { rememberedByText, type TextMemo } from "./text_memo.ts";

/**
 * The separators between a note's head and its value: a colon before a space ("dentist: Dr
 * Okoro", not a clock's "27:52" nor "1:1s"), an equals sign, an arrow ("→", "->") and a dash
 * with a space on each side (em, en or hyphen: "Tom — geog teacher", not "5-a-side").
 */
export const SEPARATOR = /:(?=\s)|=|→|->|\s[—–-]\s/u;

/** The most content words a head holds: more make a clause, not a label. */
export const HEAD_TERMS = 4;

/**
 * Words only a clause opens with: English's subject pronouns ("I walked the dog — it rained")
 * and the finite forms of "be", "have" and "do" ("Amara's Spanish is roughly A2: she can order
 * food"). A label drops both ("dog walker — Sam", "Spanish level: A2").
 */
const CLAUSE_WORDS: ReadonlySet<string> = new Set(
  ["i", "we", "you", "he", "she", "they", "is", "are", "was", "were", "am", "has", "have", "had"]
    .concat(["does", "did"]),
);

/**
 * How many characters of an opening {@linkcode noteHead} reads first; it reads twice as many
 * each time what it read could still be a head.
 */
export const HEAD_READ = 64;

/** What {@linkcode noteHead} may be given besides the text. */
export interface NoteHeadOptions {
  /** The analyser's words of a text (default `text.ts` `words`; tests count what it reads). */
  words?: (text: string) => string[];
}

/**
 * The head of `content` as terms (`text.ts`): the content words before its first separator, if
 * the separator comes after 1 to {@linkcode HEAD_TERMS} of them and no word only a clause opens
 * with (a subject pronoun, a finite "be", "have" or "do"); else none. Remembered by text: every
 * search whose query has terms asks it of each candidate, and reading each head's words and
 * terms again took ~0.25 s of a 32-session, 960-chat run's main thread (perf53's profile);
 * worked out when a memory is written, with the other facts asked of every candidate.
 */
export const noteHead: TextMemo<readonly string[] | undefined> = rememberedByText(
  (content) => readNoteHead(content),
  { everyCandidate: true },
);

/**
 * {@linkcode noteHead} read afresh, not remembered: the head of `content` as terms, or none.
 * `options.words` lets a test count what it reads.
 */
export function readNoteHead(
  content: string,
  options: NoteHeadOptions = {},
): readonly string[] | undefined {
  const at = content.search(SEPARATOR);
  if (at <= 0) return undefined;
  const read = options.words ?? words;
  // A head is a few words, and a search asks this of every candidate: a long opening (10,000
  // characters of prose before a colon at its end) is read in growing prefixes, each cut at a
  // space so that its words are the opening's first words, until one shows a clause word or
  // more terms than a head holds. No more is needed to refuse it: a word's terms depend on it
  // and the word before it alone (`termsOfWords`), so the whole has at least the prefix's terms.
  for (let length = HEAD_READ;; length *= 2) {
    const end = spaceFrom(content, Math.min(length, at), at);
    const opening = read(content.slice(0, end));
    if (opening.some((word) => CLAUSE_WORDS.has(word))) return undefined;
    const head = termsOfWords(opening);
    if (head.length > HEAD_TERMS) return undefined;
    if (end >= at) return head.length > 0 ? head : undefined;
  }
}

const SPACE = /\s/g;

/** The first index from `from` up to `end` where `text` has white space, else `end`. */
function spaceFrom(text: string, from: number, end: number): number {
  SPACE.lastIndex = from;
  const found = SPACE.exec(text);
  return found === null || found.index >= end ? end : found.index;
}

/**
 * The factor a note's head gives its score for a query of `queryTerms`: 1 + {@linkcode NOTE_HEAD}
 * when `content` has a head ({@linkcode noteHead}) that holds one of them, else 1.
 */
export function headFactor(queryTerms: ReadonlySet<string>, content: string): number {
  if (queryTerms.size === 0) return 1;
  const head = noteHead(content);
  return head !== undefined && head.some((term) => queryTerms.has(term)) ? 1 + NOTE_HEAD : 1;
}
