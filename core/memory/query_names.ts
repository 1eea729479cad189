/**
 * The names a query asks about ("What is Biscuit afraid of?"): capitalised words inside a
 * sentence. What starts a sentence is wider than ". ! ?" in a chat message: a line break, a
 * colon, a bullet, an opening quote or bracket. Honorifics ("Dr. Lee") are no names but keep
 * the name after them, and a query written in title case or capitals names no one by its case.
 *
 * @module
 */
import { isContentWord, stem, words } from "./text.ts";
import { QUESTION_FRAME_WORDS } from "./query_frames.ts";

/** Titles before a name ("Dr. Lee", "Mrs Patel"): not names themselves, and no sentence's end. */
export const HONORIFICS: ReadonlySet<string> = new Set(
  "dr mr mrs ms miss mx prof sir madam dame st rev fr sr jr".split(" "),
);

/** Prepositions after which a capitalised word is a place's name ("in Leeds", not "on Monday"). */
export const NAME_PREPOSITIONS: ReadonlySet<string> = new Set(["in", "at", "to", "from", "near"]);

const TOKEN = /[\p{L}\p{N}]+/gu;
/** Marks after which a sentence opens: an end mark, a colon, an opening quote or bracket. */
const SENTENCE_OPENERS = new Set([...'.!?:;"“‘«([{']);
/** Bullets that open a line's item ("- ", "* ", "• "). */
const BULLETS = new Set([..."-*•–—"]);

/**
 * Whether text ending in `gap` stands at a line's start: nothing but white space since a line
 * break (or since the text's start, when `atStart`: no word before `gap`).
 */
function atLineStart(gap: string, atStart: boolean): boolean {
  const kept = gap.trimEnd();
  return (kept === "" && atStart) || gap.slice(kept.length).includes("\n");
}

/** A capitalised word of a text, with whether it opens a sentence. */
export interface CapitalisedWord {
  /** The word as written. */
  readonly token: string;
  /** Its folded form (`words`). */
  readonly folded: string;
  /** The folded word before it, if any ("" at the text's start). */
  readonly previous: string;
  /** Whether it opens a sentence (after an end mark, a colon, a line break, a bullet, an opening quote or bracket; not an honorific's dot). */
  readonly opensSentence: boolean;
}

/**
 * The words of `text` that start with a capital and go on in lower case ("Tomas", not "THE"),
 * but none when the text is written in title case or capitals ("Where Do I Work Now?", "WHO IS
 * TOM?", "Which Relative Grows Grapes?"): of two or more words that open no sentence (not "I"),
 * all start with a capital, or more than half and one of them a stop word, which no name is.
 * There case says nothing of names.
 */
export function capitalisedWords(text: string): readonly CapitalisedWord[] {
  if (text === lastRead.text) return lastRead.words;
  const read = readCapitalisedWords(text);
  lastRead = { text, words: read };
  return read;
}

/**
 * The text {@linkcode capitalisedWords} read last, and its words: a query's analysis asks for
 * those of the same text again and again (its names, its opening names, its slips, the store's
 * slips, its possessions): on the bench's one-session chat ~5.8 reads a chat, ~3.8 of them the
 * text read just before, ~2-3 µs each (perf88). One text, not a memo: nothing is held past the
 * next text, and memories' texts are remembered where they are read (`written_names.ts`).
 */
let lastRead: { text: string | undefined; words: readonly CapitalisedWord[] } = {
  text: undefined,
  words: [],
};

