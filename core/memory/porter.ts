/**
 * The Porter stemmer exactly as SQLite's FTS5 `porter` tokenizer applies it (Porter 1980 with the
 * later "bli"→"ble" and "logi"→"log" rules), so that the terms this server scores are the terms
 * its full-text index holds. FTS5's own details are kept on purpose: tokens shorter than 3 or
 * longer than 64 bytes are not stemmed; "y" is a vowel after a consonant when measuring a stem
 * and anywhere but the first letter in the "contains a vowel" test; the longest matching suffix
 * of a step is the only one tried. A test compares this module with FTS5 on a word list.
 *
 * @module
 */

const MAX_TOKEN_BYTES = 64;
const encoder = new TextEncoder();
const ASCII = /^[\x00-\x7f]*$/;

function isVowel(char: string | undefined, yIsVowel: boolean): boolean {
  return char === "a" || char === "e" || char === "i" || char === "o" || char === "u" ||
    (yIsVowel && char === "y");
}

/** Past the first vowel-consonant pair of `stem` (an index), or 0 when it has none. */
function pastVowelConsonant(stem: string, previousConsonant: boolean): number {
  let consonant = previousConsonant;
  let i = 0;
  for (; i < stem.length; i++) {
    consonant = !isVowel(stem[i], consonant);
    if (!consonant) break;
  }
  for (i++; i < stem.length; i++) {
    consonant = !isVowel(stem[i], consonant);
    if (consonant) return i + 1;
  }
  return 0;
}

/** m > 0: the stem has at least one vowel-consonant sequence. */
function measureAbove0(stem: string): boolean {
  return pastVowelConsonant(stem, false) > 0;
}

/** m > 1. */
function measureAbove1(stem: string): boolean {
  const first = pastVowelConsonant(stem, false);
  return first > 0 && pastVowelConsonant(stem.slice(first), true) > 0;
}

/** m = 1. */
function measureIs1(stem: string): boolean {
  const first = pastVowelConsonant(stem, false);
  return first > 0 && pastVowelConsonant(stem.slice(first), true) === 0;
}

/** *o: the stem ends consonant-vowel-consonant, the last not w, x or y. */
function endsCvc(stem: string): boolean {
  const last = stem.at(-1);
  if (last === "w" || last === "x" || last === "y") return false;
  let consonant = false;
  let mask = 0;
  for (const char of stem) {
    consonant = !isVowel(char, consonant);
    mask = ((mask << 1) | (consonant ? 1 : 0)) & 7;
  }
  return stem.length >= 3 && mask === 0b101;
}

/** *v*: the stem contains a vowel ("y" counts unless first). */
function hasVowel(stem: string): boolean {
  for (let i = 0; i < stem.length; i++) if (isVowel(stem[i], i > 0)) return true;
  return false;
}

type Condition = (stem: string) => boolean;
/** A suffix rule: suffix, condition on the stem, replacement. */
type Rule = readonly [suffix: string, condition: Condition | null, replacement: string];

const mGt1AndSOrT: Condition = (stem) => /[st]$/.test(stem) && measureAbove1(stem);

/**
 * Applies the first rule whose suffix ends `word` and leaves something before it (FTS5 groups
 * the rules by the suffix's second-to-last letter and tries each group in order); a failed
 * condition ends the step. Returns the new word and whether a rule fired.
 */
function applyStep(word: string, rules: readonly Rule[]): [string, boolean] {
  const key = word.at(-2);
  for (const [suffix, condition, replacement] of rules) {
    if (suffix.at(-2) !== key || word.length <= suffix.length || !word.endsWith(suffix)) {
      continue;
    }
    const stem = word.slice(0, -suffix.length);
    if (condition !== null && !condition(stem)) return [word, false];
    return [stem + replacement, true];
  }
  return [word, false];
}

