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
import { NOTE_HEAD } from "./ranking.ts";
import { terms, words } from "./text.ts";
import { rememberedByText, type TextMemo } from "./text_memo.ts";

/**
 * The separators between a note's head and its value: a colon before a space ("dentist: Dr
 * Okoro", not a clock's "27:52" nor "1:1s"), an equals sign, an arrow ("→", "->") and a dash
 * with a space on each side (em, en or hyphen: "Tom — geog teacher", not "5-a-side").
 */
const SEPARATOR = /:(?=\s)|=|→|->|\s[—–-]\s/u;

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
 * The head of `content` as terms (`text.ts`): the content words before its first separator, if
 * the separator comes after 1 to {@linkcode HEAD_TERMS} of them and no word only a clause opens
 * with (a subject pronoun, a finite "be", "have" or "do"); else none. Remembered by text: every
 * search whose query has terms asks it of each candidate, and reading each head's words and
 * terms again took ~0.25 s of a 32-session, 960-chat run's main thread (perf53's profile);
 * worked out when a memory is written, with the other facts asked of every candidate.
 */
export const noteHead: TextMemo<readonly string[] | undefined> = rememberedByText(
  headOf,
  { everyCandidate: true },
);

function headOf(content: string): readonly string[] | undefined {
  const at = content.search(SEPARATOR);
  if (at <= 0) return undefined;
  const opening = content.slice(0, at);
  if (words(opening).some((word) => CLAUSE_WORDS.has(word))) return undefined;
  const head = terms(opening);
  return head.length > 0 && head.length <= HEAD_TERMS ? head : undefined;
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
