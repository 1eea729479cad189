/**
 * A name and its clipping: a user called "Priya" is "Pri" in half of her notes ("Pri is
 * allergic to shellfish"), and a question may use either ("Is Pri still at the studio?"). A
 * capitalised word of a memory that starts with a query's name, or that a query's name starts
 * with, counts as that name when the shorter has at least {@linkcode MIN_CLIPPING} letters and
 * the longer at most {@linkcode MAX_CLIPPED} more.
 *
 * @module
 */
import { isAscii, stem, words } from "./text.ts";
import { rememberedByText } from "./text_memo.ts";

/** The fewest letters a clipping has ("Pri", "Sam"; not "Al", "Jo"). */
export const MIN_CLIPPING = 3;
/** The most letters a name has beyond its clipping ("Pri" → "Priya" 2, "Sam" → "Samantha" 5). */
export const MAX_CLIPPED = 5;

const CAPITALISED = /\p{Lu}\p{Ll}+/gu;

/**
 * Whether a text is plain ASCII, remembered: ranking asks it of every candidate for each name a
 * query holds, twice a search (alignment's bound and the ranking), and the pattern reads the
 * whole text.
 */
const asciiText = rememberedByText(isAscii);

/** The folded capitalised words of a text ("Priya", "She", "Glasgow"). */
const capitalised = rememberedByText((text): readonly string[] =>
  Object.freeze([...new Set([...text.matchAll(CAPITALISED)].map((m) => words(m[0])[0]!))])
);

/** Whether `shorter` is a clipping of `longer` (both folded or stemmed words). */
export function clips(shorter: string, longer: string): boolean {
  return shorter.length >= MIN_CLIPPING && longer.length > shorter.length &&
    longer.length - shorter.length <= MAX_CLIPPED && longer.startsWith(shorter);
}

/**
 * Whether `content` holds a capitalised word that is a clipping of the name `name` (a term) or
 * of which `name` is one ("Pri" for `priya`, "Priya" for `pri`).
 */
export function holdsClippedName(content: string, name: string): boolean {
  if (name.length < MIN_CLIPPING) return false;
  // Most memories hold no capitalised word with the name's first letters: not read further.
  const head = name[0]!.toUpperCase() + name.slice(1, MIN_CLIPPING);
  if (asciiText(content) && !content.includes(head)) return false;
  return capitalised(content).some((word) =>
    clips(name, word) || clips(word, name) || clips(stem(word), name)
  );
}
