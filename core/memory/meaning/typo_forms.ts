/**
 * A misspelt word matched to the word it misses by one Damerau edit (a letter left out, added,
 * replaced, or two neighbours swapped): users type fast and the word vectors and WordNet know
 * only words spelt right, so a memory saying "bad migranes" shared nothing with a question's
 * "migraines" but its neighbours, and a question's "recieve" nothing with "receive". Only a word
 * the vectors do not know (neither it nor its stem), of {@linkcode TYPO_MIN_LETTERS} letters or
 * more, and its first letter kept (seldom the one mistyped: Yannakoudakis & Fawthrop 1983; a
 * name the vectors lack would otherwise read as many a word, "Kavor" as "favor"), at
 * {@linkcode TYPO_SIMILARITY}, below a form's 1:
 * - a word one or two edits from another, either of them unknown to the vectors, matches it
 *   (`typo_pairs.ts`, read by `word_similarity.ts` pair by pair);
 * - a query's unknown word is read as the WordNet word one edit away ({@linkcode TypoReadings}:
 *   its edits, about 54 a letter, looked up in the table's word map, but for those no word can
 *   be by its starts, ends and runs of three letters (`word_edges.ts`); the likeliest kind of
 *   slip first, then the most common word; remembered by word, bounded), which joins its
 *   relations.
 *
 * @module
 */
import { makeRoom } from "../oldest_first.ts";

/** How alike a misspelt word and the word it misses count: a reduced weight, below a form's 1. */
export const TYPO_SIMILARITY = 0.8;
/** The fewest letters a word needs to be read as a misspelling (shorter words collide). */
export const TYPO_MIN_LETTERS = 5;
/**
 * The most letters a word may have to be read as a misspelling: its edits number about 54 a
 * letter and each is as long as the word, so the work grows with the square of its length (a
 * 4,000-letter "word" in a chat message would take most of a gigabyte); English words this long
 * are rare, and a longer run of letters is no typo of one.
 */
export const TYPO_MAX_LETTERS = 24;
/** Stems whose reading is remembered before the oldest go. */
const TYPO_MEMO_LIMIT = 10_000;

/**
 * What the words of a vocabulary share with a word (`word_edges.ts`), to skip edits that can be
 * none of them: at most how many letters of its start and of its end a word shares, and which
 * three letters (as char codes) some word has in a row.
 */
export interface SharedEdges {
  start: number;
  end: number;
  trigram?(a: number, b: number, c: number): boolean;
}

/**
 * The words one Damerau edit from `word` over a-z, its first letter kept, in four groups by
 * how people mistype, most likely first: two neighbours swapped ("recieve"), a letter left out
 * ("migranes"), a letter doubled or added ("occurr"), a letter replaced ("seperate"). May hold
 * `word` and repeats. Only the edits keeping at most `shared` letters of its start and of its
 * end (each keeps the letters before its place and after it), and whose new letter makes no
 * three in a row that no word has, in the same order.
 */
export function oneEditAway(
  word: string,
  shared: SharedEdges = { start: word.length, end: word.length },
): string[][] {
  const swapped: string[] = [];
  const missing: string[] = [];
  const extra: string[] = [];
  const replaced: string[] = [];
  const length = word.length;
  const fits = lettersFit(word, shared.trigram);
  // An edit at `i` keeps `length - i` letters of the end (one fewer replaced or left out, two
  // fewer swapped).
  const last = length - shared.end;
  for (let i = Math.max(1, last - 2); i <= shared.start; i++) {
    const head = word.slice(0, i);
    if (i >= last) {
      const tail = word.slice(i);
      for (let x = A; x <= Z; x++) {
        if (fits(i - 1, x, i)) missing.push(head + String.fromCharCode(x) + tail);
      }
    }
    if (i === length) break;
    if (i >= last - 1) {
      const rest = word.slice(i + 1);
      extra.push(head + rest);
      for (let x = A; x <= Z; x++) {
        if (fits(i - 1, x, i + 1)) replaced.push(head + String.fromCharCode(x) + rest);
      }
    }
    if (i + 1 < length) swapped.push(head + word[i + 1] + word[i] + word.slice(i + 2));
  }
  return [swapped, missing, extra, replaced];
}

const A = 97;
const Z = 122;

/**
 * Whether letter `x` put between `word`'s letters `before` and `after` (positions; past either
 * end none) makes only runs of three that `trigram` knows; always, without `trigram`.
 */
