/**
 * Names two memories share: a word written with a capital in both ("Corolla", "Petra",
 * "iPhone", "Italian"), inside a sentence in at least one of them ("I sold the Corolla" after
 * "I commute in a silver Toyota Corolla"; "Petra retired" after "My manager is ... Petra"),
 * so a sentence's first word alone ("After ...", "Last month ...") is no name. A newer memory
 * that names what an older one named and tells of a change (`tellsChange`) is about the same
 * thing however little else its words share: an update says what became of it, not what it
 * was (`unlinked_updates.ts`).
 *
 * @module
 */
import { words } from "./text.ts";

const TOKEN = /[\p{L}\p{N}]+/gu;
/**
 * Capitalised words that name no one thing: days, months, feasts and titles ("since Monday",
 * "every March", "at Christmas", "Dr. Weber": two memories that both say "Monday" are not
 * about one thing). Folded.
 */
export const NOT_NAMES: ReadonlySet<string> = new Set([
  ..."monday tuesday wednesday thursday friday saturday sunday".split(" "),
  ..."january february march april may june july august september october november december"
    .split(" "),
  ..."christmas easter halloween thanksgiving ramadan hanukkah diwali eid passover new year"
    .split(" "),
  ..."mr mrs ms miss dr prof sir madam st mt".split(" "),
]);
/** Marks after which a sentence opens: an end mark, a colon, a quote or bracket. */
const SENTENCE_OPENERS = new Set([...'.!?:;"“‘«([{']);

/** A text's capitalised words (folded), each with whether one stands inside a sentence. */
export type NameWords = ReadonlyMap<string, boolean>;

/** The capitalised words of `text` ({@linkcode NameWords}), read once per text by the caller. */
export function nameWords(text: string): NameWords {
  const found = new Map<string, boolean>();
  // A word opens a sentence by the gap since the word before it, read once (linear in the text).
  let end = 0;
  for (const match of text.matchAll(TOKEN)) {
    const token = match[0];
    const gap = text.slice(end, match.index).trimEnd();
    const first = end === 0;
    end = match.index + token.length;
    if (token === "I" || !/\p{Lu}/u.test(token) || /^\p{Lu}+$/u.test(token) && token.length > 1) {
      continue;
    }
    const folded = words(token)[0];
    // A lone letter ("O'Brien", "J. Smith") names nothing on its own.
    if (folded === undefined || folded.length < 2 || NOT_NAMES.has(folded)) continue;
    const inside = gap === "" ? !first : !SENTENCE_OPENERS.has(gap.at(-1)!);
    found.set(folded, (found.get(folded) ?? false) || inside);
  }
  return found;
}

/**
 * Whether two texts share a name: a word capitalised in both, inside a sentence in at least
 * one of them (see the module doc). Texts or their {@linkcode nameWords}.
 */
export function sharesName(a: string | NameWords, b: string | NameWords): boolean {
  const ofA = typeof a === "string" ? nameWords(a) : a;
  const ofB = typeof b === "string" ? nameWords(b) : b;
  if (ofA.size === 0 || ofB.size === 0) return false;
  for (const [word, inside] of ofA) {
    const other = ofB.get(word);
    if (other !== undefined && (inside || other)) return true;
  }
  return false;
}
