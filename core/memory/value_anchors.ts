/**
 * What a value a text states is of (`stated_values.ts`): the nouns near it in its clause, the
 * nouns each is compounded with, and an event a word of time names with the noun before it
 * ("parents' evening").
 *
 * @module
 */
import { isContentWord, stem } from "./text.ts";
import { isNounHead } from "./noun_modifiers.ts";
import { TIME_WORDS } from "./time_words.ts";
import { PEOPLE_WORDS } from "./someone_else.ts";
import type { Token } from "./stated_clauses.ts";
import { CALENDAR, COUNTS, ORDINALS } from "./value_words.ts";

/**
 * How many words either side of a value, in its sentence, may name what it is a value of: a
 * rambling line says the thing a clause or two before ("a degree in criminology, second year").
 */
export const ANCHOR_WINDOW = 8;

/**
 * Whether a folded word is a noun that may name what a value is of: not a word of time (in the
 * singular or plural), a number, or a person (persons are told apart by the guards instead).
 */
function anchorNoun(word: string): boolean {
  const singular = word.endsWith("s") ? word.slice(0, -1) : word;
  return isContentWord(word) && word !== "user" && !CALENDAR.has(word) && !TIME_WORDS.has(word) &&
    !TIME_WORDS.has(singular) &&
    !/\d/.test(word) && !COUNTS.has(word) && !ORDINALS.has(word) && !PEOPLE_WORDS.has(word) &&
    !PEOPLE_WORDS.has(singular) && isNounHead(word);
}

/**
 * The anchor nouns of `clause` within {@linkcode ANCHOR_WINDOW} words of a value, each with the
 * nouns it is compounded with: the noun before it ("piano" of "lesson") and the noun after it
 * that it modifies ("cadets" of "sea").
 */
export function anchorNouns(
  tokens: readonly Token[],
  at: { value: { at: number; end: number }; taken: ReadonlySet<number>; clause: number },
): { anchor: Set<string>; modifiers: Map<string, string[]>; heads: Map<string, string> } {
  const anchor = new Set<string>();
  const modifiers = new Map<string, string[]>();
  const heads = new Map<string, string>();
  const noun = (i: number) => {
    const token = tokens[i];
    return token !== undefined && token.clause === at.clause && !at.taken.has(i) &&
      !token.apostrophe && anchorNoun(token.word);
  };
  const from = Math.max(0, at.value.at - ANCHOR_WINDOW);
  const to = Math.min(tokens.length, at.value.end + ANCHOR_WINDOW);
  for (let i = from; i < to; i++) {
    const token = tokens[i]!;
    if (token.clause !== at.clause || at.taken.has(i)) continue;
    if (!anchorNoun(token.word)) {
      const event = eventCompound(tokens, i, at);
      if (event !== undefined) anchor.add(event);
      continue;
    }
    // A possessor is whose the thing is ("Leo's football team"), read by the persons' guard.
    if (token.apostrophe && !at.taken.has(i + 1)) continue;
    const term = stem(token.word);
    anchor.add(term);
    const compounded: string[] = [];
    if (i > 0 && noun(i - 1)) compounded.push(stem(tokens[i - 1]!.word));
    if (!token.apostrophe && noun(i + 1)) {
      compounded.push(stem(tokens[i + 1]!.word));
      heads.set(term, stem(tokens[i + 1]!.word));
    }
    if (compounded.length > 0) modifiers.set(term, compounded);
  }
  return { anchor, modifiers, heads };
}

/**
 * A word of time headed by the noun before it names an event ("parents' evening", "quiz night",
 * "sports day"): the two stems, as one anchor.
 */
function eventCompound(
  tokens: readonly Token[],
  i: number,
  at: { taken: ReadonlySet<number>; clause: number },
): string | undefined {
  const word = tokens[i]!.word;
  const before = tokens[i - 1];
  if (!TIME_WORDS.has(word) || before === undefined || before.clause !== at.clause) {
    return undefined;
  }
  const noun = before.word.endsWith("s") ? before.word.slice(0, -1) : before.word;
  if (at.taken.has(i - 1) || TIME_WORDS.has(noun) || !isNounHead(noun)) return undefined;
  return isContentWord(before.word) ? `${stem(before.word)} ${stem(word)}` : undefined;
}
