/**
 * The one analyser every lexical part of memory uses (the BM25 index and its queries, the
 * hashed features of the local embedder, the word-vector lookup, importance scoring): Unicode
 * folding (accents of Latin, Greek and Cyrillic letters dropped, other marks kept; ß → ss,
 * ı → i), lower case, words of letters and digits (emoji each a word; scripts without spaces
 * segmented, Han/kana/Hangul words also as character bigrams: `text_unicode.ts`), a stop-word
 * list, and the Porter stemmer of SQLite's FTS5 (`porter.ts`), so "graduation" and "graduated"
 * meet at "graduat" here exactly as they do in FTS5's `porter unicode61` index.
 *
 * @module
 */
import { chatFunctionWords, chatSpeakAt } from "./chat_speak.ts";
import { porterStem } from "./porter.ts";
import { foldUnicode, pushBigrams, pushPrefix, unicodeWords } from "./text_unicode.ts";

/**
 * The analyser's version: stored terms made by another version are analysed again (SQLite: the
 * migration `memories_terms_analyser_2`; PostgreSQL: `pg_memories_terms_analyser_2` and
 * `postgres_reanalyse.ts`; Chroma's index is built in the process). 2: scripts without spaces
 * segmented, bigrams, marks kept outside Latin/Greek/Cyrillic, ß/ı folded, emoji words. 3: texting
 * spellings read as the words they stand for (`chat_speak.ts`: "bday" → "birthday"; "lol", "im",
 * "ngl" stop words), in plain ASCII text too; words with a sense of their own ("rn", "bc") kept.
 * 4: dialect and texting spellings of function words read as them (`chat_dialect.gen.json`:
 * "dae", "tae", "aboot", "cannae", "wot": stop words), so "whit dae ye ken aboot" is a question
 * about "ken" alone; SQLite `memories_analyser_4`, PostgreSQL `pg_memories_analyser_4`.
 */
export const ANALYSER_VERSION = 4;

/**
 * Function words that say nothing about what a memory is about: the usual English list (the one
 * NLTK ships, with the pieces of contractions such as "don" and "t"), plus the modal verbs.
 */
export const STOPWORDS: ReadonlySet<string> = new Set(
  ("i me my myself we our ours ourselves you your yours yourself yourselves he him his himself " +
    "she her hers herself it its itself they them their theirs themselves what which who whom " +
    "this that these those am is are was were be been being have has had having do does did " +
    "doing a an the and but if or because as until while of at by for with about against " +
    "between into through during before after above below to from up down in out on off over " +
    "under again further then once here there when where why how all any both each few more " +
    "most other some such no nor not only own same so than too very s t can will just don " +
    "should now d ll m o re ve y ain aren couldn didn doesn hadn hasn haven isn ma mightn " +
    "mustn needn shan shouldn wasn weren won wouldn would could might must shall may")
    .split(" "),
);

/**
 * The stop words and the texting spellings without content ("lol", "tbh", "im", "dont"): not
 * content for {@linkcode isContentWord} and {@linkcode terms} alike (one set: one lookup).
 */
const NOT_CONTENT: ReadonlySet<string> = new Set([...STOPWORDS, ...chatFunctionWords(STOPWORDS)]);

const ASCII_WORD = /[a-z0-9]+/g;
const ASCII = /^[\t\n\r -~]*$/;

/**
 * Lower-cased words of `text`, accents removed, in order (FTS5 `unicode61` tokens for ASCII and
 * accented Latin text; other scripts as `text_unicode.ts` says).
 */
export function words(text: string): string[] {
  // Plain ASCII (most text) needs no Unicode folding: the same words, several times faster.
  if (isAscii(text)) return text.toLowerCase().match(ASCII_WORD) ?? [];
  return unicodeWords(foldUnicode(text));
}

const STEM_CACHE_LIMIT = 50_000;
const stemCache = new Map<string, string>();

/**
 * The stem of a folded word: FTS5's Porter stem. Stems are remembered (up to 50,000 words, then
 * the memory starts over): a persona's memories reuse a few thousand words, so loading an index
 * of 10,000 memories stems each distinct word once.
 */
export function stem(word: string): string {
  let stemmed = stemCache.get(word);
  if (stemmed === undefined) {
    if (stemCache.size >= STEM_CACHE_LIMIT) stemCache.clear();
    stemmed = porterStem(word);
    stemCache.set(word, stemmed);
  }
  return stemmed;
}

/** Whether a folded word carries meaning (not a stop word). */
export function isContentWord(word: string): boolean {
  return !NOT_CONTENT.has(word);
}

/** The stemmed content words of `text` (stop words dropped), in order: the lexical terms. */
export function terms(text: string): string[] {
  return termsOfWords(words(text));
}

