/**
 * A persona's own written words as a dictionary of slips (session 33, recall48): the terms its
 * memories hold, filtered by their letters (`meaning/slip_letters.ts`), so that a query word finds the store
 * words a slip away ("daughter" asked, "dauther" stored; "dauther" asked, "daugther" stored)
 * whatever the word vectors know. What the backends share: the in-memory BM25 index keeps one
 * (`lexical_index.ts`: SQLite and Chroma), built on its first lookup and then kept in step with
 * the words its postings gain; PostgreSQL reads its term statistics instead
 * (`postgres_slips.ts`). Which pairs count, and how much, is the search's (`store_slips.ts`).
 *
 * @module
 */
import { lettersHeld, SlipProbe } from "./meaning/slip_letters.ts";
import { SLIP_MIN_LETTERS, typoApart, typoEditsFor } from "./meaning/typo_pairs.ts";
import { TYPO_MAX_LETTERS } from "./meaning/typo_forms.ts";
import { clippingTerms } from "./meaning/short_forms.ts";

/** A store word a slip from a query word, and how many of the persona's memories hold it. */
export interface StoreSlip {
  term: string;
  documents: number;
}

/** What a lookup of a query's words in a persona's words answers. */
export interface StoreSlips {
  /** How many memories the persona has (BM25's N). */
  documents: number;
  /** How many memories hold each looked-up word itself, in order. */
  own: number[];
  /** Each looked-up word's store words a slip away, most memories first, in order. */
  slips: StoreSlip[][];
  /**
   * Each looked-up word's store words that may be its short forms, most memories first, in
   * order (`store_short_forms.ts` says which stand for it): those that begin its root, its
   * back-clippings (`meaning/short_forms.ts`, `clippingTerms`: "physio" for "physiotherapi"),
   * and those of its {@linkcode SlipAsk.shortForms}.
   */
  clippings: StoreSlip[][];
}

/** What a lookup of store words may ask besides the words (`MemoryBackend.slips`). */
export interface SlipAsk {
  /**
   * For each looked-up word, in order, more store terms to look up exactly as its possible short
   * forms: its contractions' analysed terms (`meaning/short_forms.ts`, `contractionForms`:
   * "appt", "mgr", "bdai"), which no beginning of its root finds.
   */
  shortForms?: readonly (readonly string[])[];
}

/**
 * The most store words one query word's lookup gives back, those held by the most memories
 * first (the search takes fewer, `store_slips.ts`): a word of a store of made-up names may be a
 * slip away from dozens.
 */
export const SLIPS_PER_WORD_KEPT = 16;

/** Whether `term` can be a slip at all: plain letters a-z, at least `SLIP_MIN_LETTERS`. */
export function slipShaped(term: string): boolean {
  if (term.length < SLIP_MIN_LETTERS) return false;
  for (let i = 0; i < term.length; i++) {
    const code = term.charCodeAt(i);
    if (code < 97 || code > 122) return false;
  }
  return true;
}

/**
 * `close` (store words `typoApart` from a word) cut to those some memory still holds
 * (`documents` above 0), most memories first, then alphabetically, at most
 * {@linkcode SLIPS_PER_WORD_KEPT}.
 */
export function heldSlips(
  close: Iterable<string>,
  documents: (term: string) => number,
): StoreSlip[] {
  const kept: StoreSlip[] = [];
  for (const term of close) {
    const count = documents(term);
    if (count > 0) kept.push({ term, documents: count });
  }
  kept.sort((a, b) => b.documents - a.documents || (a.term < b.term ? -1 : 1));
  return kept.slice(0, SLIPS_PER_WORD_KEPT);
}

/**
 * Each of `words`' {@linkcode clippingTerms} and `ask`'s short forms of it that some memory holds
 * (`documents` above 0), most memories first: at most six exact lookups a word, and those asked.
 */
export function heldClippings(
  words: readonly string[],
  documents: (term: string) => number,
  ask: SlipAsk = {},
): StoreSlip[][] {
  return words.map((word, i) =>
    heldSlips(new Set([...clippingTerms(word), ...ask.shortForms?.[i] ?? []]), documents)
  );
}

/**
 * The most store words `typoApart` from one word that are still its slips: past it the word sits
 * in a crowd of near spellings (a store of made-up words, or one written to be: every two-letter
 * change of a 16-letter word, 65,625 terms), a slip of none of them in particular, and it looks
 * up none. A word of a persona's own writing has a few store words a slip away, not hundreds;
 * without the bound each lookup of such a word compared and sorted them all (attack35 A4: two
 * such words in a query, 5-7 s of lookups at load 40), and emptied the memo of lookups
 * ({@linkcode SLIP_MEMO_ENTRIES}) for the next word.
 */
export const SLIP_NEIGHBOURS_MAX = 256;

/**
 * The terms of `found` `typoApart` from `word`, in order; none once more than
 * {@linkcode SLIP_NEIGHBOURS_MAX} are (the comparing stops there).
 */
export function typoNeighbours(word: string, found: Iterable<string>): string[] {
  const close: string[] = [];
  for (const term of found) {
    if (!typoApart(word, term, SLIP_MIN_LETTERS)) continue;
    if (close.length === SLIP_NEIGHBOURS_MAX) return [];
    close.push(term);
  }
  return close;
}

/**
 * `found` (store words that may be slips of `word`) cut to those `typoApart` from it
 * ({@linkcode typoNeighbours}) that some memory still holds ({@linkcode heldSlips}).
 */
export function closeSlips(
  word: string,
  found: Iterable<string>,
  documents: (term: string) => number,
): StoreSlip[] {
  return heldSlips(typoNeighbours(word, found), documents);
}

