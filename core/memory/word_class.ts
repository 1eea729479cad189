/**
 * A word used in another class. Many English words are both a verb and a noun ("train",
 * "drive", "park", "ring"), and the stem is all BM25 and word alignment see: "Where do I work and
 * what car do I drive?" matched "I failed my driving test twice" by "drive" as fully as "I drive
 * a Tesla". Word order tells the class cheaply where it is plain: right after a subject pronoun
 * ("I", "we", "you", "he", "she", "they") a word is a verb ("do I drive", "we train"); right
 * after an article, a demonstrative or a possessive ("the", "a", "my", "this") a noun or a
 * noun's modifier ("my driving test", "the train"). A word anywhere else is of no plain class.
 *
 * A memory whose every literal match with the query's terms is used in one plain class there
 * and in the other in the query (each only so, in both texts) loses {@linkcode OTHER_CLASS} of
 * its score (`TextFactors.modified`, beside `noun_modifiers.ts`).
 *
 * @module
 */
import { FINITE_AUXILIARIES, FUSED_AUXILIARIES } from "./function_words.ts";
import { isContentWord, stem, words } from "./text.ts";
import { rememberedByText } from "./text_memo.ts";
import { termsOf } from "./terms_memo.ts";

/** The share of its score a memory loses when it says every matched word in the other class. */
export const OTHER_CLASS = 0.2;

const SUBJECTS: ReadonlySet<string> = new Set(["i", "we", "you", "he", "she", "they"]);
/** An auxiliary cut short after a subject pronoun ("I'm", "we've", "she's", "they'll", "I'd"). */
const CLITICS: ReadonlySet<string> = new Set(["m", "re", "ve", "d", "ll", "s"]);
/** Auxiliaries and modals negated by a cut "n't" ("don't", "can't", "didn't", "won't"). */
const NEGATED: ReadonlySet<string> = new Set(
  "do don does doesn did didn can won could couldn would wouldn should shouldn".split(" "),
);

/** Words that ask which one ("what car do I drive", "which run am I on"). */
const ASKING: ReadonlySet<string> = new Set(["what", "which"]);

/**
 * Whether the word at `i` of `folded` is the head of what "what" or "which" asks for: right
 * before an auxiliary or a subject pronoun, one or two words after the asking word ("what run
 * am I on", "what hot drink do I get"): a noun.
 */
function askedHead(folded: readonly string[], i: number): boolean {
  const next = folded[i + 1] ?? "";
  // An auxiliary opens the question's clause after what it asks for ("what car *do* I drive").
  if (!FINITE_AUXILIARIES.has(next) && !SUBJECTS.has(next)) return false;
  return ASKING.has(folded[i - 1] ?? "") || ASKING.has(folded[i - 2] ?? "");
}

/** Whether the word at `i` of `folded` follows a subject and its verb's marks: a verb. */
function afterSubject(folded: readonly string[], i: number): boolean {
  const before = i > 0 ? folded[i - 1]! : "";
  if (SUBJECTS.has(before) || FUSED_AUXILIARIES.has(before)) return true;
  if (i < 2) return false;
  const twice = folded[i - 2]!;
  return (CLITICS.has(before) && SUBJECTS.has(twice)) || (before === "t" && NEGATED.has(twice));
}
const DETERMINERS: ReadonlySet<string> = new Set(
  "a an the this that these those my our your his her their".split(" "),
);

/** A text's terms by plain class: only a verb, only a noun (see the module's documentation). */
export interface WordClasses {
  verbs: ReadonlySet<string>;
  nouns: ReadonlySet<string>;
}

/** The terms `text` uses only as a verb, and only as a noun. */
export function wordClasses(text: string): WordClasses {
  const folded = words(text);
  const verbs = new Set<string>();
  const nouns = new Set<string>();
  const other = new Set<string>();
  for (let i = 0; i < folded.length; i++) {
    const word = folded[i]!;
    if (!isContentWord(word)) continue;
    const before = i > 0 ? folded[i - 1]! : "";
    const term = stem(word);
    if (afterSubject(folded, i)) verbs.add(term);
    else if (DETERMINERS.has(before) || askedHead(folded, i)) nouns.add(term);
    else other.add(term);
  }
  // A term used in two classes, or in none plainly, has no one class.
  const only = (of: Set<string>, others: readonly Set<string>[]) =>
    new Set([...of].filter((term) => others.every((set) => !set.has(term))));
  return { verbs: only(verbs, [nouns, other]), nouns: only(nouns, [verbs, other]) };
}

