/**
 * Names two memories share: a word written with a capital in both ("Corolla", "Petra",
 * "iPhone", "Italian"), inside a sentence in at least one of them ("I sold the Corolla" after
 * "I commute in a silver Toyota Corolla"; "Petra retired" after "My manager is ... Petra"),
 * so a sentence's first word alone ("After ...", "Last month ...") is no name. A newer memory
 * that names what an older one named and tells of a change (`tellsChange`) is about the same
 * thing however little else its words share: an update says what became of it, not what it
 * was (`unlinked_updates.ts`).
 *
 * A name is the whole run of capitalised words it stands in ("Charnwood Community Choir",
 * "Forest Road Dental"): two runs that each hold a word inside a sentence the other lacks name
 * two things, whatever word they share. "Switched Biscuit to Charnwood Vets" does not name what
 * "I sing with the Charnwood Community Choir" names, nor "Dr Lowe at Forest Road Dental" what
 * "the hosiery factory on Hinckley Road" does: a district, a street word or a family name is a
 * part of many names (session 38, a carer's store of other people's doctors, schools and
 * streets). A run holding the other's words and more is the same name told in full or short
 * ("the Corolla" after "a silver Toyota Corolla", "Aunt Reena" and "Reena"); a run's opening
 * word of a sentence may be any capitalised word ("Yesterday Petra retired"), so it tells two
 * names apart only inside a sentence. A line opens as a sentence does: the exchange a persona
 * keeps after a chat turn opens each speaker's line with the speaker's name ("Theo said: ...\nJuno
 * replied: ..."), which names who spoke, not what either memory is about (session 39, set 20: every
 * kept exchange with "now" in it became the unlinked update of every other).
 *
 * @module
 */
import { words } from "./text.ts";

const TOKEN = /[\p{L}\p{N}]+/gu;
/**
 * Capitalised words that name no one thing: days, months, feasts and titles ("since Monday",
 * "every March", "at Christmas", "Dr. Weber": two memories that both say "Monday" are not
 * about one thing). Folded.
 */
export const NOT_NAMES: ReadonlySet<string> = new Set([
  ..."monday tuesday wednesday thursday friday saturday sunday".split(" "),
  ..."january february march april may june july august september october november december"
    .split(" "),
  ..."christmas easter halloween thanksgiving ramadan hanukkah diwali eid passover new year"
    .split(" "),
  ..."mr mrs ms miss dr prof sir madam st mt".split(" "),
]);
/** A line break: the word after it opens a line, as a sentence's first word does. */
const LINE_BREAK = /[\n\r\u2028\u2029]/;
/** Marks after which a sentence opens: an end mark, a colon, a quote or bracket. */
const SENTENCE_OPENERS = new Set([...'.!?:;"“‘«([{']);

/** One word of a run of capitalised words (folded), and whether it stands inside a sentence. */
export interface NameWord {
  word: string;
  inside: boolean;
}

/**
 * A text's capitalised words (folded), each with whether one stands inside a sentence, and the
 * runs of capitalised words they stand in (`phrases`: the words of each run that are names).
 */
export interface NameWords extends ReadonlyMap<string, boolean> {
  readonly phrases: readonly (readonly NameWord[])[];
}

/** The capitalised words of `text` ({@linkcode NameWords}), read once per text by the caller. */
export function nameWords(text: string): NameWords {
  const found = new Map<string, boolean>();
  const phrases: NameWord[][] = [];
  let run: NameWord[] = [];
  const close = () => {
    if (run.length > 0) phrases.push(run);
    run = [];
  };
  // A word opens a sentence by the gap since the word before it, read once (linear in the text).
  let end = 0;
  for (const match of text.matchAll(TOKEN)) {
    const token = match[0];
    const between = text.slice(end, match.index);
    const gap = between.trimEnd();
    // A line opens as a sentence does: a kept exchange's "...\nJuno replied:", a note's next line.
    const first = end === 0 || LINE_BREAK.test(between);
    end = match.index + token.length;
    // A run goes on over spaces alone: a mark, an apostrophe, a line break or a word without a
    // capital ends it.
    if (gap !== "" || first) close();
    if (token === "I" || !/\p{Lu}/u.test(token) || /^\p{Lu}+$/u.test(token) && token.length > 1) {
      close();
      continue;
    }
    const folded = words(token)[0];
    // A lone letter ("O'Brien", "J. Smith") names nothing on its own; a title or a day is no
    // name but stays within the run ("Dr Ferris", "Mr Chauhan").
    if (folded === undefined || folded.length < 2 || NOT_NAMES.has(folded)) continue;
    const inside = !first && (gap === "" || !SENTENCE_OPENERS.has(gap.at(-1)!));
    found.set(folded, (found.get(folded) ?? false) || inside);
    run.push({ word: folded, inside });
  }
  close();
  return Object.assign(found, { phrases });
}

