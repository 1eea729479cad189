/**
 * Names a query writes in lower case ("where does jayden work", "my sister jess"): a chat is often
 * typed without capitals, so case says nothing of which of its words are names
 * (`query_names.ts` reads only capitalised ones). The store says it instead: a word the
 * search's candidates write with a capital inside a sentence ("Jayden's birthday is ...", "Our
 * lad Jayden"), and never in lower case where their text uses capitals, is a name there, and so
 * in the query. Texts written all in lower case tell nothing either way.
 *
 * @module
 */
import { capitalisedWords } from "./query_names.ts";
import { QUESTION_FRAME_WORDS } from "./query_frames.ts";
import { HONORIFICS } from "./query_names.ts";
import { isContentWord, stem, words } from "./text.ts";
import { KIN_FORMS } from "./meaning/kin_terms.ts";
import { rememberedByText } from "./text_memo.ts";

/**
 * How a text writes its words: those capitalised inside a sentence, those capitalised where a
 * sentence opens, those in lower case.
 */
interface WrittenCase {
  /** Folded words written capitalised and not opening a sentence ("Jayden" in "Our lad Jayden"). */
  readonly capitalised: ReadonlySet<string>;
  /** Folded words written capitalised only where a sentence opens ("Kav" of "Kav was my bridesmaid"). */
  readonly opening: ReadonlySet<string>;
  /** Folded words written in lower case, in a text that uses capitals (none in an all-lower text). */
  readonly lower: ReadonlySet<string>;
}

const NONE: WrittenCase = { capitalised: new Set(), opening: new Set(), lower: new Set() };
/**
 * Two or more capitalised words in a row, or joined by "of", "the", "and" or "&": a title, a
 * brand or a shop ("the new Car Wash film", "Game of Thrones", "Whole Foods"), whose words are
 * common ones as often as names (review39 R4). Its words are read as names only where the text
 * writes them alone too. A run starts only at a word's start, never after a letter, a digit, an
 * apostrophe or a hyphen inside one (review40 R1): each start eats the rest of its word and backs
 * off through it, so starts inside one long word ("Cat-Cat-…") made the pass quadratic.
 * A run joined by "and" or "&" is read part by part ({@linkcode COORDINATION}).
 */
