/**
 * Short forms of a word, read by their letters (recall100, issue 9): a note says "physio",
 * "uni", "reg", "hols", "appts", "mgr" where the question says "physiotherapy",
 * "university", "registration", "holidays", "appointments", "manager". The word vectors
 * and WordNet know the common short forms ("vet", "lab", "info", "photo" are lemmas beside the
 * full word, `word_relations.gen.json`), not the many a dictionary lists as informal or written
 * abbreviations; but English makes them by two regular processes, which the letters show:
 *
 * - **back-clipping** (a dictionary's "clipping"): the word's first syllables kept ("physio",
 *   "uni", "reg", "exam", "gym"), with a plural's "s" ("hols" for "holiday" or "holidays"); at least
 *   {@linkcode CLIPPING_MIN_LETTERS} letters kept and {@linkcode CLIPPED_MIN_LETTERS_LEFT} cut
 *   from the full word's root: a clipping keeps a root's first letters, not an inflection's or a
 *   derivation's ("hols" is no clipping of "holding" or "holder": review45b M1);
 * - **contraction** (the written abbreviation that keeps the first and last letters and some
 *   consonants between: "appt", "mgr", "dept", "govt", "bldg"): a beginning of the word, then
 *   consonants only, in the word's order, the last letter the word's last; three letters at
 *   least besides a plural's "s" ({@linkcode CONTRACTION_MIN_LETTERS}: "wk" is week or work).
 *
 * Either counts only when the short form is unknown to the vectors (a word they know is a word
 * of its own, "car" is no clipping of "carpet") and not written as a name in its memory
 * ("Steph", "Nat", "Cass": a clipped name is as often another person as the same one,
 * `PreparedWord.named`), and the full word is the query's, known to them
 * (`word_similarity.ts`): a query's few words against a memory's, a few character comparisons a
 * pair, bounded by {@linkcode SHORT_FORM_MAX_LETTERS}.
 *
 * @module
 */
import { stem } from "../text.ts";

/** How alike a short form and its full word count: a slip's weight (`typo_forms.ts`). */
export const SHORT_FORM_SIMILARITY = 0.8;
/** The fewest letters a clipping keeps ("uni", "reg"; "un", "re" are prefixes of too much). */
export const CLIPPING_MIN_LETTERS = 3;
/** The fewest letters a clipping cuts ("exams" is a plural, "examn" a slip, not clippings). */
export const CLIPPED_MIN_LETTERS_LEFT = 2;
/**
 * The fewest letters a contraction keeps, a plural's "s" aside: two stand for too many words
 * ("wk" week or work, "rd" road or read, "st" street or saint, "dr" doctor or drive), and so do
 * two and an "s" ("wks", "yrs").
 */
export const CONTRACTION_MIN_LETTERS = 3;
/** The most letters a contraction keeps ("bldg", "mgmt"; longer runs of consonants are names). */
export const CONTRACTION_MAX_LETTERS = 5;
/** The longest short form compared: past it a word is no short form of another. */
export const SHORT_FORM_MAX_LETTERS = 8;

/**
 * Whether folded `short` (unknown to the vectors) reads as a short form of folded `full` (known
 * to them): a back-clipping or a contraction of it, in plain letters (see the module).
 */
export function isShortForm(short: string, full: string): boolean {
  if (
    short.length > SHORT_FORM_MAX_LETTERS || short.length + CLIPPED_MIN_LETTERS_LEFT > full.length
  ) {
    return false;
  }
  if (short.charCodeAt(0) !== full.charCodeAt(0) || !plainLetters(short)) return false;
  return isClipping(short, rootOf(full)) || isContraction(short, full);
}

/**
 * The store terms that may be back-clippings of a query word whose analysed term is `term`
 * (recall104, issue 9): the beginnings of its root ({@linkcode rootOf} of the word: its stem
 * less an agent "er") of {@linkcode CLIPPING_MIN_LETTERS} letters on, each cutting at least
 * {@linkcode CLIPPED_MIN_LETTERS_LEFT} and none past {@linkcode SHORT_FORM_MAX_LETTERS}: at most
 * six, whatever the word ("physiotherapy", term "physiotherapi": "phy" to "physioth"). A store's
 * terms are stems too ("hols" is "hol"), so a lookup of these finds every clipping the rule
 * reads (`isShortForm` still decides, on the folded words). None for a term of other than plain
 * letters.
 */
export function clippingTerms(term: string): string[] {
  if (!plainLetters(term)) return [];
  const root = stemRoot(term);
  const longest = Math.min(SHORT_FORM_MAX_LETTERS, root.length - CLIPPED_MIN_LETTERS_LEFT);
  const kept: string[] = [];
  for (let length = CLIPPING_MIN_LETTERS; length <= longest; length++) {
    kept.push(root.slice(0, length));
  }
  return kept;
}

/**
 * The root a clipping of folded `full` is cut from: its stem (inflections off: "holding",
 * "hold"), less the agent or instrument suffix "er" the stemmer keeps ("holder", "hold"), the
 * commonest derivation of English nouns. A clipping keeps a root's first letters, so "hols" is
 * no clipping of either, while "holidays" stems to "holidai" (review45b M1).
 */
function rootOf(full: string): string {
  return stemRoot(stem(full));
}

/** A stem less the agent or instrument suffix "er" ({@linkcode rootOf}). */
function stemRoot(stemmed: string): string {
  return stemmed.endsWith("er") ? stemmed.slice(0, -2) : stemmed;
}

/**
 * `short`, or it without a plural "s" ("hols" answers "holiday" as "holidays"), begins the full
 * word's root `root` (`rootOf`).
 */
function isClipping(short: string, root: string): boolean {
  return clipped(short, root) || (short.endsWith("s") && clipped(short.slice(0, -1), root));
}

/** `kept` begins `full`, long enough and with enough of `full` cut. */
function clipped(kept: string, full: string): boolean {
  return kept.length >= CLIPPING_MIN_LETTERS &&
    kept.length + CLIPPED_MIN_LETTERS_LEFT <= full.length && full.startsWith(kept);
}

/**
 * `short`: a beginning of `full`, then only consonants of `full` in its order, the last its last
 * ("wt", "mgr", "dept", "govt"; "kate" is no contraction of "karate": a vowel after the shared
 * beginning).
 */
function isContraction(short: string, full: string): boolean {
  const letters = short.endsWith("s") ? short.length - 1 : short.length;
  if (letters < CONTRACTION_MIN_LETTERS || short.length > CONTRACTION_MAX_LETTERS) return false;
  if (short.charCodeAt(short.length - 1) !== full.charCodeAt(full.length - 1)) return false;
  let shared = 1;
  while (shared < short.length - 1 && short[shared] === full[shared]) shared++;
  let at = shared;
  for (let i = shared; i < short.length; i++) {
    const letter = short[i]!;
    if (VOWELS.includes(letter)) return false;
    at = full.indexOf(letter, at);
    if (at < 0) return false;
    at++;
  }
  return true;
}

const VOWELS = "aeiou";

/** Only the letters a to z (no digits: "5k", "100mg" are no short forms). */
function plainLetters(word: string): boolean {
  for (let i = 0; i < word.length; i++) {
    const code = word.charCodeAt(i);
    if (code < 97 || code > 122) return false;
  }
  return true;
}