/**
 * Whether two texts share a name: a word capitalised in both, inside a sentence in at least
 * one of them, in runs that name one thing (see the module doc). Texts or their
 * {@linkcode nameWords}.
 */
export function sharesName(a: string | NameWords, b: string | NameWords): boolean {
  const ofA = typeof a === "string" ? nameWords(a) : a;
  const ofB = typeof b === "string" ? nameWords(b) : b;
  if (ofA.size === 0 || ofB.size === 0) return false;
  const tried = new Map<NameRun, Set<NameRun>>();
  for (const [word, inside] of ofA) {
    const other = ofB.get(word);
    if (
      other !== undefined && (inside || other) && oneName(word, ofA.phrases, ofB.phrases, tried)
    ) {
      return true;
    }
  }
  return false;
}

/** A run of capitalised words ({@linkcode NameWords}' `phrases`). */
type NameRun = readonly NameWord[];

/** Each run's words, read once a run (a run is asked about each of its words). */
const runWords = new WeakMap<NameRun, ReadonlySet<string>>();
/** The runs holding each word, of a text's runs, read once a text. */
const runsOfWord = new WeakMap<readonly NameRun[], ReadonlyMap<string, readonly NameRun[]>>();

let namesRead = 0;

/** How many words of runs {@linkcode sharesName} has read since the process started (for tests). */
export function nameRunReads(): number {
  return namesRead;
}

/** The words of `run`, as a set. */
function wordsOfRun(run: NameRun): ReadonlySet<string> {
  let words = runWords.get(run);
  if (words === undefined) {
    namesRead += run.length;
    runWords.set(run, words = new Set(run.map((name) => name.word)));
  }
  return words;
}

/** The runs of `runs` holding `word`. */
function holding(runs: readonly NameRun[], word: string): readonly NameRun[] {
  let byWord = runsOfWord.get(runs);
  if (byWord === undefined) {
    const index = new Map<string, NameRun[]>();
    for (const run of runs) {
      namesRead += run.length;
      for (const { word } of run) {
        const held = index.get(word);
        if (held === undefined) index.set(word, [run]);
        else if (held.at(-1) !== run) held.push(run);
      }
    }
    runsOfWord.set(runs, byWord = index);
  }
  return byWord.get(word) ?? [];
}

/** Whether `run` holds a word inside a sentence that `other` lacks. */
function lacks(run: NameRun, other: NameRun): boolean {
  const words = wordsOfRun(other);
  namesRead += run.length;
  return run.some((name) => name.inside && !words.has(name.word));
}

/**
 * Whether a run of `a` and one of `b` holding `word` may name one thing: not both holding a
 * word inside a sentence that the other lacks. Each pair of runs is read once a pair of texts
 * (`tried`), each run against the other's set of words: read against the other's list, for
 * every word they share, two runs of ~1,000 capitalised words took ~1,000³ steps (attack39:
 * two 7,000-character lines of names, 15 s).
 */
function oneName(
  word: string,
  a: readonly NameRun[],
  b: readonly NameRun[],
  tried: Map<NameRun, Set<NameRun>>,
): boolean {
  for (const ofA of holding(a, word)) {
    let seen = tried.get(ofA);
    if (seen === undefined) tried.set(ofA, seen = new Set());
    for (const ofB of holding(b, word)) {
      if (seen.has(ofB)) continue;
      seen.add(ofB);
      if (!lacks(ofA, ofB) || !lacks(ofB, ofA)) return true;
    }
  }
  return false;
}
