/**
 * The Porter stemmer exactly as SQLite's FTS5 `porter` tokenizer applies it (Porter 1980 with the
 * later "bli"→"ble" and "logi"→"log" rules), so that the terms this server scores are the terms
 * its full-text index holds. FTS5's own details are kept on purpose: tokens shorter than 3 or
 * longer than 64 bytes are not stemmed; "y" is a vowel after a consonant when measuring a stem
 * and anywhere but the first letter in the "contains a vowel" test; within a step only the
 * longest matching suffix is tried (rules are grouped by the suffix's second-to-last letter). A
 * test compares this module with FTS5 on a word list.
 *
 * The stem of a word is a prefix of it plus a short replacement, so the steps work on `word`
 * read up to `end` and only build a new string when a rule fires.
 *
 * @module
 */

const MAX_TOKEN_BYTES = 64;
const encoder = new TextEncoder();
const ASCII = /^[!-~]*$/;

function isVowel(char: string | undefined, yIsVowel: boolean): boolean {
  switch (char) {
    case "a":
    case "e":
    case "i":
    case "o":
    case "u":
      return true;
    case "y":
      return yIsVowel;
    default:
      return false;
  }
}

/** Past the first vowel-consonant pair of `word[start, end)` (an index), or -1 when none. */
function pastVowelConsonant(word: string, start: number, end: number, previousConsonant: boolean) {
  let consonant = previousConsonant;
  let i = start;
  for (; i < end; i++) {
    consonant = !isVowel(word[i], consonant);
    if (!consonant) break;
  }
  for (i++; i < end; i++) {
    consonant = !isVowel(word[i], consonant);
    if (consonant) return i + 1;
  }
  return -1;
}

/** m > 0 for the stem `word[0, end)`. */
function measureAbove0(word: string, end: number): boolean {
  return pastVowelConsonant(word, 0, end, false) >= 0;
}

/** m > 1. */
function measureAbove1(word: string, end: number): boolean {
  const first = pastVowelConsonant(word, 0, end, false);
  return first >= 0 && pastVowelConsonant(word, first, end, true) >= 0;
}

/** m = 1. */
function measureIs1(word: string, end: number): boolean {
  const first = pastVowelConsonant(word, 0, end, false);
  return first >= 0 && pastVowelConsonant(word, first, end, true) < 0;
}

/** *o: the stem ends consonant-vowel-consonant, the last not w, x or y. */
function endsCvc(word: string, end: number): boolean {
  const last = word[end - 1];
  if (end < 3 || last === "w" || last === "x" || last === "y") return false;
  let consonant = false;
  let mask = 0;
  for (let i = 0; i < end; i++) {
    consonant = !isVowel(word[i], consonant);
    mask = ((mask << 1) | (consonant ? 1 : 0)) & 7;
  }
  return mask === 0b101;
}

/** *v*: the stem contains a vowel ("y" counts unless first). */
function hasVowel(word: string, end: number): boolean {
  for (let i = 0; i < end; i++) if (isVowel(word[i], i > 0)) return true;
  return false;
}

/** m > 1 and the stem ends in "s" or "t". */
function measureAbove1AndSOrT(word: string, end: number): boolean {
  const last = word[end - 1];
  return (last === "s" || last === "t") && measureAbove1(word, end);
}

type Condition = (word: string, end: number) => boolean;
/** Rules of one step by the suffix's second-to-last letter: [suffix, replacement] in order. */
type Rules = Readonly<Record<string, ReadonlyArray<readonly [string, string]>>>;

/** Groups `[suffix, replacement]` pairs by the suffix's second-to-last letter, keeping order. */
function grouped(pairs: ReadonlyArray<readonly [string, string]>): Rules {
  const rules: Record<string, Array<readonly [string, string]>> = {};
  for (const pair of pairs) (rules[pair[0].at(-2)!] ??= []).push(pair);
  return rules;
}

/**
 * Applies the first rule of `rules` whose suffix ends `word` and leaves a stem; a failed
 * `condition` ends the step. Returns the new word, or undefined when no rule fired.
 */
function applyStep(word: string, rules: Rules, condition: Condition): string | undefined {
  const group = rules[word.at(-2) ?? ""];
  if (group === undefined) return undefined;
  for (const [suffix, replacement] of group) {
    if (word.length <= suffix.length || !word.endsWith(suffix)) continue;
    const end = word.length - suffix.length;
    return condition(word, end) ? word.slice(0, end) + replacement : undefined;
  }
  return undefined;
}