function lettersFit(
  word: string,
  trigram: SharedEdges["trigram"],
): (before: number, x: number, after: number) => boolean {
  if (trigram === undefined) return () => true;
  const at = (i: number) => i >= 0 && i < word.length ? word.charCodeAt(i) : -1;
  return (before, x, after) => {
    const b1 = at(before), b2 = at(before - 1), a1 = at(after), a2 = at(after + 1);
    return (b2 < 0 || trigram(b2, b1, x)) && (b1 < 0 || a1 < 0 || trigram(b1, x, a1)) &&
      (a2 < 0 || trigram(x, a1, a2));
  };
}

/** What {@linkcode TypoReadings} asks of the vocabulary. */
export interface TypoLexicon {
  /** Whether the vectors know the folded word (it or its stem has a row). */
  knows(word: string): boolean;
  /**
   * How common a folded word as written is (its frequency rank, lower: more common), or
   * undefined when it is no word a misspelling can stand for (no row, or not in WordNet).
   */
  commonness(word: string): number | undefined;
  /**
   * At most how many letters of folded `word`'s start and of its end a word with a
   * {@linkcode commonness} shares (upper bounds; `word_edges.ts`): edits keeping more are not
   * looked up.
   */
  sharedEdges?(word: string): SharedEdges;
}

/** The word a misspelt word stands for, remembered by word (bounded). */
export class TypoReadings {
  readonly #lexicon: TypoLexicon;
  readonly #memo = new Map<string, string | null>();

  constructor(lexicon: TypoLexicon) {
    this.#lexicon = lexicon;
  }

  /**
   * The word folded `word` misses by one edit, or undefined when it is short or longer than
   * {@linkcode TYPO_MAX_LETTERS}, known, not plain letters, or one edit from no WordNet word. Of the edits, the likeliest group with any such
   * word wins ({@linkcode oneEditAway}), and in it the most common word.
   */
  reading(word: string): string | undefined {
    const letters = word.length;
    if (letters < TYPO_MIN_LETTERS || letters > TYPO_MAX_LETTERS || !/^[a-z]+$/.test(word)) {
      return undefined;
    }
    const known = this.#memo.get(word);
    if (known !== undefined) return known ?? undefined;
    let best: string | null = null;
    if (!this.#lexicon.knows(word)) {
      for (const group of oneEditAway(word, this.#lexicon.sharedEdges?.(word))) {
        let bestCommonness = Infinity;
        for (const edit of group) {
          const commonness = edit === word ? undefined : this.#lexicon.commonness(edit);
          if (commonness !== undefined && commonness < bestCommonness) {
            best = edit;
            bestCommonness = commonness;
          }
        }
        if (best !== null) break;
      }
    }
    makeRoom(this.#memo, TYPO_MEMO_LIMIT);
    this.#memo.set(word, best);
    return best ?? undefined;
  }
}

/** {@linkcode withTypoReading}'s maps by the stem a misspelling stands for. */
const readAlone = new Map<string, ReadonlyMap<string, number>>();

/**
 * `related` (a misspelt stem's relations, mostly none) with `meant`, the stem it stands for, at
 * {@linkcode TYPO_SIMILARITY}, and the stem's own relations (`meantRelated`) at that share of
 * theirs (session 32, recall46: "alergies" read as "allergies" answers "allergic" as the word
 * would, a little less); `related` itself when there is none.
 */
export function withTypoReading(
  related: ReadonlyMap<string, number> | undefined,
  meant: string | undefined,
  meantRelated?: ReadonlyMap<string, number>,
): ReadonlyMap<string, number> | undefined {
  if (meant === undefined || related?.has(meant)) return related;
  let read = readAlone.get(meant);
  if (read === undefined) {
    const map = new Map([[meant, TYPO_SIMILARITY]]);
    for (const [other, similarity] of meantRelated ?? []) {
      if (!map.has(other)) map.set(other, similarity * TYPO_SIMILARITY);
    }
    makeRoom(readAlone, TYPO_MEMO_LIMIT);
    readAlone.set(meant, read = map);
  }
  if (related === undefined || related.size === 0) return read;
  const merged = new Map(read);
  for (const [other, similarity] of related) {
    if (similarity > (merged.get(other) ?? 0)) merged.set(other, similarity);
  }
  return merged;
}
