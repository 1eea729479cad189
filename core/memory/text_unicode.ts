/**
 * How the analyser (`text.ts`) reads text that is not plain ASCII: folding, words, and the
 * extra terms of scripts written without spaces between words.
 *
 * - **Folding**: NFKD, then the combining marks of Latin, Greek and Cyrillic letters dropped
 *   (accents: "Zürich" is "zurich", "İstanbul" is "istanbul") and every other mark kept and
 *   recomposed (NFC): a Devanagari vowel sign, a Thai tone mark or a kana voicing mark makes
 *   another word (दिल is not दाल, ば is not は). Then lower case, and a fixed mapping where lower
 *   case is not what a user expects of a search: ß → ss, dotless ı → i, final ς → σ (the same
 *   for every locale: `toLocaleLowerCase` has no locale to go by here).
 * - **Words**: runs of letters, digits and their marks; each emoji (`Extended_Pictographic`,
 *   a skin tone or joiner between them dropped) and each flag (a regional-indicator pair) is a
 *   word of its own. A run holding Han, kana, Thai, Lao, Khmer or Myanmar letters is cut into
 *   words by `Intl.Segmenter` (ICU's dictionaries: 我最喜欢的水果是苹果 → 我 最 喜欢 的 水果 是 苹果);
 *   where it is not available the run stays whole.
 * - **Bigrams**: a Han, kana or Hangul word of three or more characters also gives its
 *   overlapping character pairs as terms (歯医者 → 歯医者 歯医 医者; 부산에서 → 부산에서 부산 산에
 *   에서), so a word the segmenter kept whole, or a Korean word with its particle attached, is
 *   still found by a shorter word inside it (医者, 부산), in the index and in the query alike.
 *
 * @module
 */

/** Latin, Greek and Cyrillic letters: their combining marks are accents, dropped. */
const ACCENTED = /[\p{sc=Latin}\p{sc=Greek}\p{sc=Cyrillic}]/u;
/** A letter or digit and the combining marks after it (or marks after anything else). */
const MARKS = /([\p{L}\p{N}]?)(\p{M}+)/gu;
const DIGIT = /\p{N}/u;
const HAS_MARK = /\p{M}/u;
/** Lower-case letters whose search form is another (the same in every locale). */
const FOLDS = /[ßıς]/g;
const FOLDED: Readonly<Record<string, string>> = { ß: "ss", ı: "i", ς: "σ" };
/** Words: letters, digits and their marks; an emoji; a flag. */
const WORD = /[\p{L}\p{N}][\p{L}\p{M}\p{N}]*|\p{Extended_Pictographic}|\p{RI}{2}/gu;
/** Scripts written without spaces between words: segmented. */
const UNSPACED =
  /[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\p{sc=Thai}\p{sc=Lao}\p{sc=Khmer}\p{sc=Myanmar}]/u;
/** Scripts whose words also give their character bigrams. */
const BIGRAMMED = /[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\p{sc=Hangul}]/u;
/** The first code unit of any Hangul, kana or Han letter (Hangul Jamo start at U+1100). */
const FIRST_BIGRAMMED = 0x1100;

/** Keeps a mark unless it follows a Latin, Greek or Cyrillic letter, a digit, or nothing. */
function marksKept(_: string, base: string, marks: string): string {
  return base !== "" && !ACCENTED.test(base) && !DIGIT.test(base) ? base + marks : base;
}

/** `text` folded for search: accents of Latin/Greek/Cyrillic dropped, lower case, ß → ss. */
export function foldUnicode(text: string): string {
  const decomposed = text.normalize("NFKD");
  const bare = HAS_MARK.test(decomposed) ? decomposed.replace(MARKS, marksKept) : decomposed;
  return bare.normalize("NFC").toLowerCase().replace(FOLDS, (letter) => FOLDED[letter]!);
}

let segmenter: Intl.Segmenter | null | undefined;

/** The word segmenter, or null when this runtime has none. */
function wordSegmenter(): Intl.Segmenter | null {
  if (segmenter === undefined) {
    segmenter = typeof Intl.Segmenter === "function"
      ? new Intl.Segmenter("und", { granularity: "word" })
      : null;
  }
  return segmenter;
}

/** Turns the segmenter off (`null`) or back on (`undefined`), for tests of the fallback. */
export function setSegmenterForTests(value: null | undefined): void {
  segmenter = value;
}

/**
 * The words of folded non-ASCII `folded` (see the module comment). With a script without spaces
 * the whole text is segmented at once (one segmenter call costs far more than its length), and
 * the segments in other scripts are read by the same rule as any text: Unicode's word breaks
 * never fall inside a run of letters, digits and marks, and a segment that joins two (`don't`)
 * is split again.
 */
export function unicodeWords(folded: string): string[] {
  const seg = UNSPACED.test(folded) ? wordSegmenter() : null;
  if (!seg) return folded.match(WORD) ?? [];
  const result: string[] = [];
  for (const piece of seg.segment(folded)) {
    const text = piece.segment;
    if (!UNSPACED.test(text)) {
      const found = text.match(WORD);
      if (found) { for (const word of found) result.push(word); }
    } else if (piece.isWordLike) result.push(text);
  }
  return result;
}

/** Pushes the character bigrams of a Han, kana or Hangul `word` of three characters or more. */
export function pushBigrams(word: string, into: string[]): void {
  if (word.charCodeAt(0) < FIRST_BIGRAMMED || !BIGRAMMED.test(word)) return;
  const chars = Array.from(word);
  if (chars.length < 3) return;
  for (let i = 0; i + 1 < chars.length; i++) into.push(chars[i]! + chars[i + 1]!);
}

/** Alphabets whose words inflect at their end and which no stemmer here reads. */
const INFLECTED = /^[\p{sc=Greek}\p{sc=Cyrillic}\p{sc=Armenian}\p{sc=Georgian}]/u;
/** The lengths of the beginnings an inflected word is also indexed by. */
export const PREFIX_LENGTHS: readonly number[] = [5, 6, 7];
/** Marks a prefix term (never part of a word). */
export const PREFIX_MARK = "…";

/**
 * Pushes the prefix terms of a Greek, Cyrillic, Armenian or Georgian `word`: its first 5, 6 and
 * 7 letters (as many as it has) each followed by {@linkcode PREFIX_MARK} ("бабушки" and
 * "бабушка" share "бабуш…" and "бабушк…"), so another form of the word still finds it, and a longer shared beginning counts more ("новосибирск" shares two with
 * "новосибирске", one with "новости").
 */
export function pushPrefix(word: string, into: string[]): void {
  if (word.charCodeAt(0) < 0x370 || !INFLECTED.test(word)) return;
  const chars = Array.from(word);
  for (const length of PREFIX_LENGTHS) {
    if (chars.length < length) return;
    into.push(chars.slice(0, length).join("") + PREFIX_MARK);
  }
}
