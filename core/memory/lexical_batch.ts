/**
 * Batches of documents for the in-memory BM25 index (`lexical_index.ts`): texts analysed into one
 * run of term ids, and the counts a load sizes its postings and term store by.
 *
 * @module
 */
import { analyse, type TermDictionary } from "./bm25.ts";
import { type FieldBatch, type IndexedFields, VISIBILITY_BIT } from "./index_fields.ts";
import type { KeySlots } from "./key_slots.ts";
import type { PostingsBuild } from "./postings_build.ts";

/** Many documents at once, analysed. */
export interface AnalysedBatch<Key extends string | number> {
  /** The documents' keys, in order. */
  ids: readonly Key[];
  /** Their filter fields, in the same order. */
  fields: FieldBatch;
  /** Every document's {@linkcode analyse}d terms (count, then sorted ids), end to end. */
  terms: Uint32Array;
  /**
   * The postings of `terms`, built elsewhere (`buildPostings`, on a worker): taken over as they
   * are when the index is empty, instead of built here.
   */
  built?: PostingsBuild;
  /**
   * `ids[i]` → `i` ({@linkcode KeySlots.ordered}), when the caller has one: taken as the key
   * table of an empty index instead of filled here.
   */
  slots?: KeySlots<Key>;
}

/** Analyses `rows`' texts with `dictionary` into one batch. */
export function analyseRows<Key extends string | number>(
  rows: ReadonlyArray<{ id: Key; content: string; fields: IndexedFields }>,
  dictionary: TermDictionary,
): AnalysedBatch<Key> {
  const analysed = rows.map((row) => analyse(row.content, dictionary));
  const all = new Uint32Array(analysed.reduce((sum, list) => sum + list.length, 0));
  let at = 0;
  for (const list of analysed) {
    all.set(list, at);
    at += list.length;
  }
  const typeNames = [...new Set(rows.map((row) => row.fields.memoryType))];
  return {
    ids: rows.map((row) => row.id),
    fields: {
      importance: rows.map((row) => row.fields.importance),
      types: rows.map((row) => typeNames.indexOf(row.fields.memoryType)),
      typeNames,
      visibility: rows.map((row) => VISIBILITY_BIT[row.fields.visibility]),
    },
    terms: all,
  };
}

/**
 * In how many of the `documents` documents of `termIds` (count, then sorted ids, end to end)
 * each term id occurs, and how many (document, term) pairs there are: one pass over each
 * document's sorted runs for the largest id, another for the frequencies.
 */
export function batchFrequencies(
  termIds: Uint32Array,
  documents: number,
): { frequencies: Int32Array; distinct: number } {
  let largest = 0;
  let distinct = 0;
  for (let doc = 0, at = 0; doc < documents; doc++) {
    const end = at + 1 + termIds[at]!;
    for (let i = at + 1; i < end; i++) {
      largest = Math.max(largest, termIds[i]!);
      if (i === at + 1 || termIds[i] !== termIds[i - 1]) distinct++;
    }
    at = end;
  }
  const frequencies = new Int32Array(largest + 1);
  for (let doc = 0, at = 0; doc < documents; doc++) {
    const end = at + 1 + termIds[at]!;
    for (let i = at + 1; i < end; i++) {
      if (i === at + 1 || termIds[i] !== termIds[i - 1]) frequencies[termIds[i]!]!++;
    }
    at = end;
  }
  return { frequencies, distinct };
}

/** How many distinct ids sorted `termIds` holds (equal ids sit together). */
export function distinctSorted(termIds: Uint32Array): number {
  let distinct = 0;
  for (let i = 0; i < termIds.length; i++) {
    if (i === 0 || termIds[i] !== termIds[i - 1]) distinct++;
  }
  return distinct;
}