/** What {@linkcode StoreVocabulary} reads of an index. */
export interface VocabularySource {
  /** Postings (anything with a size) by term id. */
  postings: ReadonlyArray<{ size: number } | undefined>;
  /** The term of an id. */
  termOf(id: number): string | undefined;
}

/**
 * How many entries the memo of a vocabulary's lookups holds, a word and each store word found
 * for it counting one: past it the memo is emptied. Each entry is a word's key and references to
 * terms the vocabulary holds anyway, so the memo stays within ~1 MB whatever is asked.
 */
export const SLIP_MEMO_ENTRIES = 65_536;

/** One first letter's terms of one length, and which letters each holds (made on a first scan). */
interface Bucket {
  terms: string[];
  letters: number[] | undefined;
}

/** A bucket's place: first letter a-z by length 0 to `TYPO_MAX_LETTERS`. */
const bucketOf = (first: number, length: number) => first * (TYPO_MAX_LETTERS + 1) + length;

/**
 * An index's terms by first letter and length (a slip keeps the first letter and changes the
 * length by at most its edits): every term with a posting at the first lookup, then each term
 * whose posting was made since (`born`). A word's slips are looked for among the terms of its
 * first letter and of the lengths within two of its own, by their letters
 * (`meaning/slip_letters.ts`, a filter that never loses a slip), then `typoApart`: which letters
 * each term holds is kept, 4 bytes a term, made on its bucket's first scan. So memory stays
 * linear in the vocabulary (session 33, fix143): recall48's deletion keys, up to 277 a term of
 * 24 letters, took a store of long made-up words to ~480 MB on its first search. A term of more
 * than `TYPO_MAX_LETTERS` letters is no slip of anything (`typoApart`) and is not kept. A term
 * no memory holds any more stays until the index is built again (its lookups find it with no
 * documents, and drop it).
 *
 * Each word's store words `typoApart` from it are remembered (session 34, perf43: a persona's
 * queries ask the same words over and over, and the scan was most of a lookup) until a term of
 * its first letter is taken in: the memo depends on nothing else, as how many memories hold each
 * is read at every lookup. At most {@linkcode SLIP_MEMO_ENTRIES}.
 */
export class StoreVocabulary {
  readonly #buckets: Array<Bucket | undefined> = [];
  readonly #held = new Set<number>();
  /** By first letter: moves when a term of it is taken in (memo entries made before are stale). */
  readonly #generations = new Uint32Array(26);
  readonly #memo = new Map<string, { generation: number; close: string[] }>();
  #memoEntries = 0;
  #scans = 0;

  /** Every term of `source` with a posting. */
  constructor(source: VocabularySource) {
    source.postings.forEach((posting, id) => {
      if (posting !== undefined && posting.size > 0) this.#hold(id, source);
    });
  }

  /** How many terms are held. */
  get size(): number {
    return this.#held.size;
  }

  /** How many lookups scanned the terms (the others were answered by the memo). */
  get scans(): number {
    return this.#scans;
  }

  #hold(id: number, source: VocabularySource): void {
    if (this.#held.has(id)) return;
    this.#held.add(id);
    const term = source.termOf(id);
    if (term === undefined || !slipShaped(term) || term.length > TYPO_MAX_LETTERS) return;
    const first = term.charCodeAt(0) - 97;
    this.#generations[first]!++;
    const at = bucketOf(first, term.length);
    const bucket = this.#buckets[at];
    if (bucket === undefined) this.#buckets[at] = { terms: [term], letters: undefined };
    else {
      bucket.terms.push(term);
      bucket.letters?.push(lettersHeld(term));
    }
  }

  /** Takes in the terms whose postings were made since the last call (`born`, emptied). */
  sync(born: number[] | Set<number>, source: VocabularySource): void {
    for (const id of born) {
      if ((source.postings[id]?.size ?? 0) > 0) this.#hold(id, source);
    }
    if (Array.isArray(born)) born.length = 0;
    else born.clear();
  }

  /** The store words a slip from `word` ({@linkcode closeSlips}). */
  slipsOf(word: string, documents: (term: string) => number): StoreSlip[] {
    if (!slipShaped(word) || word.length > TYPO_MAX_LETTERS) return [];
    const generation = this.#generations[word.charCodeAt(0) - 97]!;
    let known = this.#memo.get(word);
    if (known?.generation !== generation) {
      if (known !== undefined) this.#memoEntries -= 1 + known.close.length;
      known = { generation, close: this.#scan(word) };
      const entries = 1 + known.close.length;
      if (this.#memoEntries + entries > SLIP_MEMO_ENTRIES) {
        this.#memo.clear();
        this.#memoEntries = 0;
      }
      this.#memo.set(word, known);
      this.#memoEntries += entries;
    }
    return heldSlips(known.close, documents);
  }

  /**
   * The held terms `typoApart` from plain-letter `word` (of `TYPO_MAX_LETTERS` at most), none
   * past {@linkcode SLIP_NEIGHBOURS_MAX}.
   */
  #scan(word: string): string[] {
    this.#scans++;
    const first = word.charCodeAt(0) - 97;
    const probe = new SlipProbe(word);
    const found: string[] = [];
    // The most edits any pair may make: `collect` holds each length to the pair's own.
    const reach = typoEditsFor(TYPO_MAX_LETTERS);
    const shortest = Math.max(SLIP_MIN_LETTERS, word.length - reach);
    const longest = Math.min(TYPO_MAX_LETTERS, word.length + reach);
    for (let length = shortest; length <= longest; length++) {
      const bucket = this.#buckets[bucketOf(first, length)];
      if (bucket === undefined) continue;
      const held = bucket.letters ??= bucket.terms.map(lettersHeld);
      probe.collect({ length, held, texts: bucket.terms }, found);
    }
    return typoNeighbours(word, found);
  }
}