/** {@linkcode capitalisedWords}, read afresh. */
function readCapitalisedWords(text: string): CapitalisedWord[] {
  const found: CapitalisedWord[] = [];
  let previous = "";
  let inside = 0;
  let capitalInside = 0;
  let stopWordCapital = false;
  // Each word is judged by the gap since the word before it (no word holds a mark or a space),
  // read once: the whole function is linear in the text, whatever its white space.
  let end = 0;
  let previousToken = "";
  let previousAtLineStart = false;
  for (const match of text.matchAll(TOKEN)) {
    const token = match[0];
    const folded = words(token)[0] ?? "";
    const first = previousToken === "";
    const gap = text.slice(end, match.index);
    const kept = gap.trimEnd();
    const mark = kept.at(-1) ?? "";
    const honorificDot = mark === "." && HONORIFICS.has(previous);
    // A line opens after a line break, a bullet at a line's start, or a number at a line's start
    // with "." or ")" ("2. ", "3) ").
    const lineStart = atLineStart(gap, first);
    const opensLine = lineStart ||
      (BULLETS.has(mark) && atLineStart(kept.slice(0, -1), first)) ||
      ((kept === "." || kept === ")") && /^[0-9]+$/.test(previousToken) && previousAtLineStart);
    const opensSentence = !honorificDot &&
      ((kept === "" ? first : SENTENCE_OPENERS.has(mark)) || opensLine);
    end = match.index + token.length;
    previousToken = token;
    previousAtLineStart = lineStart;
    if (!opensSentence && token !== "I") {
      inside++;
      if (/^\p{Lu}/u.test(token)) {
        capitalInside++;
        if (!isContentWord(folded)) stopWordCapital = true;
      }
    }
    if (/^\p{Lu}\p{Ll}/u.test(token)) found.push({ token, folded, previous, opensSentence });
    previous = folded;
  }
  const titleCase = inside >= 2 &&
    (capitalInside === inside || (capitalInside * 2 > inside && stopWordCapital));
  return titleCase ? [] : found;
}

/**
 * Words after which a capitalised place word names where something is, goes or comes from
 * ("saved for Japan", "in Portugal's capital"): a place there, whatever the memories write.
 */
const PLACE_PREPOSITIONS: ReadonlySet<string> = new Set([
  ...NAME_PREPOSITIONS,
  ..."for of into across around through towards toward via".split(" "),
]);

/** A capitalised word inside a query's sentence that may name someone or something, as a term. */
interface NameWord {
  term: string;
  /** Whether WordNet names a place by the word (`isPlace`: "Portugal", but also "Mesa"). */
  place: boolean;
  /** Whether it stands where a place goes: after a preposition of place ("for Japan"). */
  placed: boolean;
}

/**
 * The capitalised words inside the query's sentences that may be names (see {@linkcode
 * queryNames}); with `opening`, also a place word that opens a sentence ("Mesa's phone number").
 */
function nameWords(
  text: string,
  isPlace: (word: string) => boolean,
  opening = false,
): NameWord[] {
  const found: NameWord[] = [];
  for (const { folded, opensSentence, previous } of capitalisedWords(text)) {
    if ((opensSentence && !(opening && isPlace(folded))) || !isContentWord(folded)) continue;
    if (QUESTION_FRAME_WORDS.has(folded) || HONORIFICS.has(folded)) continue;
    const term = stem(folded);
    if (found.some((word) => word.term === term)) continue;
    found.push({ term, place: isPlace(folded), placed: PLACE_PREPOSITIONS.has(previous) });
  }
  return found;
}

/**
 * The names a query asks about: each capitalised word inside a sentence ({@linkcode
 * capitalisedWords}; not "I", not a frame word such as "Remember", not an honorific) that is no
 * place's name (`isPlace`: "Portugal's capital" asks about Lisbon, which need not say
 * "Portugal"), as the analyser's term ("What is Biscuit afraid of?": `biscuit`; a possessive
 * "'s" dropped). A memory that holds none of them is about someone else.
 */
export function queryNames(text: string, isPlace: (word: string) => boolean): string[] {
  return nameWords(text, isPlace).filter((word) => !word.place).map((word) => word.term);
}

/**
 * The capitalised words that {@linkcode queryNames} leaves out as places by WordNet, inside a
 * sentence or opening one ("Mesa's phone number": `opening_names.ts` leaves places out), as
 * terms: a place's name ("Portugal") or a name that is also a place word ("Mesa", a
 * restaurant; WordNet's "mesa" is a landform). Which one the persona's memories tell
 * (`written_names.ts`, `writtenAsNames`), but a word after a preposition of place ("saved for
 * Japan", "in Portugal's capital") is a place whatever they write: its answer need not name it.
 */
export function placeWordNames(text: string, isPlace: (word: string) => boolean): string[] {
  return nameWords(text, isPlace, true).filter((word) => word.place && !word.placed).map((word) =>
    word.term
  );
}
