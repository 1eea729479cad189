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
/** Text ending so opens a sentence: nothing yet, an end mark, a colon, a quote or bracket. */
const OPENS_SENTENCE = /(?:^|[.!?:;"“‘«(\[{]|\n)$/u;

/** The capitalised words of `text` (folded), each with whether one stands inside a sentence. */
function capitalised(text: string): Map<string, boolean> {
  const found = new Map<string, boolean>();
  for (const match of text.matchAll(TOKEN)) {
    const token = match[0];
    if (token === "I" || !/\p{Lu}/u.test(token) || /^\p{Lu}+$/u.test(token) && token.length > 1) {
      continue;
    }
    const folded = words(token)[0];
    if (folded === undefined) continue;
    const inside = !OPENS_SENTENCE.test(text.slice(0, match.index).trimEnd());
    found.set(folded, (found.get(folded) ?? false) || inside);
  }
  return found;
}

/**
 * Whether `a` and `b` share a name: a word capitalised in both, inside a sentence in at least
 * one of them (see the module doc).
 */
export function sharesName(a: string, b: string): boolean {
  const ofB = capitalised(b);
  for (const [word, inside] of capitalised(a)) {
    const other = ofB.get(word);
    if (other !== undefined && (inside || other)) return true;
  }
  return false;
}
