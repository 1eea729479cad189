/**
 * The things a text tells as the speaker's own: the words after "my" or "our" ("our wedding",
 * "my first job"). A question that asks of the speaker's own thing ("where did we have our
 * wedding") is not answered by a line where that thing is only a named person's ("the aunties
 * were going on about Yetunde's wedding"), though it shares the thing's words: English marks
 * whose a thing is with a possessive determiner, a closed class, and "my"/"our" and "Yetunde's"
 * fill the same place before the noun, so they cannot both own one mention. `possessed_topics.ts`
 * judges a line's owners against the asked one; this module gives it the speaker as an owner, so
 * the same judgement holds for "my"/"our" as for "Mo's".
 *
 * @module
 */
import { STOPWORDS, terms, words } from "./text.ts";
import { rememberedByText } from "./text_memo.ts";

/**
 * The owner a speaker's own thing is filed under: "i" is a stop word, so no possessive of a
 * person ("Mo's", `possessed_topics.ts`) is ever read as it.
 */
export const SPEAKER_OWNER = "i";

/** How many words after "my"/"our" the thing may take ("my first ever job"). */
export const OWN_THING_WORDS = 3;

/** One thing of the speaker's: the owner ({@linkcode SPEAKER_OWNER}) and the thing's terms. */
export interface OwnThing {
  owner: string;
  terms: readonly string[];
}

const TOKEN = /[\p{L}\p{N}]+(?:['’]\p{L}*)?/gu;
/** The possessive determiners of the speaker, a closed class. */
const OWN_DETERMINERS: ReadonlySet<string> = new Set(["my", "our"]);
/** A possessive ("Mo's", "son's"): the thing after it is that one's, not the speaker's. */
const POSSESSIVE = /['’]s$/u;

/**
 * The speaker's own things in `text`: after each "my" or "our", the terms of up to
 * {@linkcode OWN_THING_WORDS} words with nothing but spaces between them, ending before a
 * function word; none when a possessive comes first ("my son's school" is the son's).
 * Remembered by text; each word is read at most once as a thing's start and
 * `OWN_THING_WORDS` times after one.
 */
export const ownThings: (text: string) => readonly OwnThing[] = rememberedByText((text) => {
  const tokens = [...text.matchAll(TOKEN)];
  const found: OwnThing[] = [];
  for (let i = 0; i < tokens.length; i++) {
    if (!OWN_DETERMINERS.has(tokens[i]![0].toLowerCase())) continue;
    const after: string[] = [];
    let end = tokens[i]!.index + tokens[i]![0].length;
    for (let j = i + 1; j < tokens.length && after.length < OWN_THING_WORDS; j++) {
      const token = tokens[j]!;
      if (!/^\s+$/u.test(text.slice(end, token.index))) break;
      if (POSSESSIVE.test(token[0])) {
        after.length = 0;
        break;
      }
      // A function word ends the thing's noun phrase ("my job at ...", "our wedding was ...").
      if (words(token[0]).every((word) => STOPWORDS.has(word))) break;
      after.push(token[0]);
      end = token.index + token[0].length;
    }
    const owned = terms(after.join(" "));
    if (owned.length > 0) found.push({ owner: SPEAKER_OWNER, terms: owned });
  }
  return found;
});
