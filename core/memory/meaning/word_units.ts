/**
 * Words' unit vectors for word-to-word cosines: the raw GloVe vector (the table's row without its
 * SIF weight) less the mean and the top directions all words share, at unit length. Remembered by
 * word, oldest first out past {@linkcode UNIT_CACHE_LIMIT}: alignment asks the same words'
 * vectors search after search.
 *
 * @module
 */
import { makeRoom } from "../oldest_first.ts";
import { stem } from "../text.ts";
import { toWordUnit } from "./sif.ts";
import type { VectorTables } from "./vector_tables.ts";
import type { WordRows } from "./word_rows.ts";

/** Most words whose unit vector (or its absence) {@linkcode WordUnits} remembers. */
export const UNIT_CACHE_LIMIT = 50_000;

/** The unit vectors of a table's words, each worked out once (see the module's documentation). */
export class WordUnits {
  readonly #table: WordRows;
  readonly #dimensions: number;
  readonly #wordMean: Float32Array;
  readonly #wordDirections: Float32Array[];
  readonly #units = new Map<string, Float32Array | undefined>();

  /** The unit vectors of `table`'s words, with the shared mean and directions of `tables`. */
  constructor(
    table: WordRows,
    tables: Pick<VectorTables, "dimensions" | "wordMean" | "wordDirections">,
  ) {
    this.#table = table;
    this.#dimensions = tables.dimensions;
    this.#wordMean = tables.wordMean;
    this.#wordDirections = tables.wordDirections;
  }

  /** The unit vector of a folded word (cached), or undefined when unknown. */
  of(word: string): Float32Array | undefined {
    let vector = this.#units.get(word);
    if (vector === undefined && !this.#units.has(word)) {
      const raw = new Float32Array(this.#dimensions);
      if (this.#table.addTo(raw, word)) {
        // Stored vectors carry their SIF weight; word similarity wants the raw vector.
        toWordUnit(raw, this.#table.informativenessOf(this.#table.row(word)), {
          mean: this.#wordMean,
          directions: this.#wordDirections,
        });
        vector = raw;
      }
      makeRoom(this.#units, UNIT_CACHE_LIMIT);
      this.#units.set(word, vector);
    }
    return vector;
  }

  /** Cosine of two folded words' vectors (1 for the same stem, 0 when either is unknown). */
  similarity(a: string, b: string): number {
    if (a === b || stem(a) === stem(b)) return 1;
    const [u, v] = [this.of(a), this.of(b)];
    if (!u || !v) return 0;
    let sum = 0;
    for (let d = 0; d < this.#dimensions; d++) sum += u[d]! * v[d]!;
    return sum;
  }

  /** The unit vector of a stem's word ({@linkcode of}); undefined if none. */
  ofStem(wordStem: string): Float32Array | undefined {
    const row = this.#table.rowsByStem.get(wordStem);
    const form = row === undefined ? undefined : this.#table.rows.keyAt(row);
    return form === undefined ? undefined : this.of(form);
  }
}
