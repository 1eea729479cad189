/**
 * Two words read as one, one of them (or both) misspelt, pair by pair (session 32, recall46): a
 * user who types fast slips on either side of a search, and differently each time ("dauther" asked,
 * "daugther" stored; "roff" asked, "roof" stored; "whitfeild" asked, "whitfield" stored). A word
 * the vectors know is spelt right ("form" is no slip of "from", "cloth" none of "close"), so at
 * least one of the two must be unknown to them; the first letter is kept (seldom the one
 * mistyped, `typo_forms.ts`); and the pair must be plain letters (not "100mg" / "1000mg") within
 * {@linkcode typoEditsFor} edits of each other (optimal string alignment: a letter left out,
 * added, replaced, or two neighbours swapped), more for longer words: a short word is one edit
 * from many others. Between two memories only a known word's slip counts (`PreparedWord.direct`).
 *
 * @module
 */

/** The fewest letters a word may have to be read as a slip of one the vectors know. */
export const SLIP_MIN_LETTERS = 4;
/** The fewest letters two words both unknown to the vectors need ("Mara" / "Maria" are names). */
export const UNKNOWN_PAIR_MIN_LETTERS = 5;
/** The longest word that may be only one edit from the word it misses; past it, two. */
export const ONE_EDIT_MAX_LETTERS = 6;
/** The longest word compared (`TYPO_MAX_LETTERS`, `typo_forms.ts`: no typo of any word past it). */
const MAX_LETTERS = 24;

/** How many edits a slip of a word of `letters` letters may make (the shorter word's). */
export function typoEditsFor(letters: number): number {
  return letters <= ONE_EDIT_MAX_LETTERS ? 1 : 2;
}

/**
 * Whether folded words `a` and `b` read as one, misspelt: not the same, plain letters, the same
 * first letter, the shorter of `minLetters` letters or more, and at most
 * {@linkcode typoEditsFor} (its length) edits apart. Which of them the vectors know is the
 * caller's to check.
 */
export function typoApart(a: string, b: string, minLetters: number): boolean {
  const shorter = Math.min(a.length, b.length);
  if (shorter < minLetters || a === b || a[0] !== b[0]) return false;
  if (Math.max(a.length, b.length) > MAX_LETTERS) return false;
  const limit = typoEditsFor(shorter);
  if (Math.abs(a.length - b.length) > limit || !plainLetters(a) || !plainLetters(b)) return false;
  return editsWithin(a, b, limit);
}

function plainLetters(word: string): boolean {
  for (let i = 0; i < word.length; i++) {
    const code = word.charCodeAt(i);
    if (code < 97 || code > 122) return false;
  }
  return true;
}

/** Rows of the distance table, reused (words are at most {@linkcode MAX_LETTERS} letters). */
const rows = [0, 1, 2].map(() => new Int32Array(MAX_LETTERS + 2));

/**
 * Whether `a` and `b` are at most `limit` edits apart (optimal string alignment distance: a
 * letter left out, added or replaced, two neighbours swapped), stopping once a row passes it.
 */
function editsWithin(a: string, b: string, limit: number): boolean {
  let [before, previous, current] = rows as [Int32Array, Int32Array, Int32Array];
  for (let j = 0; j <= b.length; j++) previous[j] = j;
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let lowest = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (
        i > 1 && j > 1 && a.charCodeAt(i - 1) === b.charCodeAt(j - 2) &&
        a.charCodeAt(i - 2) === b.charCodeAt(j - 1)
      ) {
        value = Math.min(value, before[j - 2]! + 1);
      }
      current[j] = value;
      if (value < lowest) lowest = value;
    }
    if (lowest > limit) return false;
    [before, previous, current] = [previous, current, before];
  }
  return previous[b.length]! <= limit;
}
