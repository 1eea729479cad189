/**
 * A question that is a name and nothing else ("Kav", "Bernie?", "Kit Barnes", "um, Elsie"): a
 * noun phrase with no verb and no question word asks for its referent as a topic, what "tell me
 * about Kav" asks in full. English drops the frame in speech and in search boxes alike (a
 * name typed alone asks who or what that is and what there is to know), so such a question is
 * broad about its name (`broad_subject.ts`): every memory that names it matches it alike, and
 * BM25's length normalisation would rank the shortest mentions first ("Kav was my bridesmaid")
 * over the lines that tell who Kav is ("my sister Kavita (Kav) lives in Didsbury ...").
 *
 * So is a question for whoever bears a name ("who's called Sam", "anyone named Kit"): the naming
 * words ("called", "named", the ones `relation_names.ts` reads) after "who" and a copula or an
 * indefinite pronoun ask only who is introduced by that name, and each bearer's lines that
 * introduce them ("cousin Sam is Aunt Reena's son Samir") answer it.
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
  return nameAlone(calledName(spokenWords(words(text))), names);
}

/** The words that say a name follows ("who's called Sam", "anyone named Kit"). */
const NAMING: ReadonlySet<string> = new Set(["called", "named"]);

/** The copulas of "who's called", "who is named", "who are called". */
const COPULAS: ReadonlySet<string> = new Set(["s", "is", "are", "was", "were"]);

/**
 * The indefinite pronouns that ask for whoever bears a name ("anyone called Sam"): a closed
 * class with the question word "who".
 */
const BEARERS: ReadonlySet<string> = new Set([
  "who",
  "anyone",
  "anybody",
  "someone",
  "somebody",
  "everyone",
  "everybody",
  "people",
]);

/**
 * The words after "called"/"named" when the question asks only who bears them ("who's called
 * Sam", "is there anyone named Kit", "everyone called Sam"): before the naming word, a bearer
 * ({@linkcode BEARERS}; "who" with a copula) and otherwise stop words. Else `plain` itself.
 */
function calledName(plain: readonly string[]): readonly string[] {
  const naming = plain.findIndex((word) => NAMING.has(word));
  if (naming < 0) return plain;
  const before = plain.slice(0, naming);
  const bearers = before.filter((word) => BEARERS.has(word));
  // "who called Sam" asks who phoned him: "who" takes a copula before the naming word ("who's
  // called", "who is named"); a pronoun's reduced relative needs none ("anyone called Sam").
  const named = bearers[0] !== "who" || before.some((word) => COPULAS.has(word));
  const asksBearer = bearers.length > 0 && named &&
    before.every((word) => BEARERS.has(word) || STOPWORDS.has(word));
  return asksBearer ? plain.slice(naming + 1) : plain;
}

/** `plain` as a broad subject when it is 1 to {@linkcode BARE_NAME_WORDS} of `names`. */
function nameAlone(plain: readonly string[], names: readonly string[]): BroadSubject | undefined {
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
