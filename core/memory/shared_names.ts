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
  // Most pairs a search compares share no word at all, and then no name either way: asked
  // first, it spares `namedByRun`'s sets and keys (~2 % of a chat's allocation, perf72).
  if (!shareAWord(ofA, ofB)) return false;
  return namedByRun(ofA, ofB) || namedByRun(ofB, ofA);
}

/**
 * Whether `a` and `b` hold a word in common: what {@linkcode namedByRun} needs either way (each
 * word of a run is one of its text's, and a run shares a name only through a word the other
 * text holds).
 */
function shareAWord(a: NameWords, b: NameWords): boolean {
  if (a.size > b.size) return shareAWord(b, a);
  for (const word of a.keys()) if (b.has(word)) return true;
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

/**
 * Whether a run of `from` and a run of `to` name one thing by `from`'s run: they share a word
 * capitalised inside a sentence in one of the texts, and the run of `from` holds no word inside
 * a sentence that the other lacks ({@linkcode sharesName} asks it both ways). A run whose words
 * inside a sentence all stand in a run of `to` shares them; one with none such (a sentence's
 * lone first word) shares any word `to` holds, inside a sentence there.
 *
 * Read so in bounded steps, not for each pair of runs sharing a word (|runs of A holding w| ×
 * |runs of B holding w|: two 10k-character lines of ~900 runs "x Bob Qa1", "x Bob Zb1", each
 * run "Bob" and a word the other lacks, took 3.2 M reads, review39 F7): a run's inside words are
 * looked up only in the runs of `to` holding the one of them that fewest runs hold, each such
 * run until a word it lacks, and runs alike in their inside words are asked once.
 */
function namedByRun(from: NameWords, to: NameWords): boolean {
  const asked = new Set<string>();
  for (const run of from.phrases) {
    namesRead += run.length;
    const inside = [...new Set(run.filter((name) => name.inside).map((name) => name.word))];
    if (inside.length === 0) {
      // The other's run holding the word lacks none of this run's (it has none inside).
      const shared = run.some(({ word }) => {
        const other = to.get(word);
        return other !== undefined && (from.get(word)! || other);
      });
      if (shared) return true;
      continue;
    }
    const key = inside.sort().join(" ");
    if (asked.has(key)) continue;
    asked.add(key);
    let fewest: readonly NameRun[] | undefined;
    for (const word of inside) {
      const runs = holding(to.phrases, word);
      if (fewest === undefined || runs.length < fewest.length) fewest = runs;
      if (runs.length === 0) break;
    }
    for (const other of fewest!) {
      const words = wordsOfRun(other);
      let held = 0;
      while (held < inside.length && words.has(inside[held]!)) held++;
      namesRead += Math.min(held + 1, inside.length);
      // Each of them a word inside a sentence of `from`, held by `to`: a shared name.
      if (held === inside.length) return true;
    }
  }
  return false;
}
