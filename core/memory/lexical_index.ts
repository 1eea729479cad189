/**
 * BM25 over a persona's memories (Robertson & Zaragoza 2009; Lucene's non-negative idf), held in
 * memory beside the vector index and kept in step with every write: postings of analysed terms
 * (`text.ts`), document lengths and frequencies. It both finds candidates (every memory holding
 * a query term, best first, whatever the word's frequency) and scores any candidate, with
 * statistics that are always those of the index itself.
 *
 * `lexical` is BM25 divided by the sum of the query terms' weights: a memory holding each query
 * term once, at the average length, scores 1; one holding only the rarest term scores that
 * term's share of the query's information. It is capped at 1. A term's weight is its idf here
 * times an optional prior (its informativeness in English, from the word-vector table): a
 * store of a few hundred memories cannot tell on its own that "make" says less than "peanuts".
 *
 * @module
 */
import { FieldColumns, type IndexedFields, type IndexFilter } from "./index_fields.ts";
import {
  type AnalysedBatch,
  analyseRows,
  batchFrequencies,
  distinctSorted,
} from "./lexical_batch.ts";
import { KeySlots } from "./key_slots.ts";
import { buildPostings, type PostingsBuild } from "./postings_build.ts";
import {
  analyse,
  type LexicalHit,
  type LexicalQuery,
  LocalTerms,
  type TermDictionary,
} from "./bm25.ts";
import { SlotPostings } from "./slot_postings.ts";
import { PreparedQueries, type PreparedQuery, prepareQuery } from "./prepared_queries.ts";
import { documentScore, type LexicalData, lexicalData, maxScoreSearch } from "./lexical_search.ts";
import type { SlipAsk, StoreSlips } from "./store_vocabulary.ts";
import { LexicalSlips } from "./lexical_slips.ts";
import { FIRST_SLOTS, SlotColumns } from "./lexical_columns.ts";

export type { AnalysedBatch } from "./lexical_batch.ts";
export {
  analyse,
  BM25_B,
  BM25_K1,
  idf,
  type LexicalHit,
  type LexicalQuery,
  LocalTerms,
  queryTerms,
  type TermDictionary,
  termScore,
} from "./bm25.ts";

/** BM25 postings over one persona's memories, by key (ids, or the SQLite row numbers). */
export class LexicalIndex<Key extends string | number = string> {
  readonly #dictionary: TermDictionary;
  #slots = new KeySlots<Key>();
  #ids: Key[] = [];
  /** Each slot's length and storing order, and a search's scratch (`lexical_columns.ts`). */
  readonly #columns = new SlotColumns();
  readonly #fields = new FieldColumns(FIRST_SLOTS);
  readonly #inverted = new SlotPostings();
  readonly #free: number[] = [];
  #added = 0;
  #totalLength = 0;
  /** Moves on every change of the postings: queries prepared before it are stale. */
  #generation = 0;
  /** The last queries prepared (a search prepares the same one several times). */
  readonly #prepared = new PreparedQueries();
  /** The terms by first letter, for their slips, from the first {@linkcode slips} on. */
  readonly #slips = new LexicalSlips();

  /** An empty index whose terms get ids from `dictionary` (its own by default). */
  constructor(dictionary: TermDictionary = new LocalTerms()) {
    this.#dictionary = dictionary;
  }

  /** Number of documents. */
  get size(): number {
    return this.#slots.size;
  }

  /** Mean document length in terms. */
  get averageLength(): number {
    return this.#slots.size === 0 ? 0 : this.#totalLength / this.#slots.size;
  }

  /** In how many documents `term` occurs. */
  documentFrequency(term: string): number {
    const id = this.#dictionary.find(term);
    return id === undefined ? 0 : this.#inverted.postings[id]?.size ?? 0;
  }

