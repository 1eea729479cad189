/**
 * The sentences of a memory's text as folded tokens with their clause numbers, and what each
 * clause tells every value in it (its persons, whether it adds, whether it says nothing but
 * values): the reading `stated_values.ts` gives each value it finds.
 *
 * @module
 */
import { isContentWord } from "./text.ts";
import { PEOPLE_WORDS } from "./someone_else.ts";

/** Words that tell a clause adds to what holds, not that it replaces it (folded). */
export const ADDITIVE: ReadonlySet<string> = new Set(
  "also too another other extra additional both plus as-well".split(" "),
);

/** A word of a sentence, folded, with its clause number. */
export interface Token {
  word: string;
  /** A possessive or a contraction ("pastor's", "rehearsal's"). */
  apostrophe: boolean;
  clause: number;
}

const TOKEN = /[\p{L}\p{N}]+(?:['’]\p{L}+)?|[.!?;:,()\n–—]/gu;
const SENTENCE_END = /^[.!?\n]$/;

/**
 * The sentences of a text as tokens, each with its clause number (commas and the like);
 * `lower` is the text folded, when the caller folded it already.
 */
export function sentences(text: string, lower = text.toLowerCase()): Token[][] {
  const found: Token[][] = [];
  let current: Token[] = [];
  let clause = 0;
  for (const [raw] of lower.matchAll(TOKEN)) {
    // A token is a word or one mark: only a mark can end a sentence or a clause.
    if (raw.length === 1 && SENTENCE_END.test(raw)) {
      if (current.length > 0) found.push(current);
      current = [];
      continue;
    }
    if (raw.length === 1 && /[;:,()–—]/.test(raw)) {
      clause++;
      continue;
    }
    let cut = raw.indexOf("'");
    if (cut < 0) cut = raw.indexOf("’");
    current.push({
      word: cut < 0 ? raw : raw.slice(0, cut),
      apostrophe: cut >= 0 && raw.slice(cut + 1) === "s",
      clause,
    });
  }
  if (current.length > 0) found.push(current);
  return found;
}

/** What one clause of a sentence tells every value in it (read once per clause). */
export interface ClauseReading {
  /** Its persons: kin and companion words, possessors (folded), each once, in order. */
  persons: string[];
  /** Whether it adds ({@linkcode ADDITIVE}). */
  additive: boolean;
  /**
   * Whether it says nothing but values and function words ("..., second year, ..."): what they
   * are values of is named in the clause before.
   */
  bare: boolean;
}

/**
 * Each clause's {@linkcode ClauseReading}, by clause number, in one pass over the sentence's
 * `tokens` (`taken`: the values' own tokens). Every value of a clause shares its reading: read
 * per value, a sentence of a thousand dates read its tokens a thousand times and kept a thousand
 * copies of its persons (attack35 A1).
 */
export function clauseReadings(
  tokens: readonly Token[],
  taken: ReadonlySet<number>,
): Map<number, ClauseReading> {
  const readings = new Map<number, ClauseReading>();
  const personsSeen = new Map<ClauseReading, Set<string>>();
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    let reading = readings.get(token.clause);
    if (reading === undefined) {
      readings.set(token.clause, reading = { persons: [], additive: false, bare: true });
    }
    if (taken.has(i)) continue;
    if (isContentWord(token.word)) reading.bare = false;
    if (ADDITIVE.has(token.word)) reading.additive = true;
    if (token.word === "as" && tokens[i + 1]?.word === "well") reading.additive = true;
    // A possessor: "Ife's birthday"; not "rehearsal's Wednesday" (a value after: "is").
    if (PEOPLE_WORDS.has(token.word) || (token.apostrophe && !taken.has(i + 1))) {
      const seen = personsSeen.get(reading) ?? new Set<string>();
      personsSeen.set(reading, seen);
      if (!seen.has(token.word)) {
        seen.add(token.word);
        reading.persons.push(token.word);
      }
    }
  }
  return readings;
}
