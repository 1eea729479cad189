/**
 * A question that is a name and nothing else ("Kav", "Bernie?", "Kit Barnes", "um, Elsie"): a
 * noun phrase with no verb and no question word asks for its referent as a topic, what "tell me
 * about Kav" asks in full. English drops the frame in speech and in search boxes alike (a
 * name typed alone asks who or what that is and what there is to know), so such a question is
 * broad about its name (`broad_subject.ts`): every memory that names it matches it alike, and
 * BM25's length normalisation would rank the shortest mentions first ("Kav was my bridesmaid")
 * over the lines that tell who Kav is ("my sister Kavita (Kav) lives in Didsbury ...").
 *
 * A word is a name here when the question's reading of names took it (`search_question.ts`'s
 * names: capitalised, or written so by the persona's memories): a bare common noun ("running",
 * "sertraline") or a phrase that holds a verb or a function word ("Kav's birthday", "Kit from
 * work") is not read so.
 *
 * @module
 */
import type { BroadSubject } from "./broad_subject.ts";
import { spokenWords } from "./chat_speak.ts";
import { stem, STOPWORDS, words } from "./text.ts";

/**
 * The most words a bare name has ("Kav", "Kit Barnes", "Mary Ann Walsh"); a longer run of
 * capitalised words is a title or a heading, not a name asked about.
 */
export const BARE_NAME_WORDS = 3;

/**
 * The name `text` is when it is one and nothing else, as a broad subject, or undefined.
 * `names` are the question's names as terms (the persona's own left out); each of `text`'s
 * words must be one of them, and there are 1 to {@linkcode BARE_NAME_WORDS} words.
 */
export function bareNameSubject(
  text: string,
  names: readonly string[],
): BroadSubject | undefined {
  if (names.length === 0) return undefined;
  const plain = spokenWords(words(text));
  if (plain.length === 0 || plain.length > BARE_NAME_WORDS) return undefined;
  const asked = new Set(names);
  const terms: string[] = [];
  for (const word of plain) {
    if (STOPWORDS.has(word)) return undefined;
    const term = stem(word);
    if (!asked.has(term)) return undefined;
    if (!terms.includes(term)) terms.push(term);
  }
  return { text: plain.join(" "), terms, names: terms };
}