export const TITLE_RUN =
  /(?<![\p{L}\p{N}'’-])\p{Lu}\p{Ll}[\p{L}\p{N}'’-]*(?:[ \t]+(?:(?:of|the|and|&)[ \t]+)?\p{Lu}\p{Ll}[\p{L}\p{N}'’-]*(?![\p{L}\p{N}]))+/gu;

/**
 * The "and" or "&" between two parts of a title run: "Kav and Jo" coordinates two names, each
 * one word written alone, as "Pip and Old Marta" does a name and a title (review42b finding 3:
 * the whole run was blanked, so a store that names people in pairs named no one). A part of two
 * or more words is still a title ("Game of Thrones", "Whole Foods"). The separator is kept in the
 * split (captured), so the parts keep their places in the text.
 */
const COORDINATION = /([ \t]+(?:and|&)[ \t]+)/;

/**
 * `text` with its title-cased runs ({@linkcode TITLE_RUN}) blanked out, each the same length (a
 * family title, an honorific or a sentence's first word, and one name, "Grandpa Karl", "Dr
 * Patel", "It's Jayden's", is kept), each part of a coordinated run ({@linkcode COORDINATION})
 * on its own: a one-word part is kept.
 */
function withoutTitles(text: string): string {
  return text.replace(TITLE_RUN, (run, at: number) => {
    let offset = at;
    return run.split(COORDINATION).map((part, i) => {
      const start = offset;
      offset += part.length;
      // Odd parts are the separators the split captured.
      return i % 2 === 1
        ? part
        : titleKept(text, { part, at: start })
        ? part
        : " ".repeat(part.length);
    }).join("");
  });
}

/** Whether a run's `part` at `at` of `text` is kept: one word, or a title and one name. */
function titleKept(text: string, { part, at }: { part: string; at: number }): boolean {
  const [first, ...rest] = part.split(/[ \t]+/);
  if (rest.length === 0) return true;
  const folded = first!.toLowerCase();
  // A sentence's first word is capitalised anyway ("It's Jayden's birthday"): no run with it.
  const titled = KIN_FORMS.has(folded) || HONORIFICS.has(folded) || opensSentence(text, at);
  return titled && rest.length === 1;
}
const LOWER_WORD = /(?<![\p{L}\p{N}])\p{Ll}[\p{L}\p{N}]*/gu;

/** How far past its first word an aside in brackets is read for its closing bracket. */
export const ASIDE_CHARACTERS = 60;
/**
 * A capitalised word that opens an aside in brackets holding no sentence's end ("Kavita (Kav)
 * lives in Didsbury", "(Kav for short)"): inside the sentence around it, as an apposition is,
 * so capitalised as a name is, not as a sentence's first word (`capitalisedWords` reads any
 * word after "(" as one: review42b finding 3). An aside that ends a sentence inside ("(Went
 * twice.)") is one of its own. The aside is read up to {@linkcode ASIDE_CHARACTERS} characters
 * after its word, and the word cannot give back letters (the look-ahead), so each bracket costs
 * at most its word and that many characters.
 */
const ASIDE_OPENER = new RegExp(
  String.raw`[(\[][ \t]*(\p{Lu}\p{Ll}[\p{L}\p{N}'’-]*)(?![\p{L}\p{N}'’-])` +
    String.raw`[^()\[\].!?\n]{0,${ASIDE_CHARACTERS}}[)\]]`,
  "gu",
);

/** Whether the word at `index` of `text` opens a sentence: after nothing, or an end mark or a line break. */
function opensSentence(text: string, index: number): boolean {
  const before = text.slice(Math.max(0, index - 16), index);
  const kept = before.trimEnd();
  if (kept === "") return index === before.length || before.includes("\n");
  return ".!?:;".includes(kept.at(-1)!) || before.slice(kept.length).includes("\n");
}

/** How `text` writes its words ({@linkcode WrittenCase}), remembered by text. */
const writtenCase: (text: string) => WrittenCase = rememberedByText((text) => {
  // All lower case (or no letter): case tells nothing.
  if (text === text.toLowerCase()) return NONE;
  const capitalised = new Set<string>();
  const opening = new Set<string>();
  // Both readings see titles blanked (same length, so places hold): a title in brackets,
  // "(Game of Thrones)", is no name (review43b finding 1).
  const untitled = withoutTitles(text);
  for (const word of capitalisedWords(untitled)) {
    (word.opensSentence ? opening : capitalised).add(stem(word.folded));
  }
  // An aside in brackets opens no sentence when it holds none ("Kavita (Kav) lives ...").
  for (const match of untitled.matchAll(ASIDE_OPENER)) {
    capitalised.add(stem(words(match[1]!)[0] ?? ""));
  }
  for (const word of capitalised) opening.delete(word);
  const lower = new Set<string>();
  for (const match of text.matchAll(LOWER_WORD)) {
    // A chat's sentence may open in lower case ("jayden's moving ..."): that says nothing.
    if (opensSentence(text, match.index)) continue;
    lower.add(stem(words(match[0])[0] ?? ""));
  }
  return { capitalised, opening, lower };
}, { everyCandidate: true });

/** How many queries' lower-case words are remembered before the memo starts over. */
const ASKED_MEMO_LIMIT = 512;
// A query's words are read once: a chat's messages are searched more than once (recall, tools).
const askedMemo = new Map<string, readonly string[]>();
/** Each remembered list of lower-case words as a set (dropped with the list). */
const askedSets = new WeakMap<readonly string[], ReadonlySet<string>>();

/** The query's words written in lower case that may be names: content words, no frame word. */
function lowerCaseWords(text: string, isPlace: (word: string) => boolean): string[] {
  const found: string[] = [];
  for (const match of text.matchAll(LOWER_WORD)) {
    const folded = words(match[0])[0] ?? "";
    if (folded.length < 3 || !isContentWord(folded)) continue;
    if (QUESTION_FRAME_WORDS.has(folded) || HONORIFICS.has(folded) || isPlace(folded)) continue;
    const term = stem(folded);
    if (!found.includes(term)) found.push(term);
  }
  return found;
}

/**
 * The terms of the words `query` writes in lower case that `candidates` write as names: with a
 * capital inside a sentence in one text at least, and in lower case in none that uses capitals
 * ("jayden" when "Jayden's birthday is ..." is a candidate; not "work", not "mum", which a
 * "Mum sent a parcel" capitalises but "my mum" does not). Places (`isPlace`) are left out as
 * `queryNames` leaves them.
 */
export function writtenNames(
  query: string,
  candidates: readonly { record: { content: string } }[],
  isPlace: (word: string) => boolean,
): string[] {
  const asked = lowerCaseAsked(query, isPlace);
  if (asked.length === 0) return [];
  return writtenAsNames(asked, candidates);
}

/**
 * The terms {@linkcode writtenNames} asks `candidates` about: `query`'s words written in lower
 * case that may be names (remembered by query). A search asks its lists of such words in one
 * {@linkcode writtenAsNames} pass over its candidates (each word's answer is its own).
 */
export function lowerCaseAsked(
  query: string,
  isPlace: (word: string) => boolean,
): readonly string[] {
  let asked = askedMemo.get(query);
  if (asked === undefined) {
    if (askedMemo.size >= ASKED_MEMO_LIMIT) askedMemo.clear();
    askedMemo.set(query, asked = lowerCaseWords(query, isPlace));
  }
  return asked;
}

/**
 * The terms of `asked` that `candidates` write as names: with a capital inside a sentence in one
 * text at least, and in lower case in none that uses capitals (in `asked`'s order). For a query's
 * lower-case words ({@linkcode writtenNames}) and its capitalised words WordNet calls places
 * (`placeWordNames`: "Mesa", a restaurant the memories always capitalise). With
 * `options.opening`, a capital where a sentence opens counts too: only for a question that is
 * nothing but its names (`bare_opening_names.ts`), where the question is the evidence a
 * capital inside a sentence otherwise gives.
 */
export function writtenAsNames(
  asked: readonly string[],
  candidates: readonly { record: { content: string } }[],
  options: { opening?: boolean } = {},
): string[] {
  if (asked.length === 0) return [];
  // A text has few capitalised words and many lower-case ones: the first are read per text,
  // the second only for the words some text capitalises.
  const askedSet = askedSets.get(asked) ?? new Set(asked);
  askedSets.set(asked, askedSet);
  const written = candidates.map(({ record }) => writtenCase(record.content));
  const capitalised = new Set<string>();
  // The sets walked by `forEach` with callbacks made once: a `for...of` over a set made an
  // iterator and a result per word (perf75: ~20 KB a chat).
  const addAsked = (word: string) => {
    if (askedSet.has(word)) capitalised.add(word);
  };
  for (let i = 0; i < written.length; i++) {
    written[i]!.capitalised.forEach(addAsked);
    if (options.opening) written[i]!.opening.forEach(addAsked);
  }
  if (capitalised.size === 0) return [];
  const lower = new Set<string>();
  let other: ReadonlySet<string> = capitalised;
  const addShared = (word: string) => {
    if (other.has(word)) lower.add(word);
  };
  // The smaller side walked (attack34 A4: a hundred memories each naming ~1,000 people, "Leahs
  // mum", walked every name for every text, ~11 million lookups a search).
  for (let i = 0; i < written.length; i++) {
    const text = written[i]!;
    const walked = text.lower.size < capitalised.size ? text.lower : capitalised;
    other = walked === capitalised ? text.lower : capitalised;
    namesLookedUp += walked.size;
    walked.forEach(addShared);
  }
  return asked.filter((term) => capitalised.has(term) && !lower.has(term));
}

let namesLookedUp = 0;

/** How many words {@linkcode writtenAsNames} looked up in lower case since the process started (for tests). */
export function writtenNameLookups(): number {
  return namesLookedUp;
}
