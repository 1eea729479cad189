/**
 * A name and its clipping: a user called "Priya" is "Pri" in half of her notes ("Pri is
 * allergic to shellfish"), and a question may use either ("Is Pri still at the studio?"). A
 * capitalised word of a memory that starts with a query's name, or that a query's name starts
 * with, counts as that name when the shorter has at least {@linkcode MIN_CLIPPING} letters and
 * the longer at most {@linkcode MAX_CLIPPED} more.
 *
 * @module
 */
import { isAscii, stem, words } from "./text.ts";
import { rememberedByText } from "./text_memo.ts";

/** The fewest letters a clipping has ("Pri", "Sam"; not "Al", "Jo"). */
export const MIN_CLIPPING = 3;
/** The most letters a name has beyond its clipping ("Pri" → "Priya" 2, "Sam" → "Samantha" 5). */
export const MAX_CLIPPED = 5;

const CAPITALISED = /\p{Lu}\p{Ll}+/gu;

/**
 * Whether a text is plain ASCII, remembered: ranking asks it of every candidate for each name a
 * query holds, twice a search (alignment's bound and the ranking), and the pattern reads the
 * whole text.
 */
const asciiText = rememberedByText(isAscii);

/** The folded capitalised words of a text ("priya", "she", "glasgow") and their stems. */
const capitalised = rememberedByText(
  (text): { words: readonly string[]; stems: readonly string[] } => {
    const found = [...new Set([...text.matchAll(CAPITALISED)].map((m) => words(m[0])[0]!))];
    return Object.freeze({ words: Object.freeze(found), stems: Object.freeze(found.map(stem)) });
  },
);

/** Whether `shorter` is a clipping of `longer` (both folded or stemmed words). */
export function clips(shorter: string, longer: string): boolean {
  return shorter.length >= MIN_CLIPPING && longer.length > shorter.length &&
    longer.length - shorter.length <= MAX_CLIPPED && longer.startsWith(shorter);
}

/** A query's names as {@linkcode holdsClippedNames} looks them up. */
interface ClippedNames {
  /** How many names the query's array held when they were read (made again if it grew). */
  length: number;
  /** The names of at least {@linkcode MIN_CLIPPING} letters. */
  names: ReadonlySet<string>;
  /** Their clippings: each name's first letters, {@linkcode MIN_CLIPPING} or more, 1 to {@linkcode MAX_CLIPPED} fewer. */
  clippings: ReadonlySet<string>;
  /** Each name's first letters as a capitalised word writes them ("Pri"). */
  heads: readonly string[];
  /** Each name's first {@linkcode MIN_CLIPPING} letters, which a clipping and its name share. */
  starts: ReadonlySet<string>;
}

/**
 * The most names whose first letters are looked for in a text before its capitalised words are
 * read: each look reads the whole text, so past a few names (a question names one or two) one
 * reading of its words costs less. The look changes no answer: a word the full reading takes
 * opens, as written, with a name's first letters (a stem's opening is not read).
 */
const HEAD_LOOKS = 4;

/** `names` as {@linkcode holdsClippedNames} reads them, worked out once a query (by its array). */
const clippedByNames = new WeakMap<readonly string[], ClippedNames>();

function clippedNames(names: readonly string[]): ClippedNames {
  let clipped = clippedByNames.get(names);
  if (clipped !== undefined && clipped.length === names.length) return clipped;
  const long = names.filter((name) => name.length >= MIN_CLIPPING);
  const clippings = new Set<string>();
  for (const name of long) {
    const shortest = Math.max(MIN_CLIPPING, name.length - MAX_CLIPPED);
    for (let length = shortest; length < name.length; length++) {
      clippings.add(name.slice(0, length));
    }
  }
  const heads = [
    ...new Set(long.map((name) => name[0]!.toUpperCase() + name.slice(1, MIN_CLIPPING))),
  ];
  const starts = new Set(long.map((name) => name.slice(0, MIN_CLIPPING)));
  clipped = { length: names.length, names: new Set(long), clippings, heads, starts };
  clippedByNames.set(names, clipped);
  return clipped;
}

/**
 * Whether `content` holds a capitalised word that is a clipping of one of `names` (terms) or of
 * which one of them is a clipping ("Pri" for `priya`, "Priya" for `pri`). Each of the text's
 * capitalised words is looked up in the names and their clippings ({@linkcode MAX_CLIPPED}
 * lookups a word), not compared with each name: a question of 200 names read a memory of 1,500
 * capitalised words 300,000 times, stemming each word every time (attack40 N1).
 */
export function holdsClippedNames(content: string, names: readonly string[]): boolean {
  const { names: long, clippings, heads, starts } = clippedNames(names);
  if (long.size === 0) return false;
  // Most memories hold no capitalised word with a name's first letters: not read further.
  if (
    heads.length <= HEAD_LOOKS && asciiText(content) &&
    !heads.some((head) => content.includes(head))
  ) return false;
  const { words: held, stems } = capitalised(content);
  for (let i = 0; i < held.length; i++) {
    const word = held[i]!;
    // A clipping and its name open alike as written: a word that opens as no name does is none
    // of them, whatever its stem opens with. Stemming rewrites a three-letter name's last letter
    // ("Ray" → "rai", "Guy" → "gui"), where the "y" is the name's own vowel, not an ending, so
    // its stem's clippings ("rai" of "raina") are names it is not; the first letters' look
    // above reads the written words too, and the two answer alike (mut56, Finding 2).
    if (!starts.has(word.slice(0, MIN_CLIPPING))) continue;
    // `word` a clipping of a name, or its stem one when it opens as written ("Jenny" →
    // "jenni" of `jennif`: the ending "-y"/"-ie" written either way).
    if (word.length >= MIN_CLIPPING && clippings.has(word)) return true;
    if (stems[i]!.length >= MIN_CLIPPING && clippings.has(stems[i]!)) return true;
    // A name a clipping of `word`: one of its first letters, 1 to MAX_CLIPPED fewer.
    const shortest = Math.max(MIN_CLIPPING, word.length - MAX_CLIPPED);
    for (let length = shortest; length < word.length; length++) {
      if (long.has(word.slice(0, length))) return true;
    }
  }
  return false;
}