const STEP_2 = grouped([
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
]);
const STEP_3 = grouped([
  ["icate", "ic"],
  ["ative", ""],
  ["alize", "al"],
  ["iciti", "ic"],
  ["ical", "ic"],
  ["ful", ""],
  ["ness", ""],
]);
const STEP_4 = grouped(
  [
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
  ].map((suffix) => [suffix, ""] as const),
);
const STEP_4_ION = measureAbove1AndSOrT;

/** Step 1a: plurals ("caresses" → "caress", "ponies" → "poni", "cats" → "cat"). */
function step1a(word: string): string {
  const n = word.length;
  if (word[n - 1] !== "s") return word;
  if (word[n - 2] === "e") {
    const drop2 = (n > 4 && word[n - 4] === "s" && word[n - 3] === "s") ||
      (n > 3 && word[n - 3] === "i");
    return word.slice(0, drop2 ? n - 2 : n - 1);
  }
  return word[n - 2] === "s" ? word : word.slice(0, n - 1);
}

/** Step 1b: "-eed", "-ed", "-ing", then tidying ("hopping" → "hop", "hoping" → "hope"). */
function step1b(word: string): string {
  const n = word.length;
  let stem: string;
  if (word[n - 2] === "e" && n > 3 && word.endsWith("eed")) {
    return measureAbove0(word, n - 3) ? word.slice(0, n - 1) : word;
  } else if (word[n - 2] === "e" && n > 2 && word.endsWith("ed") && hasVowel(word, n - 2)) {
    stem = word.slice(0, n - 2);
  } else if (word[n - 2] === "n" && n > 3 && word.endsWith("ing") && hasVowel(word, n - 3)) {
    stem = word.slice(0, n - 3);
  } else {
    return word;
  }
  const m = stem.length;
  if (m > 2 && (stem.endsWith("at") || stem.endsWith("bl") || stem.endsWith("iz"))) {
    return `${stem}e`;
  }
  const last = stem[m - 1];
  if (
    !isVowel(last, false) && last !== "l" && last !== "s" && last !== "z" && last === stem[m - 2]
  ) {
    return stem.slice(0, m - 1);
  }
  return measureIs1(stem, m) && endsCvc(stem, m) ? `${stem}e` : stem;
}

function step4(word: string): string {
  const group = STEP_4[word.at(-2) ?? ""];
  if (group === undefined) return word;
  for (const [suffix] of group) {
    if (word.length <= suffix.length || !word.endsWith(suffix)) continue;
    const end = word.length - suffix.length;
    const condition = suffix === "ion" ? STEP_4_ION : measureAbove1;
    return condition(word, end) ? word.slice(0, end) : word;
  }
  return word;
}

/** The FTS5 Porter stem of a lower-case, accent-free token (its length counted in UTF-8 bytes). */
export function porterStem(token: string): string {
  const bytes = ASCII.test(token) ? token.length : encoder.encode(token).length;
  if (bytes < 3 || bytes > MAX_TOKEN_BYTES) return token;
  let word = step1b(step1a(token));
  // Step 1c: a final "y" after a vowel-bearing stem becomes "i" ("happy" → "happi").
  if (word.endsWith("y") && hasVowel(word, word.length - 1)) word = `${word.slice(0, -1)}i`;
  word = applyStep(word, STEP_2, measureAbove0) ?? word;
  word = applyStep(word, STEP_3, measureAbove0) ?? word;
  word = step4(word);
  // Step 5a: a final "e" goes when m > 1, or m = 1 and the stem is not consonant-vowel-consonant.
  let n = word.length;
  if (
    word[n - 1] === "e" && (measureAbove1(word, n - 1) ||
      (measureIs1(word, n - 1) && !endsCvc(word, n - 1)))
  ) {
    word = word.slice(0, --n);
  }
  // Step 5b: "-ll" loses an "l" when m > 1 ("controll" → "control").
  if (n > 1 && word[n - 1] === "l" && word[n - 2] === "l" && measureAbove1(word, n - 1)) {
    word = word.slice(0, n - 1);
  }
  return word;
}
