/**
 * A name asked alone that the store writes only where a sentence opens ("Kav" for "Kav was my
 * bridesmaid", review42b finding 3): `written_names.ts` takes a word for a name where a text
 * capitalises it inside a sentence, and a bare name's broad reading (`bare_names.ts`) needs its
 * words to be names. Apart from `opening_names.ts`, whose readers (`relation_names.ts`) the
 * bare reading's own modules import.
 *
 * @module
 */
import { bareNameSubject } from "./bare_names.ts";
import { namesNoOne } from "./opening_names.ts";
import { isContentWord, stem, words } from "./text.ts";
import { TIME_WORDS } from "./time_words.ts";
import { writtenAsNames } from "./written_names.ts";

/**
 * The most characters of a question {@linkcode bareOpeningNames} reads: a bare name of
 * `BARE_NAME_WORDS` words with a hesitation and marks fits well within it.
 */
export const BARE_QUESTION_CHARACTERS = 64;

/** A word of a question, as typed: capitalised ("Kav", "Kav's") or not. */
const TYPED_WORD = /[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu;

/**
 * The terms of a bare name's capitalised words ("Kav", "Bernie?", "um, Kav": `bare_names.ts`)
 * that `query.names` lacks and `candidates` write capitalised anywhere, where a sentence opens
 * too ("Kav was my bridesmaid"), and in lower case nowhere (review42b finding 3). A question
 * that is nothing but capitalised words is the evidence a capital inside a sentence gives
 * otherwise: a store capitalises every sentence's first word, name or not, but the asker wrote
 * this word alone and capitalised, as a name is written, and the store never writes it in lower
 * case, as a common word would be somewhere. Empty unless the question, with them, is a bare
 * name (each of its words a name).
 *
 * Left out as ever ({@linkcode namesNoOne}): months, weekdays, feasts, languages, family
 * titles; and words of time ("Yesterday", "Tonight", `TIME_WORDS`), which English fronts
 * ("Yesterday we ...") so that a store may write them only where a sentence opens; and
 * function words and places. A common noun a store writes only at sentence starts ("Dinner
 * with Sam was lovely") is read as a name: the question asks for it as a topic all the same.
 */
export function bareOpeningNames(
  query: { text: string; names: readonly string[] },
  candidates: readonly { record: { content: string } }[],
  isPlace: (word: string) => boolean,
): string[] {
  if (query.text.length > BARE_QUESTION_CHARACTERS) return [];
  const asked: string[] = [];
  for (const [token] of query.text.matchAll(TYPED_WORD)) {
    const folded = words(token)[0] ?? "";
    if (!/^\p{Lu}\p{Ll}/u.test(token) || !isContentWord(folded) || isPlace(folded)) continue;
    if (namesNoOne(folded) || TIME_WORDS.has(folded)) continue;
    const term = stem(folded);
    if (!query.names.includes(term) && !asked.includes(term)) asked.push(term);
  }
  // Only a question its words could make a bare name (`BARE_NAME_WORDS` at most) reads its
  // candidates.
  if (asked.length === 0) return [];
  if (bareNameSubject(query.text, [...query.names, ...asked]) === undefined) return [];
  const found = writtenAsNames(asked, candidates, { opening: true });
  return bareNameSubject(query.text, [...query.names, ...found]) === undefined ? [] : found;
}
