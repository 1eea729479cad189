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
import { SLIP_MIN_LETTERS, typoApart } from "./meaning/typo_pairs.ts";

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
 * `found` (store words that may be slips of `word`) cut to those `typoApart` from it that
 * some memory still holds (`documents` above 0), most memories first, then alphabetically, at
 * most {@linkcode SLIPS_PER_WORD_KEPT}.
 */
export function closeSlips(
  word: string,
  found: Iterable<string>,
  documents: (term: string) => number,
): StoreSlip[] {
  const kept: StoreSlip[] = [];
  for (const term of found) {
    if (!typoApart(word, term, SLIP_MIN_LETTERS)) continue;
    const count = documents(term);
    if (count > 0) kept.push({ term, documents: count });
  }
  kept.sort((a, b) => b.documents - a.documents || (a.term < b.term ? -1 : 1));
  return kept.slice(0, SLIPS_PER_WORD_KEPT);
}

/** What {@linkcode StoreVocabulary} reads of an index. */
export interface VocabularySource {
  /** Postings (anything with a size) by term id. */
  postings: ReadonlyArray<{ size: number } | undefined>;
  /** The term of an id. */
  termOf(id: number): string | undefined;
}

/**
 * An index's terms by first letter (a slip keeps it): every term with a posting at the first
 * lookup, then each term whose posting was made since (`born`). A word's slips are looked for
 * among its first letter's terms by their letters (`meaning/slip_letters.ts`, a filter that
 * never loses a slip), then `typoApart`: which letters each term holds is kept, 4 bytes a term,
 * made on its first letter's first lookup. So memory stays linear in the vocabulary (session 33,
 * fix143): recall48's deletion keys, up to 277 a term of 24 letters, took a store of long
 * made-up words to ~480 MB on its first search. A term no memory holds any more stays until the
 * index is built again (its lookups find it with no documents, and drop it).
 */
export class StoreVocabulary {
  readonly #byFirst = new Map<string, { terms: string[]; letters?: number[] }>();
  readonly #held = new Set<number>();

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

  #hold(id: number, source: VocabularySource): void {
    if (this.#held.has(id)) return;
    this.#held.add(id);
    const term = source.termOf(id);
    if (term === undefined || !slipShaped(term)) return;
    const group = this.#byFirst.get(term[0]!);
    if (group === undefined) this.#byFirst.set(term[0]!, { terms: [term] });
    else {
      group.terms.push(term);
      group.letters?.push(lettersHeld(term));
    }
  }

  /** Takes in the terms whose postings were made since the last call (`born`, emptied). */
  sync(born: number[], source: VocabularySource): void {
    for (const id of born) {
      if ((source.postings[id]?.size ?? 0) > 0) this.#hold(id, source);
    }
    born.length = 0;
  }

  /** The store words a slip from `word` ({@linkcode closeSlips}). */
  slipsOf(word: string, documents: (term: string) => number): StoreSlip[] {
    if (!slipShaped(word)) return [];
    const group = this.#byFirst.get(word[0]!);
    if (group === undefined) return [];
    const { terms } = group;
    const letters = group.letters ??= terms.map(lettersHeld);
    const probe = new SlipProbe(word);
    const found: string[] = [];
    for (let i = 0; i < terms.length; i++) {
      if (probe.mayBeSlip(terms[i]!, letters[i]!)) found.push(terms[i]!);
    }
    return closeSlips(word, found, documents);
  }
}