  #grow(capacity: number): void {
    this.#columns.grow(capacity);
    this.#fields.grow(capacity);
    this.#inverted.growSlots(capacity);
  }

  /** Indexes many new memories at once from their texts (analysed here). */
  load(rows: ReadonlyArray<{ id: Key; content: string; fields: IndexedFields }>): void {
    this.loadAnalysed(analyseRows(rows, this.#dictionary));
  }

  /**
   * Indexes many new memories at once, already analysed (an index load from stored term ids):
   * each posting is allocated once at its final size instead of growing document by document.
   */
  loadAnalysed(batch: AnalysedBatch<Key>): void {
    this.#generation++;
    const { terms: termIds, ids } = batch;
    if (
      this.#ids.length + this.#free.length === 0 && this.#columns.lengths.length === FIRST_SLOTS
    ) {
      const built = batch.built ?? buildPostings(termIds, ids.length);
      if (built.n !== ids.length) {
        throw new Error(`Postings of ${built.n} documents for ${ids.length}`);
      }
      this.#adopt(ids, built, batch.slots);
      this.#fields.load(0, batch.fields);
      return;
    }
    const { frequencies, distinct } = batchFrequencies(termIds, ids.length);
    this.#inverted.preallocate(frequencies);
    this.#inverted.reserve(distinct, this.#slots);
    for (let doc = 0, at = 0; doc < ids.length; doc++) {
      const end = at + 1 + termIds[at]!;
      this.#add(ids[doc]!, termIds.subarray(at + 1, end));
      at = end;
    }
    // Slots were reused: set each one's fields through its slot.
    this.#fields.loadEach(batch.fields, {
      count: ids.length,
      at: (i) => this.#slots.get(ids[i]!)!,
    });
  }

  /**
   * {@linkcode loadAnalysed} into an empty index: slots in order, the build's arrays taken over
   * as they are, one posting per term over views of them (a load of 100,000 memories makes no
   * per-document calls; the build itself may have run on a worker).
   */
  #adopt(ids: readonly Key[], built: PostingsBuild, keys?: KeySlots<Key>): void {
    const n = ids.length;
    if (built.capacity > this.#columns.lengths.length) this.#fields.grow(built.capacity);
    this.#columns.adopt(built, n);
    this.#inverted.adopt(built);
    this.#totalLength = built.totalLength;
    this.#added = n;
    this.#ids = ids.slice();
    if (keys && keys.size === n) {
      this.#slots = keys;
      return;
    }
    this.#slots.reserve(n);
    for (let doc = 0; doc < n; doc++) this.#slots.set(ids[doc]!, doc);
  }

  /** Indexes (or re-indexes) the memory `id` with `content`. */
  upsert(id: Key, content: string, fields: IndexedFields): void {
    this.upsertAnalysed(id, analyse(content, this.#dictionary), fields);
  }

  /** Indexes (or re-indexes) the memory `id` with its {@linkcode analyse}d terms. */
  upsertAnalysed(id: Key, analysed: Uint32Array, fields: IndexedFields): void {
    const termIds = analysed.subarray(1, 1 + analysed[0]!);
    const slot = this.#slots.get(id);
    const order = slot === undefined ? undefined : this.#columns.order[slot];
    this.remove(id);
    this.#inverted.reserve(distinctSorted(termIds), this.#slots);
    this.#add(id, termIds, order);
    this.setFields(id, fields);
  }

  /**
   * Adds `id` with its sorted term ids (room reserved; its fields are set by the caller), at
   * `order` in storing order (next after every other by default).
   */
  #add(id: Key, termIds: Uint32Array, order = this.#added++): void {
    this.#generation++;
    const slot = this.#free.pop() ?? this.#ids.length;
    const columns = this.#columns;
    if (slot >= columns.lengths.length) this.#grow(columns.lengths.length * 2);
    this.#inverted.add(slot, termIds);
    this.#slots.set(id, slot);
    this.#ids[slot] = id;
    columns.order[slot] = order;
    columns.lengths[slot] = termIds.length;
    this.#totalLength += termIds.length;
  }

  /** Changes the filter fields of `id` (no-op when absent). */
  setFields(id: Key, fields: Partial<IndexedFields>): void {
    const slot = this.#slots.get(id);
    if (slot === undefined) return;
    this.#fields.set(slot, fields);
  }

  /** Removes `id` (no-op when absent). */
  remove(id: Key): void {
    const slot = this.#slots.get(id);
    if (slot === undefined) return;
    this.#generation++;
    this.#inverted.remove(slot);
    this.#totalLength -= this.#columns.lengths[slot]!;
    this.#slots.delete(id);
    this.#free.push(slot);
  }

  /**
   * For each of `words` (analysed terms), how many documents hold it and the terms a slip away
   * that some document holds, and its short forms and `ask`'s (`store_vocabulary.ts`); the vocabulary is built on the first call
   * and takes in the terms written since at each later one.
   */
  slips(words: readonly string[], ask: SlipAsk = {}): StoreSlips {
    return this.#slips.of(words, {
      postings: this.#inverted,
      dictionary: this.#dictionary,
      size: this.size,
      documents: (term) => this.documentFrequency(term),
    }, ask);
  }

  /**
   * Each query term's id here, weight (idf here × prior) and their sum; remembered for the
   * next few calls with equal terms and priors while the postings stay as they are (a search
   * weighs its expanded query for the candidates, their BM25 and its rescaling).
   */
  #prepare(query: LexicalQuery): PreparedQuery {
    const found = this.#prepared.find(query, this.#generation);
    if (found) return found;
    const prepared = prepareQuery(query, {
      size: this.#slots.size,
      dictionary: this.#dictionary,
      postings: this.#inverted.postings,
    });
    this.#prepared.keep(query, this.#generation, prepared);
    return prepared;
  }

  /** The weights of `query`'s terms here (idf × prior), in order. */
  weights(query: LexicalQuery): number[] {
    return [...this.#prepare(query).weights];
  }

  /** Normalised BM25 of `id` for `query` (0 when absent or no match). */
  lexical(id: Key, query: LexicalQuery): number {
    const slot = this.#slots.get(id);
    if (slot === undefined || query.terms.length === 0) return 0;
    return documentScore(this.#data(), slot, this.#prepare(query));
  }

  /** Normalised BM25 of every id of `ids` (0 when absent), the query prepared once. */
  lexicalMany(ids: readonly Key[], query: LexicalQuery): number[] {
    if (query.terms.length === 0) return ids.map(() => 0);
    const prepared = this.#prepare(query);
    const data = this.#data();
    return ids.map((id) => {
      const slot = this.#slots.get(id);
      return slot === undefined ? 0 : documentScore(data, slot, prepared);
    });
  }

  /** The index's arrays as they are now, for a search or a score. */
  #data(): LexicalData {
    return lexicalData({
      inverted: this.#inverted,
      columns: this.#columns,
      fields: this.#fields,
      averageLength: this.averageLength,
    });
  }

  /**
   * The `k` documents with the highest BM25 for `query` among those `filter` allows. Scores
   * add up term by term in a reused array; only the best k become objects.
   */
  search(query: LexicalQuery, k: number, filter: IndexFilter): LexicalHit<Key>[] {
    if (query.terms.length === 0 || k <= 0) return [];
    const prepared = this.#prepare(query);
    if (prepared.total <= 0) return [];
    const compiled = this.#fields.compile(filter);
    if (compiled === undefined) return [];
    const all = this.#fields.acceptsAll(compiled);
    const best = maxScoreSearch(this.#data(), prepared, k, { compiled, all });
    const hits = new Array<LexicalHit<Key>>(best.size);
    for (let i = 0; i < hits.length; i++) {
      hits[i] = {
        id: this.#ids[best.rowAt(i)]!,
        lexical: Math.min(1, best.scoreAt(i) / prepared.total),
      };
    }
    return hits;
  }
}
