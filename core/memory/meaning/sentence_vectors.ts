/**
 * SIF sentence vectors (Arora, Liang & Ma 2017) from a table's rows: the sum of a text's known
 * content words' frequency-weighted vectors, less the common component, at unit length
 * (`sif.ts`'s `toSentenceUnit`). `WordVectors.sentence` (`word_vectors.ts`) reads them here.
 *
 * @module
 */
import { analysedWords, isContentWord } from "../text.ts";
import { toSentenceUnit } from "./sif.ts";
import type { VectorTables } from "./vector_tables.ts";
import type { WordRows } from "./word_rows.ts";

/** Texts' SIF vectors over one table. */
export class SentenceVectors {
  readonly #table: WordRows;
  readonly #dimensions: number;
  readonly #component: Float32Array;

  /** Sentence vectors from `table`'s rows, with the common component of `tables`. */
  constructor(table: WordRows, tables: Pick<VectorTables, "dimensions" | "component">) {
    this.#table = table;
    this.#dimensions = tables.dimensions;
    this.#component = tables.component;
  }

  /**
   * The SIF vector of `text` at unit length; all zeros when no content word is known.
   * `factorOf` scales each content word's share (default 1).
   */
  of(text: string, factorOf?: (word: string) => number): Float32Array {
    const vector = new Float32Array(this.#dimensions);
    let known = 0;
    for (const word of analysedWords(text)) {
      if (isContentWord(word) && this.#table.addTo(vector, word, factorOf?.(word) ?? 1)) known++;
    }
    if (known === 0) return vector;
    toSentenceUnit(vector, this.#component);
    return vector;
  }
}
