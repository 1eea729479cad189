/**
 * The words that say what a person is to someone (issue 9, session 44): the noun a tie of
 * `relation_ties.ts` turns on, in "Kav is my bridesmaid", "my landlady Jo", "Kav's my
 * stepdad". Session 43 read only the kin and companion words the code already knew
 * ({@linkcode TIE_WORDS}), so a line that said "Kav was my bridesmaid" or "Kav is my
 * therapist" read as plain chatter about Kav.
 *
 * The class is the nouns of persons ({@linkcode isPersonNoun}), taken from WordNet, not listed:
 * a noun whose most frequent sense WordNet files under `noun.person` names a person by a role, a
 * relation, a trade or a kind ("landlady", "mentor", "GP", "teammate", "nurse"), and in the slot
 * a tie gives it (after "my"/"our", or "is a"/"is the") it can say nothing else of a person. A
 * thing's noun is filed elsewhere ("car": `noun.artifact`, "flat": `noun.location`), so "my car"
 * ties no one. The generator (`meaning/gen_noun_heads.ts`, `persons`) keeps out a name or a
 * people WordNet writes capitalised ("George", "American") and a word used more as an adjective
 * ("lovely", "private": a modifier in that slot, the noun after it says the role).
 *
 * Kinship also makes words English writes as one or hyphenates ({@linkcode isTieWord}):
 * - a hyphenated compound is headed by its last part ("ex-wife", "step-dad", "great-aunt",
 *   "co-worker": a wife, a dad, an aunt, a worker), save the in-law words, headed by their first
 *   ("sister-in-law": a sister by marriage; "in-laws" alone are relatives);
 * - the kinship prefixes, a closed class of English morphology ("step", "half", "great",
 *   "grand", "god", "foster"), make a kin word of a kin word written as one ("stepdad",
 *   "stepmum", "godmum", "greatgrandma"), words WordNet lacks.
 *
 * @module
 */
import headData from "./meaning/noun_heads.gen.json" with { type: "json" };
import { SortedLines } from "./meaning/sorted_lines.ts";
import { RELATION_NAME_WORDS } from "./relation_names.ts";
import { RELATION_WORDS } from "./relation_owners.ts";
import { words } from "./text.ts";

/**
 * The words of a relation that tie a name, as the code read them before WordNet's persons: the
 * relation words a name can stand for (`RELATION_NAME_WORDS`: kin, "boss", "colleague",
 * "neighbour") and those of one's private life (`RELATION_WORDS`: "mate", "pal", "buddy").
 */
export const TIE_WORDS: ReadonlySet<string> = new Set([...RELATION_NAME_WORDS, ...RELATION_WORDS]);

/**
 * Prefixes that make a kin word of a kin word written as one ("stepdad", "halfsister",
 * "greataunt", "grandniece", "godmum", "fostermum"): a closed class of English.
 */
export const KIN_PREFIXES: readonly string[] = ["step", "half", "great", "grand", "god", "foster"];

/** The persons' nouns (`noun_heads.gen.json`'s `persons`), looked up by binary search. */
let persons: SortedLines | undefined;

/** Whether `word` (folded) is a noun of persons (`noun_heads.gen.json`'s `persons`). */
export function isPersonNoun(word: string): boolean {
  persons ??= new SortedLines(headData.persons, "|");
  return persons.get(word) !== undefined;
}

/** A tie word or a person's noun, written as one word. */
function namesPerson(word: string): boolean {
  return TIE_WORDS.has(word) || isPersonNoun(word);
}

/**
 * The most kinship prefixes one word is read through ("greatgreatgreatgrandma" has four). English
 * stacks no more in a kin word, and each look-up hashes the word's rest, so a word of thousands of
 * "great"s (attack44) cost time growing with the square of its length before this bound.
 */
export const MAX_KIN_PREFIXES = 6;

/** Whether `word` is a kin or companion word behind kinship prefixes ("stepdad", "greatgrandma"). */
function prefixedKin(word: string): boolean {
  let rest = word;
  for (let taken = 0; taken < MAX_KIN_PREFIXES; taken++) {
    const prefix = KIN_PREFIXES.find((one) => rest.startsWith(one) && rest.length > one.length);
    if (prefix === undefined) return false;
    rest = rest.slice(prefix.length);
    // "greatgrandma": a kin word after "great" ("grandma"), though "grand" could come off too.
    if (TIE_WORDS.has(rest)) return true;
  }
  return false;
}

/**
 * Whether `token` (a word as `tokensOf` reads it) says what a person is to someone: a word of
 * {@linkcode TIE_WORDS}, a noun of persons, a hyphenated compound whose head is one ("ex-wife",
 * "sister-in-law"), or a kin word behind kinship prefixes ("stepmum").
 */
export function isTieWord(token: { raw: string; folded: string } | undefined): boolean {
  if (token === undefined) return false;
  if (namesPerson(token.folded) || prefixedKin(token.folded)) return true;
  if (!token.raw.includes("-")) return false;
  const parts = words(token.raw);
  const last = parts.length - 1;
  // "sister-in-law", "brothers-in-law", "in-laws": headed by what comes before "in-law", itself
  // a compound headed by its last part ("ex-sister-in-law": an ex sister-in-law).
  if (parts[last - 1] === "in" && (parts[last] === "law" || parts[last] === "laws")) {
    const head = parts.slice(0, last - 1).join("");
    const headsLast = last > 2 ? parts[last - 2]! : "";
    return head === "" || namesPerson(head) || prefixedKin(head) || namesPerson(headsLast) ||
      prefixedKin(headsLast);
  }
  return last > 0 && (namesPerson(parts[last]!) || prefixedKin(parts[last]!));
}
