/**
 * Nouns that modify another noun. "We walked past the dog park" says "dog", but it is about a
 * park: it does not answer "What dog do we have?", nor "A new coffee roastery opened next to the
 * train station" "Do I train at home?", nor "Dario got a job at a car rental company" "What car
 * do I drive?". English marks such a modifier by place: right after an article, a demonstrative
 * or a number ("a", "the", "these", "two"), and followed by a word used mostly as a noun
 * (`noun_heads.gen.json`, `gen_noun_heads.ts`), the head ("park", "station", "rental"); "the
 * city gets noisy" has a verb there, "the dog Max" a name, and "I train paramedics" no
 * determiner. After a possessive the modifier is not told apart (see {@linkcode DETERMINERS}).
 *
 * A memory whose every literal match with the query's terms is a modifier on one side only loses
 * {@linkcode MODIFIER_ONLY} of its score (`TextFactors.modified`): the memory says the word only
 * as the modifier of a head the query does not say ("the dog park" for "What dog ...?"), or the
 * query says it only as the modifier of a head the memory does not say ("Our electricity bill
 * ..." for "Do I have an electric car?"). A memory and a query that share the pair ("the dog
 * park"), or the head as well, keep it whole.
 *
 * @module
 */
import headData from "./meaning/noun_heads.gen.json" with { type: "json" };
import { isContentWord, stem, terms, words } from "./text.ts";
import { rememberedByText } from "./text_memo.ts";
import { termsOf } from "./terms_memo.ts";
import { SortedLines } from "./meaning/sorted_lines.ts";

/** The share of its score a memory loses when it matches the query only through modifiers. */
export const MODIFIER_ONLY = 0.2;

/**
 * Words that open a noun phrase: articles, demonstratives, quantifiers, a few numbers. Not the
 * possessives ("my", "our", "Leo's"): "My phone screen is cracked" is about my phone (a part of
 * it), and answers "What went wrong with my phone?" (with them, multi-set5 lost that answer).
 */
const DETERMINERS: ReadonlySet<string> = new Set(
  ("a an the this that these those some any every each no another one two three four five six " +
    "seven eight nine ten").split(" "),
);

/** The heads, found in the text by binary search (a Set of 36,000 words cost ~30 ms to build). */
let heads: SortedLines | undefined;

/** Whether `word` (folded) is used mostly as a noun (`noun_heads.gen.json`). */
export function isNounHead(word: string): boolean {
  heads ??= new SortedLines(headData.heads, "|");
  return heads.get(word) !== undefined;
}

/** A modifier and its head, as terms: "the dog park" is `{ modifier: "dog", head: "park" }`. */
export interface ModifierPair {
  modifier: string;
  head: string;
}

/**
 * A determiner and the next two words, with nothing but spaces between (a clause break or a
 * hyphen stops it: "the dog. Park ..."), read ahead so that matches may overlap. One scan of the
 * text by the regular expression engine: a search asks this of hundreds of memories' texts.
 */
const AFTER_DETERMINER = new RegExp(
  `(?<![\\p{L}\\p{N}'’])(?:${
    [...DETERMINERS].join("|")
  })[^\\S\\n]+(?=([\\p{L}\\p{N}]+)[^\\S\\n]+([\\p{L}\\p{N}]+))`,
  "giu",
);
/** A capitalised word after it names someone or something: "the dog Max", "a friend Rosa". */
const CAPITAL = /^\p{Lu}/u;

/** The noun modifiers of `text` (see the module's documentation), in order. */
export function modifierPairs(text: string): ModifierPair[] {
  const found: ModifierPair[] = [];
  for (const match of text.matchAll(AFTER_DETERMINER)) {
    const written = match[2]!;
    if (CAPITAL.test(written)) continue;
    const word = words(match[1]!)[0];
    const next = words(written)[0];
    if (word === undefined || next === undefined) continue;
    if (!isContentWord(word) || !isContentWord(next) || !isNounHead(next)) continue;
    found.push({ modifier: stem(word), head: stem(next) });
  }
  return found;
}

/** A text's modifier pairs, and how often each modifier's term occurs in it in all. */
export interface Modifiers {
  text: string;
  pairs: readonly ModifierPair[];
  /** Worked out when first asked (most texts' pairs never need it). */
  said?: ReadonlyMap<string, number>;
}

const modifiersOf = rememberedByText((text): Modifiers => ({ text, pairs: modifierPairs(text) }));

/** How often each modifier's term occurs in the text of `modifiers` in all. */
function saidOf(modifiers: Modifiers): ReadonlyMap<string, number> {
  if (modifiers.said !== undefined) return modifiers.said;
  const said = new Map<string, number>();
  for (const pair of modifiers.pairs) said.set(pair.modifier, 0);
  for (const term of terms(modifiers.text)) {
    const count = said.get(term);
    if (count !== undefined) said.set(term, count + 1);
  }
  return modifiers.said = said;
}

/** What {@linkcode modifierFactor} needs of a query: its terms and its own modifiers. */
export interface QueryModifiers {
  /** The query's text. */
  text: string;
  /** The query's analysed terms. */
  terms: ReadonlySet<string>;
  /** The query's modifier pairs ("a learning difficulty"). */
  modifiers: Modifiers;
}

/** {@linkcode QueryModifiers} of a query's `text` and its analysed `terms`. */
export function queryModifiers(text: string, terms: Iterable<string>): QueryModifiers {
  return { text, terms: new Set(terms), modifiers: modifiersOf(text) };
}

/** Whether a text of `modifiers` says `term` only as the modifier of heads `held` does not hold. */
function onlyModifies(
  modifiers: Modifiers,
  term: string,
  held: (head: string) => boolean,
): boolean {
  let modifying = 0;
  for (const pair of modifiers.pairs) {
    if (pair.modifier === term && !held(pair.head)) modifying++;
  }
  if (modifying === 0) return false;
  const total = saidOf(modifiers).get(term)!;
  // Said once as what the text is about too ("The dog park tired the dog out"): not only.
  return modifying >= total;
}

/** Whether one of `pairs` has one of `terms` as its modifier (a loop: no closure per memory). */
function modifiesAny(pairs: readonly ModifierPair[], terms: ReadonlySet<string>): boolean {
  for (let i = 0; i < pairs.length; i++) if (terms.has(pairs[i]!.modifier)) return true;
  return false;
}

/**
 * The factor a memory's `content` gets for `query`: 1 − {@linkcode MODIFIER_ONLY} when it holds
 * some of the query's terms and each is a modifier on one side only: the memory says it only as
 * the modifier of a head the query does not hold ("the dog park" for "What dog ...?"), or the
 * query only as the modifier of a head the memory does not hold ("Pri is learning the cello" for
 * "Does he have a learning difficulty?"); else 1. `memory`: the content's modifiers, when the
 * caller has them (`text_roles.ts`).
 */
export function modifierFactor(
  query: QueryModifiers,
  content: string,
  memory: Modifiers = modifiersOf(content),
): number {
  // Most memories hold no modifier of a query word, and most queries none of their own: let go
  // before their terms are read.
  if (query.modifiers.pairs.length === 0 && !modifiesAny(memory.pairs, query.terms)) return 1;
  const held = termsOf(content);
  const asked = (head: string) => query.terms.has(head);
  const said = (head: string) => held.includes(head);
  let matched = false;
  for (const term of held) {
    if (!query.terms.has(term)) continue;
    matched = true;
    if (!onlyModifies(memory, term, asked) && !onlyModifies(query.modifiers, term, said)) return 1;
  }
  return matched ? 1 - MODIFIER_ONLY : 1;
}