/**
 * {@linkcode terms} of a text whose {@linkcode words} the caller has already (read once): each
 * content word's stem, followed by its character bigrams when it is a Han, kana or Hangul word
 * of three characters or more (`text_unicode.ts`); a texting spelling gives the stems of the
 * content words it stands for (`chat_speak.ts`: "bday" the stem of "birthday", "lol" none).
 */
export function termsOfWords(folded: readonly string[]): string[] {
  const result: string[] = [];
  for (let at = 0; at < folded.length; at++) {
    const word = folded[at]!;
    if (STOPWORDS.has(word)) continue;
    const spoken = chatSpeakAt(folded, at);
    if (spoken) {
      for (const one of spoken) if (!STOPWORDS.has(one)) result.push(stem(one));
      continue;
    }
    result.push(stem(word));
    pushBigrams(word, result);
    pushPrefix(word, result);
  }
  return result;
}

/**
 * How many of the latest texts {@linkcode analysedWords} and {@linkcode analysedTerms} keep: a
 * dialogue turn's memories (one per participant, up to a handful) are embedded together, then
 * their terms read, and a turn's importance is scored on its one text for each of them.
 */
export const RECENT_ANALYSES = 8;

interface Analysis {
  text: string;
  words: readonly string[];
  terms?: readonly string[];
  /** A text that ends with a recent one: the words before it and that text's analysis. */
  split?: { headWords: readonly string[]; tail: Analysis };
}

const recentAnalyses: Analysis[] = [];
let charsRead = 0;

/** How many characters the latest texts' analyses have read so far (for tests). */
export function analysedChars(): number {
  return charsRead;
}

/** The analysis of `text` if it is one of the latest, else a new one (the oldest goes). */
function analysis(text: string): Analysis {
  for (const recent of recentAnalyses) if (recent.text === text) return recent;
  let fresh = withRecentTail(text);
  if (!fresh) {
    fresh = { text, words: Object.freeze(words(text)) };
    charsRead += text.length;
  }
  if (recentAnalyses.length >= RECENT_ANALYSES) recentAnalyses.shift();
  recentAnalyses.push(fresh);
  return fresh;
}

const ASCII_WORD_CHAR = /[A-Za-z0-9]/;

/**
 * The analysis of an ASCII `text` that ends with a recent text, from that text's: a dialogue
 * turn's memories are "I said to …: <turn>" and "<speaker> said: <turn>", after the turn's own
 * text was scored, so only their heads are read. The words of plain ASCII text are its runs of
 * letters and digits, so where the two parts do not split such a run the words of the whole are
 * those of the head, then those of the tail (`text_test.ts` checks this against reading it all).
 */
function withRecentTail(text: string): Analysis | undefined {
  for (let i = recentAnalyses.length - 1; i >= 0; i--) {
    const tail = recentAnalyses[i]!;
    const at = text.length - tail.text.length;
    // One level only: a tail that is itself split would chain every earlier analysis to the
    // newest (memory growing with the square of the chain, recursion as deep as it).
    if (tail.split || at <= 0 || tail.text.length === 0 || !text.endsWith(tail.text)) continue;
    if (!isAscii(text)) return undefined;
    if (ASCII_WORD_CHAR.test(text[at - 1]!) && ASCII_WORD_CHAR.test(text[at]!)) continue;
    const headWords = words(text.slice(0, at));
    charsRead += at;
    return { text, words: Object.freeze(headWords.concat(tail.words)), split: { headWords, tail } };
  }
  return undefined;
}

/**
 * {@linkcode words} of `text`, shared with the latest callers that asked for the same text
 * (frozen): a new memory's text is read by its importance score, its sentence vector and its
 * BM25 terms, one after the other.
 */
export function analysedWords(text: string): readonly string[] {
  return analysis(text).words;
}

/** {@linkcode terms} of `text`, shared as {@linkcode analysedWords} are (frozen). */
export function analysedTerms(text: string): readonly string[] {
  return termsOfAnalysis(analysis(text));
}

function termsOfAnalysis(analysed: Analysis): readonly string[] {
  if (analysed.terms) return analysed.terms;
  const { split } = analysed;
  const stems = split
    ? termsOfWords(split.headWords).concat(termsOfAnalysis(split.tail))
    : termsOfWords(analysed.words);
  analysed.split = undefined; // its terms are known: the tail is no longer needed
  return analysed.terms = Object.freeze(stems);
}

/** Whether `text` is plain printable ASCII (then it needs no Unicode folding). */
export function isAscii(text: string): boolean {
  return ASCII.test(text);
}

/** The distinct content words of a query, unstemmed (for backends' own full-text filters). */
export function keywords(text: string): string[] {
  return [...new Set(words(text).filter((word) => word.length > 1 && isContentWord(word)))];
}
