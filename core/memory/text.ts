/**
 * Text normalisation shared by the local embedder, the importance scorer and the lexical part of
 * retrieval: lower-cased words without accents, a small stop-word list and a light suffix
 * stemmer, so that "moved", "moves" and "moving" meet at "mov".
 *
 * @module
 */

/** Very common English words that say nothing about what a memory is about. */
export const STOPWORDS: ReadonlySet<string> = new Set(
  ("a an and are as at be been being but by can could did do does doing for from had has have " +
    "he her hers him his how i if in into is it its just me my of on or our ours she so than " +
    "that the their them then there these they this those to too very was we were what when " +
    "where which who whom why will with would you your yours about after again all am any " +
    "because before below between both during each few further here more most no nor not " +
    "now off once only other out over own same should some such through under until up while")
    .split(" "),
);

const DIACRITICS = /\p{M}+/gu;
const WORD = /[\p{L}\p{N}]+/gu;
const VOWEL = /[aeiouy]/;

/** Lower-cased words of `text`, accents removed, in order. */
export function words(text: string): string[] {
  return text.normalize("NFKD").replace(DIACRITICS, "").toLowerCase().match(WORD) ?? [];
}

function undouble(stem: string): string {
  const last = stem.at(-1)!;
  // "running" -> "runn" -> "run"; but "spell", "miss" and "buzz" keep their double letter.
  if (stem.length > 3 && last === stem.at(-2) && !"lsz".includes(last) && !VOWEL.test(last)) {
    return stem.slice(0, -1);
  }
  return stem;
}

function strip(word: string, suffix: string): string | undefined {
  if (!word.endsWith(suffix)) return undefined;
  const stem = word.slice(0, -suffix.length);
  // The stem must keep a vowel and three letters, so "sing", "bed" and "is" survive intact.
  return stem.length >= 3 && VOWEL.test(stem) ? stem : undefined;
}

/**
 * A light suffix stemmer (a small subset of Porter's step 1): plural and verb endings, "-ly",
 * "-al", then a final silent "e". It is deliberately conservative; character n-grams in the embedder
 * cover what it misses.
 */
export function stem(word: string): string {
  if (word.length <= 3 || /\d/.test(word)) return word;
  let base = word;
  if (base.endsWith("ies") && base.length > 4) base = `${base.slice(0, -3)}y`;
  else if (base.endsWith("sses")) base = base.slice(0, -2);
  else {
    const cut = strip(base, "ing") ?? strip(base, "ed");
    if (cut !== undefined) base = undouble(cut);
    else {
      base = strip(base, "ly") ?? base;
      // "magical" -> "magic", "musical" -> "music"; four letters at least ("metal" stays).
      const adjective = strip(base, "al");
      if (adjective !== undefined && adjective.length >= 4) base = adjective;
      if (base.endsWith("es") && !base.endsWith("ses")) base = strip(base, "es") ?? base;
      else if (base.endsWith("s") && !/(ss|us|is)$/.test(base)) base = strip(base, "s") ?? base;
    }
  }
  if (base.length > 3 && base.endsWith("e")) base = base.slice(0, -1);
  return base;
}

/** The stemmed content words of `text` (stop words dropped), in order. */
export function terms(text: string): string[] {
  return words(text).filter((word) => !STOPWORDS.has(word)).map(stem);
}

/** The words of a query worth a full-text match: stop words and one-letter words dropped. */
export function keywords(text: string): string[] {
  return [...new Set(words(text).filter((word) => word.length > 1 && !STOPWORDS.has(word)))];
}

/**
 * Share of the query's distinct terms that also occur in `content` (0..1). This is the lexical
 * half of relevance; it is computed the same way for every backend.
 */
export function termOverlap(queryTerms: readonly string[], contentTerms: ReadonlySet<string>) {
  const distinct = new Set(queryTerms);
  if (distinct.size === 0) return 0;
  let found = 0;
  for (const term of distinct) if (contentTerms.has(term)) found++;
  return found / distinct.size;
}
