/**
 * A question typed as a bare phrase ("Harriet Vance", "house party in Fallowfield", "Jollof and
 * Rice"): no question word, no auxiliary first, no question mark, two to {@linkcode PHRASE_WORDS}
 * words, no personal pronoun (a clause: "tell me about my kids") and no colon, semicolon or comma
 * (a heading or a list: "Priya's health: allergies and medication"). Such a phrase is one unit, a name or a noun phrase, and English words a unit in one
 * order with nothing between (a name's parts, a compound's modifier and head, a prepositional
 * phrase's words): a line that holds the words apart or only some of them ("Harriet's gone to the
 * National", "Hillsborough parkrun", "jollof rice", "house parties") speaks of something else.
 * Such a line loses {@linkcode PHRASE_APART} of its score. Words are compared by stem, so a form
 * of the phrase ("apprenticeships at lisnave shipyards") still holds it.
 *
 * The rule parts lines only in a pool where some line holds the phrase ({@linkcode pooledPhrase},
 * read once per search like the store's users, `store_users.ts`): then the phrase names a unit the
 * store speaks of, and a line holding its words apart speaks of something else. Where none holds
 * it, the phrase is a string of keywords ("blue lighthouse", "lighthouse painted": how agents and
 * REST users search), every line holds them apart, and lowering them all would only push them
 * under the floors that compare scores (coverage's `ASPECT_OWN`, a client's own cut-off).
 *
 * @module
 */
import {
  FINITE_AUXILIARIES,
  PERSONAL_POSSESSIVES,
  PERSONAL_PRONOUNS,
  QUESTION_WORDS,
} from "./function_words.ts";
import { senderMessage } from "./sender_message.ts";
import { poolHolds } from "./search_pool.ts";
import { stem, words } from "./text.ts";
import { rememberedByText } from "./text_memo.ts";

/** The share of its score a line loses when it does not hold the bare phrase asked in order. */
export const PHRASE_APART = 0.2;
/** The most words a bare phrase has: a longer text is a sentence, its words free to move. */
export const PHRASE_WORDS = 6;
/** How many characters of a line are searched for the phrase: a long text costs no more. */
export const PHRASE_CHARS = 2_000;

/**
 * The determiners that may open a noun phrase: not part of the unit, as English changes them with
 * the speaker and the context ("my mum", "Mum", "her mum"; "the band", "our band").
 */
const DETERMINERS: ReadonlySet<string> = new Set([
  ...PERSONAL_POSSESSIVES,
  ..."the a an this that these those its".split(" "),
]);

/** A question mark, or a mark that parts a heading from its topics or a list's items. */
const CLAUSE_MARKS = /[?:;,]/;

/** The stems of `query` when it is a bare phrase (see the module's documentation), else undefined. */
export function askedPhrase(query: string): readonly string[] | undefined {
  if (CLAUSE_MARKS.test(query)) return undefined;
  const folded = words(query);
  if (folded.some((word) => PERSONAL_PRONOUNS.has(word))) return undefined;
  if (DETERMINERS.has(folded[0] ?? "")) folded.shift();
  if (folded.length < 2 || folded.length > PHRASE_WORDS) return undefined;
  const first = folded[0]!;
  if (QUESTION_WORDS.has(first) || FINITE_AUXILIARIES.has(first)) return undefined;
  return folded.map(stem);
}

/**
 * The factor `content` gets for the bare phrase `phrase` ({@linkcode askedPhrase}): 1 when its
 * first {@linkcode PHRASE_CHARS} characters hold the phrase's stems in order with nothing
 * between, else 1 − {@linkcode PHRASE_APART}; 1 for no phrase.
 */
export function phraseApartFactor(phrase: readonly string[] | undefined, content: string): number {
  if (phrase === undefined || holdsPhrase(phrase, content)) return 1;
  return 1 - PHRASE_APART;
}

/**
 * The stems of a line's first {@linkcode PHRASE_CHARS} characters, remembered by text: a
 * bare-phrase search asks for them of each candidate, and the same memories are candidates search
 * after search (perf72: read afresh, ~1 % of a chat's allocation).
 */
const leadingStems: (content: string) => readonly string[] = rememberedByText(
  (content) => words(content.slice(0, PHRASE_CHARS)).map(stem),
  // Asked of every candidate of a search of a kind (a bare phrase): worked out ahead.
  { everyCandidate: true },
);

/**
 * The stems of `query`'s bare phrase ({@linkcode askedPhrase}) when one of `contents` (a search's
 * candidates) holds it in order, else undefined: no line is told apart from the others when none
 * holds it (see the module's documentation). Stops at the first line that holds it.
 */
export function pooledPhrase(
  query: string,
  contents: Iterable<string>,
): readonly string[] | undefined {
  const phrase = askedPhrase(query);
  if (phrase === undefined) return undefined;
  const holds = (content: string) =>
    holdsPhrase(phrase, content) && !repeatsPhrase(phrase, content);
  return poolHolds(contents, holds) ? phrase : undefined;
}

/**
 * Whether `content` is a kept exchange whose sender's message is the phrase itself
 * (`sender_message.ts`): the same words said again ("Sounds good thanks", "Good morning Aria"),
 * not a line that speaks of a unit the phrase names, so it does not make the phrase a unit of the
 * store (review44c F2: a repeated acknowledgement lowered every fact by PHRASE_APART).
 */
function repeatsPhrase(phrase: readonly string[], content: string): boolean {
  const message = senderMessage(content);
  if (message === content) return false;
  const said = askedPhrase(message);
  return said !== undefined && said.length === phrase.length &&
    said.every((part, i) => part === phrase[i]);
}

/** Whether the first {@linkcode PHRASE_CHARS} characters of `content` hold `phrase`'s stems in order. */
function holdsPhrase(phrase: readonly string[], content: string): boolean {
  const stems = leadingStems(content);
  // No closure per place (`every`'s made one each): a bare phrase is looked for in every line
  // of a search's pool until one holds it (`pooledPhrase`), and in each ranked line.
  for (let at = 0; at + phrase.length <= stems.length; at++) {
    let held = 0;
    while (held < phrase.length && stems[at + held] === phrase[held]) held++;
    if (held === phrase.length) return true;
  }
  return false;
}
