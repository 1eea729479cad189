/**
 * Whose thing a line tells of. A question that names its person as the owner of what it asks
 * ("when is Mo's parents' evening", "who is Priya's best mate", "who's Aunt Reena's GP") is not
 * answered by a line where that thing is only another person's ("Mo's friend Jacob's parents'
 * evening was last night", "the Harper boy is Mo's best mate, Jacob"), though it shares the
 * topic's words and even the asked name. So a memory in which every possessive before a word of
 * the asked thing is another person's ("Jacob's parents' evening") loses
 * {@linkcode KIN_OTHERS} of its score, as a memory about someone else's relative does
 * (`kin_owners.ts`): the same judgement, for any thing a person has. A line that says the asked
 * owner's, or the thing with no owner, keeps its score; no line is dropped.
 *
 * @module
 */
import { KIN_OTHERS } from "./kin_owners.ts";
import { KIN_FORMS } from "./meaning/kin_terms.ts";
import { STOPWORDS, terms, words } from "./text.ts";
import { capitalisedWords } from "./query_names.ts";
import { rememberedByText } from "./text_memo.ts";

/** How many words after a possessive its thing may take ("Mo's left back boots"). */
export const POSSESSED_WORDS = 3;

/** One "X's thing" of a text: the owner, folded, and the terms of the words after it. */
export interface Possession {
  owner: string;
  terms: readonly string[];
}

const TOKEN = /[\p{L}\p{N}]+(?:['’]\p{L}*)?/gu;
/** A person's possessive: a capitalised name or a family word with "'s" ("Mo's", "dad's"). */
const OWNER = /^(\p{L}+)['’]s$/u;

/**
 * The possessions of `text`: each possessive of a person (a capitalised word, or a family word,
 * with "'s") and the terms of up to {@linkcode POSSESSED_WORDS} words after it, written with
 * nothing but spaces between them and ending before a function word or the next possessive.
 * Remembered by text.
 */
export const possessions: (text: string) => readonly Possession[] = rememberedByText((text) => {
  const tokens = [...text.matchAll(TOKEN)];
  const found: Possession[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const owner = ownerOf(tokens[i]![0]);
    if (owner === undefined) continue;
    const after: string[] = [];
    let end = tokens[i]!.index + tokens[i]![0].length;
    for (let j = i + 1; j < tokens.length && after.length < POSSESSED_WORDS; j++) {
      const token = tokens[j]!;
      if (!/^\s+$/u.test(text.slice(end, token.index))) break;
      if (ownerOf(token[0]) !== undefined) break;
      // A function word ends the thing's noun phrase ("dad's GP is ...", "Mo's coach at ...").
      if (words(token[0]).every((word) => STOPWORDS.has(word))) break;
      after.push(token[0]);
      end = token.index + token[0].length;
    }
    const owned = terms(after.join(" "));
    if (owned.length > 0) found.push({ owner, terms: owned });
  }
  return found;
});

/** Whether a folded owner is a family word ("dad"), not a name. */
function isKin(owner: string): boolean {
  return KIN_FORMS.has(owner);
}

/**
 * Pronouns that are no stop words, folded: the indefinite ones, a closed class ("Everyone's
 * parents' evening" may be the asked person's too, "someone's" may be theirs), and "let", whose
 * "'s" is the pronoun "us" ("Let's book parents' evening").
 */
const NO_OWNERS: ReadonlySet<string> = new Set(
  ("one someone somebody anyone anybody everyone everybody noone nobody another either " +
    "neither whoever whomever whatever whichever let").split(" "),
);

/**
 * The folded owner of a possessive `token`, when it is a person's; else none. A stop word or a
 * pronoun is no owner, capitalised or not: "It's", "She's", "That's", "Who's", "There's" say
 * "is" or "has" (review39 F6), and the line is as likely the asked person's as not.
 */
function ownerOf(token: string): string | undefined {
  const match = OWNER.exec(token);
  if (match === null) return undefined;
  const word = match[1]!;
  const folded = word.toLowerCase();
  if (STOPWORDS.has(folded) || NO_OWNERS.has(folded)) return undefined;
  return /^\p{Lu}/u.test(word) || KIN_FORMS.has(folded) ? folded : undefined;
}

/**
 * The things `query` asks as a person's ("Mo's parents' evening": Mo, "parent" and "even";
 * {@linkcode possessions}), and those after "his" or "her" when the question names one person
 * ("what does Mo take for his hay fever": Mo's hay fever).
 */
export function askedPossessions(query: string): readonly Possession[] {
  const asked = [...possessions(query)];
  // "what does Mo take for his hay fever": "his" is the one person the question names.
  const named = capitalisedWords(query).filter((word) => !word.opensSentence && word.token !== "I");
  if (named.length !== 1) return asked;
  const owner = named[0]!.folded;
  for (const match of query.matchAll(PRONOUN_THING)) {
    const thing = possessions(`${named[0]!.token}'s ${match[1]!}`)[0];
    if (thing !== undefined) asked.push({ owner, terms: thing.terms });
  }
  return asked;
}

/** A possessive pronoun of a third person and the words after it. */
const PRONOUN_THING = /(?<![\p{L}\p{N}])(?:his|her)\s+([^.,;:!?]+)/giu;

/**
 * The factor `content` gets for a query asking `asked`: 1 − {@linkcode KIN_OTHERS} when, for one
 * of them, a term of the thing follows possessives in the content ({@linkcode possessions}), none
 * of them is the asked owner's, and all are of the asked owner's kind (names for a name, family
 * words for a family word: "Dad's" and "Harish's" may be one man); else 1.
 */
export function othersThingFactor(asked: readonly Possession[], content: string): number {
  if (asked.length === 0) return 1;
  const byTerm = ownersByTerm(possessions(content));
  for (const { owner, terms } of asked) {
    const kin = isKin(owner);
    // The owners of the content's things that share a term with the asked thing.
    let any = false;
    let others = true;
    for (const term of terms) {
      const owners = byTerm.get(term);
      if (owners === undefined) continue;
      any = true;
      // A family word and a name may be one person ("my daughter's teacher", "Neema's class
      // teacher"): only owners of one kind tell two persons apart.
      if (owners.names.has(owner) || (kin ? owners.named > 0 : owners.kin > 0)) others = false;
    }
    if (any && others) return 1 - KIN_OTHERS;
  }
  return 1;
}

/** The owners of a text's things that hold one term: their names, and how many are of each kind. */
interface TermOwners {
  names: Set<string>;
  kin: number;
  named: number;
}

/**
 * The owners of `held` (a text's possessions) by each term of their things: a question's asked
 * things are each looked up by their terms, not compared with every possession of the text (a
 * question of 150 "X's coach" read a memory's 400 of them for each, attack40 P1).
 */
function ownersByTerm(held: readonly Possession[]): Map<string, TermOwners> {
  const byTerm = new Map<string, TermOwners>();
  for (const { owner, terms } of held) {
    for (const term of new Set(terms)) {
      let owners = byTerm.get(term);
      if (owners === undefined) byTerm.set(term, owners = { names: new Set(), kin: 0, named: 0 });
      owners.names.add(owner);
      if (isKin(owner)) owners.kin++;
      else owners.named++;
    }
  }
  return byTerm;
}
