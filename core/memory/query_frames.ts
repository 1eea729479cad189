/**
 * The words that only frame a question ("tell me about", "do I still", "what do I know
 * about"), which weigh little in a query.
 *
 * @module
 */
import { stem, words } from "./text.ts";
import { asciiWords } from "./query_words.ts";
import { isSlotWord } from "./answer_slots.ts";

/**
 * Words that frame a question rather than say what it is about: verbs of telling and knowing
 * ("Tell me about my children", "What do I know about my parents?", "Do you remember ..."),
 * adverbs that ask whether something still holds ("Do I still ...", "Did I ever ...") and those
 * that ask about the present ("currently", "nowadays", "at the moment": a word no memory holds,
 * so left at full weight it outweighed the question's own words in BM25 and meaning alike). A
 * word is one by its folded surface form, not its stem: "presently" frames a question, while
 * "presentation", "presents", "current", "moments" and "kindness" (the same stems as
 * "presently", "currently", "moment", "kind") say what it is about. In a query the terms only
 * such words give ({@linkcode frameTerms}) have their BM25 weight multiplied by
 * {@linkcode QUESTION_FRAME_WEIGHT}, their share of its meaning (sentence vector, word alignment)
 * brought to `QUERY_FRAME_MEANING_WEIGHT` (`ranking.ts`), and no synonyms (`expansion.ts`); in
 * memories they are ordinary words.
 */
export const QUESTION_FRAME_WORDS: ReadonlySet<string> = new Set(
  ("tell tells told telling know knows knew knowing remember remembers remembered remembering " +
    "recall recalls recalled recalling describe describes described describing mention " +
    "mentions mentioned mentioning anything something everything ever still currently usually really " +
    "actually also please thing things stuff kind kinds sort sorts moment nowadays presently")
    .split(" "),
);

/** The weight a question-frame word keeps in a query (content words keep 1). */
export const QUESTION_FRAME_WEIGHT = 0.25;

/**
 * The terms (stems) of `text` that only frame it: those of its {@linkcode QUESTION_FRAME_WORDS}
 * and of the words after "how" that only ask for a value ("how long", "how many": `isSlotWord`),
 * unless another word of it has the same stem ("Presently, my presentation ...": `present`
 * is what it asks about).
 */
export function frameTerms(text: string): ReadonlySet<string> {
  const frames = new Set<string>();
  const content = new Set<string>();
  const folded = asciiWords(text) ?? words(text);
  for (let i = 0; i < folded.length; i++) {
    const word = folded[i]!;
    const frame = QUESTION_FRAME_WORDS.has(word) || isSlotWord(folded, i);
    (frame ? frames : content).add(stem(word));
  }
  for (const term of content) frames.delete(term);
  return frames;
}

/** The factor on the weight of a query term (a stem), given the query's `frames`. */
export function queryTermFactor(term: string, frames: ReadonlySet<string>): number {
  return frames.has(term) ? QUESTION_FRAME_WEIGHT : 1;
}
