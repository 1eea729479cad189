/**
 * The BM25 postings of many analysed documents, built in typed arrays alone: what an empty
 * {@linkcode LexicalIndex} takes over in one step on an index load. Being plain arrays, a build
 * can be made on another thread and transferred (no copy): a large persona's index rows are
 * read on the WAL checkpointer's worker (`SqliteDatabase.readAside`), and its postings are built
 * there too ({@linkcode POSTINGS_ASIDE}) while the event loop parses the word vectors. At
 * 100,000 memories that was ~150 ms of the event loop between the start and the first search.
 *
 * `buildPostings` runs on the worker from its source text: it must use nothing from outside
 * its own body.
 *
 * @module
 */

/** The postings and per-document term lists of documents `0..n-1` (see {@linkcode buildPostings}). */
export interface PostingsBuild {
  /** Documents. */
  n: number;
  /** Room for this many documents in the per-document arrays (a power of two, at least 64). */
  capacity: number;
  /** Each document's first entry in `docTerms` and `docTfs`. */
  docStart: Int32Array<ArrayBuffer>;
  /** Each document's number of distinct terms. */
  docCount: Uint16Array<ArrayBuffer>;
  /** Each document's length in terms (repeats counted). */
  lengths: Float64Array<ArrayBuffer>;
  /** Each document's distinct term ids in order, then room to grow. */
  docTerms: Uint32Array<ArrayBuffer>;
  /** The frequency of each entry of `docTerms` in its document. */
  docTfs: Uint16Array<ArrayBuffer>;
  /** Entries of `docTerms` in use. */
  docEnd: number;
  /** Sum of the documents' lengths. */
  totalLength: number;
  /** Per term id: its first entry in `slots` and `tfs`. */
  termStart: Int32Array<ArrayBuffer>;
  /** Per term id: how many documents hold it (0: none). */
  termSize: Int32Array<ArrayBuffer>;
  /** Each term's documents, in document order, term after term. */
  slots: Int32Array<ArrayBuffer>;
  /** The term's frequency in each document of `slots`. */
  tfs: Uint16Array<ArrayBuffer>;
}

/**
 * The postings of `n` documents analysed end to end in `termIds` (each: its count, then its
 * sorted term ids, as `analyse` makes them): every posting in document order, term
 * frequencies capped at 65,535, per-document arrays with room for the next power of two of
 * documents (at least 64) and term lists with room for as many entries again.
 */
export function buildPostings(termIds: Uint32Array, n: number): PostingsBuild {
  // Document frequencies and the distinct entries, in one pass over each document's sorted runs.
  let largest = 0;
  let distinct = 0;
  for (let doc = 0, at = 0; doc < n; doc++) {
    const end = at + 1 + termIds[at]!;
    for (let i = at + 1; i < end; i++) {
      if (termIds[i]! > largest) largest = termIds[i]!;
    }
    at = end;
  }
  const termSize = new Int32Array(n === 0 ? 0 : largest + 1);
  for (let doc = 0, at = 0; doc < n; doc++) {
    const end = at + 1 + termIds[at]!;
    for (let i = at + 1; i < end; i++) {
      if (i === at + 1 || termIds[i] !== termIds[i - 1]) {
        termSize[termIds[i]!]!++;
        distinct++;
      }
    }
    at = end;
  }
  const termStart = new Int32Array(termSize.length);
  for (let term = 1; term < termSize.length; term++) {
    termStart[term] = termStart[term - 1]! + termSize[term - 1]!;
  }
  const filled = new Int32Array(termSize.length);
  const slots = new Int32Array(distinct);
  const tfs = new Uint16Array(distinct);
  let capacity = 64;
  while (capacity < n) capacity *= 2;
  const docStart = new Int32Array(capacity);
  const docCount = new Uint16Array(capacity);
  const lengths = new Float64Array(capacity);
  const room = Math.max(256, 2 * distinct);
  const docTerms = new Uint32Array(room);
  const docTfs = new Uint16Array(room);
  let docEnd = 0;
  let totalLength = 0;
  for (let doc = 0, at = 0; doc < n; doc++) {
    const length = termIds[at]!;
    const stop = at + 1 + length;
    docStart[doc] = docEnd;
    // Sorted, equal ids sit together: their run length is the term frequency.
    for (let i = at + 1; i < stop;) {
      const term = termIds[i]!;
      let j = i + 1;
      while (j < stop && termIds[j] === term) j++;
      const tf = Math.min(j - i, 0xffff);
      const entry = termStart[term]! + filled[term]!++;
      slots[entry] = doc;
      tfs[entry] = tf;
      docTerms[docEnd] = term;
      docTfs[docEnd++] = tf;
      i = j;
    }
    docCount[doc] = docEnd - docStart[doc]!;
    lengths[doc] = length;
    totalLength += length;
    at = stop;
  }
  return {
    n,
    capacity,
    docStart,
    docCount,
    lengths,
    docTerms,
    docTfs,
    docEnd,
    totalLength,
    termStart,
    termSize,
    slots,
    tfs,
  };
}

/** The buffers of `build`, to transfer it to another thread. */
export function postingsBuffers(build: PostingsBuild): ArrayBuffer[] {
  return [
    build.docStart,
    build.docCount,
    build.lengths,
    build.docTerms,
    build.docTfs,
    build.termStart,
    build.termSize,
    build.slots,
    build.tfs,
  ].map((array) => array.buffer as ArrayBuffer);
}

/** The BLOB columns of an index read's rows that {@linkcode POSTINGS_ASIDE} reads. */
export const POSTINGS_ASIDE_READS = ["terms"];

/**
 * The source of a function the WAL checkpointer's worker runs on an index read's rows (the
 * version, then `INDEX_LOAD`'s row, `index_cache.ts`): the postings of the row's `terms`, with
 * the buffers to transfer. Self-contained: it is the text of {@linkcode buildPostings} and
 * {@linkcode postingsBuffers} inside.
 */
export const POSTINGS_ASIDE = `(rows) => {
  const build = (${buildPostings.toString()});
  const row = rows[1];
  if (!row || !row.terms) return { value: undefined, transfer: [] };
  const bytes = row.terms.byteOffset % 4 === 0 ? row.terms : row.terms.slice();
  const terms = new Uint32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength >> 2);
  const value = build(terms, row.n);
  return { value, transfer: (${postingsBuffers.toString()})(value) };
}`;
