/**
 * Numbers a memory states in digits ("52 minutes", "1,050 euros", "an iPhone 11"): a newer
 * memory about the same thing as an older one that states a number the older one did not ("My
 * best 10k time is 52 minutes", then "I ran a 10k in 47 minutes on Sunday, a new personal
 * record") tells a new value of the same fact, with no word of change (`unlinked_updates.ts`).
 * Digits only: number words ("two children", "three days off") are as often counts of unrelated
 * things as values of one, and pairs of remarks about the same thing that differ in one are no
 * rarer than updates (see core/memory/README.md, "Supersession").
 *
 * @module
 */

const NUMBER = /(?<![\p{L}\p{N}])\p{N}+(?:[.,]\p{N}+)*/gu;

/** The numbers `text` states in digits, as written without separators ("1,050" → "1050"). */
export function numbersOf(text: string): ReadonlySet<string> {
  const found = new Set<string>();
  for (const match of text.matchAll(NUMBER)) found.add(match[0].replace(/[.,]/g, ""));
  return found;
}

/**
 * Whether `newer` states a number `older` did not, both stating one (texts or their
 * {@linkcode numbersOf}).
 */
export function statesNewNumber(
  older: string | ReadonlySet<string>,
  newer: string | ReadonlySet<string>,
): boolean {
  const ofOlder = typeof older === "string" ? numbersOf(older) : older;
  const ofNewer = typeof newer === "string" ? numbersOf(newer) : newer;
  if (ofOlder.size === 0 || ofNewer.size === 0) return false;
  for (const number of ofNewer) if (!ofOlder.has(number)) return true;
  return false;
}