const STEP_1B: readonly Rule[] = [["eed", measureAbove0, "ee"], ["ed", hasVowel, ""], [
  "ing",
  hasVowel,
  "",
]];
const STEP_1B2: readonly Rule[] = [["at", null, "ate"], ["bl", null, "ble"], ["iz", null, "ize"]];
const STEP_2: readonly Rule[] = ([
  ["ational", "ate"],
  ["tional", "tion"],
  ["enci", "ence"],
  ["anci", "ance"],
  ["izer", "ize"],
  ["logi", "log"],
  ["bli", "ble"],
  ["alli", "al"],
  ["entli", "ent"],
  ["eli", "e"],
  ["ousli", "ous"],
  ["ization", "ize"],
  ["ation", "ate"],
  ["ator", "ate"],
  ["alism", "al"],
  ["iveness", "ive"],
  ["fulness", "ful"],
  ["ousness", "ous"],
  ["aliti", "al"],
  ["iviti", "ive"],
  ["biliti", "ble"],
] as const).map(([suffix, replacement]) => [suffix, measureAbove0, replacement] as const);
const STEP_3: readonly Rule[] = ([
  ["icate", "ic"],
  ["ative", ""],
  ["alize", "al"],
  ["iciti", "ic"],
  ["ical", "ic"],
  ["ful", ""],
  ["ness", ""],
] as const).map(([suffix, replacement]) => [suffix, measureAbove0, replacement] as const);
const STEP_4: readonly Rule[] = [
  "al",
  "ance",
  "ence",
  "er",
  "ic",
  "able",
  "ible",
  "ant",
  "ement",
  "ment",
  "ent",
  "ion",
  "ou",
  "ism",
  "ate",
  "iti",
  "ous",
  "ive",
  "ize",
].map((suffix) => [suffix, suffix === "ion" ? mGt1AndSOrT : measureAbove1, ""] as const);

/** Step 1a: plurals ("caresses" → "caress", "ponies" → "poni", "cats" → "cat"). */
function step1a(word: string): string {
  if (!word.endsWith("s")) return word;
  if (word.at(-2) === "e") {
    if ((word.length > 4 && word.endsWith("sses")) || (word.length > 3 && word.endsWith("ies"))) {
      return word.slice(0, -2);
    }
    return word.slice(0, -1);
  }
  return word.at(-2) === "s" ? word : word.slice(0, -1);
}

/** Step 1b: "-ed" and "-ing", then tidying the stem ("hopping" → "hop", "hoping" → "hope"). */
function step1b(word: string): string {
  const [stemmed, fired] = applyStep(word, STEP_1B);
  if (!fired) return stemmed;
  const [tidied, lengthened] = applyStep(stemmed, STEP_1B2);
  if (lengthened) return tidied;
  const last = stemmed.at(-1);
  if (
    !isVowel(last, false) && last !== "l" && last !== "s" && last !== "z" && last === stemmed.at(-2)
  ) {
    return stemmed.slice(0, -1);
  }
  if (measureIs1(stemmed) && endsCvc(stemmed)) return `${stemmed}e`;
  return stemmed;
}

/** The FTS5 Porter stem of a lower-case, accent-free token. */
export function porterStem(token: string): string {
  const bytes = ASCII.test(token) ? token.length : encoder.encode(token).length;
  if (bytes < 3 || bytes > MAX_TOKEN_BYTES) return token;
  let word = step1b(step1a(token));
  // Step 1c: a final "y" after a vowel-bearing stem becomes "i" ("happy" → "happi").
  if (word.endsWith("y") && hasVowel(word.slice(0, -1))) word = `${word.slice(0, -1)}i`;
  word = applyStep(word, STEP_2)[0];
  word = applyStep(word, STEP_3)[0];
  word = applyStep(word, STEP_4)[0];
  // Step 5a: a final "e" goes when m > 1, or m = 1 and the stem is not consonant-vowel-consonant.
  if (word.endsWith("e")) {
    const stem = word.slice(0, -1);
    if (measureAbove1(stem) || (measureIs1(stem) && !endsCvc(stem))) word = stem;
  }
  // Step 5b: "-ll" loses an "l" when m > 1 ("controll" → "control").
  if (word.length > 1 && word.endsWith("ll") && measureAbove1(word.slice(0, -1))) {
    word = word.slice(0, -1);
  }
  return word;
}