const classesOf = rememberedByText(wordClasses);

/** {@linkcode wordClasses} of a query's `text`, remembered by text (`TextFactors` asks once). */
export function askedClasses(text: string): WordClasses {
  return classesOf(text);
}

/** A subject pronoun or a determiner and the word after it, found by one scan of the text. */
const AFTER_MARKER = new RegExp(
  `(?<![\\p{L}\\p{N}'’])(${
    [
      ...SUBJECTS,
      ...DETERMINERS,
      ...FUSED_AUXILIARIES,
      `(?:${[...SUBJECTS].join("|")})['’](?:${[...CLITICS].join("|")})`,
      `(?:${[...NEGATED].join("|")})['’]t`,
    ].join("|")
  })(?=[^\\S\\n]+([\\p{L}\\p{N}]+))`,
  "giu",
);

/**
 * "What" or "which" and the three words after it, with nothing but spaces between: where
 * {@linkcode askedHead} may find a head, found by one scan of the text.
 */
const ASKING_WORDS = new RegExp(
  `(?<![\\p{L}\\p{N}'’])(what|which)((?:[^\\S\\n]+[\\p{L}\\p{N}]+){1,3})`,
  "giu",
);

/** The terms a text uses after a subject pronoun, and after a determiner (few: arrays). */
export interface MarkedUses {
  verbs: readonly string[];
  nouns: readonly string[];
}

/**
 * The terms `text` uses after a subject pronoun, and after a determiner, at least once, with
 * only spaces between: what {@linkcode wordClasses} finds (which also asks that no other use be
 * made of them) but across a clause break, found with no pass over every word, so most memories
 * are let go at this cost.
 */
export function markedUses(text: string): MarkedUses {
  const verbs: string[] = [];
  const nouns: string[] = [];
  for (const match of text.matchAll(AFTER_MARKER)) {
    const word = words(match[2]!)[0];
    if (word === undefined || !isContentWord(word)) continue;
    (DETERMINERS.has(match[1]!.toLowerCase()) ? nouns : verbs).push(stem(word));
  }
  for (const match of text.matchAll(ASKING_WORDS)) {
    const folded = ["what", ...words(match[2]!)];
    for (let i = 1; i <= 2 && i < folded.length; i++) {
      if (isContentWord(folded[i]!) && askedHead(folded, i)) nouns.push(stem(folded[i]!));
    }
  }
  return { verbs, nouns };
}

const markedOf = rememberedByText(markedUses);

/** Whether some term marked in a memory (`marked`) is of the other class in `asked`. */
function crossesAny(asked: WordClasses, marked: MarkedUses): boolean {
  for (let i = 0; i < marked.nouns.length; i++) if (asked.verbs.has(marked.nouns[i]!)) return true;
  for (let i = 0; i < marked.verbs.length; i++) if (asked.nouns.has(marked.verbs[i]!)) return true;
  return false;
}

/** Whether every term of `content` the query holds is in the other class in `said`. */
function allCrossed(
  asked: WordClasses,
  said: WordClasses,
  query: ReadonlySet<string>,
  content: string,
): boolean {
  let matched = false;
  for (const term of termsOf(content)) {
    if (!query.has(term)) continue;
    matched = true;
    const crossed = (asked.verbs.has(term) && said.nouns.has(term)) ||
      (asked.nouns.has(term) && said.verbs.has(term));
    if (!crossed) return false;
  }
  return matched;
}

/**
 * The factor a memory's `content` gets for a query (its `text` and analysed `terms`): 1 −
 * {@linkcode OTHER_CLASS} when it holds some of the terms and each in the other plain class
 * than the query's, else 1. `marked`: the content's {@linkcode markedUses}, when the caller has
 * them (`text_roles.ts`); `asked`: the query's {@linkcode askedClasses}, when the caller holds
 * them for every memory of a search (one memo lookup fewer per memory).
 */
export function classFactor(
  query: { text: string; terms: ReadonlySet<string> },
  content: string,
  marked: MarkedUses = markedOf(content),
  asked: WordClasses = classesOf(query.text),
): number {
  if (asked.verbs.size === 0 && asked.nouns.size === 0) return 1;
  // The marked uses first (cheap): only a memory they cross is read word by word.
  if (!crossesAny(asked, marked)) return 1;
  return allCrossed(asked, classesOf(content), query.terms, content) ? 1 - OTHER_CLASS : 1;
}
