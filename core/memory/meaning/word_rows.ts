/**
 * The word-vector table's rows (`vector_tables.ts`), looked up by word and read as vectors: a
 * folded word's row (the word itself, else its stem's most frequent word), its informativeness,
 * and its 4-bit quantised vector added into a sum. `word_vectors.ts` builds word, class and
 * sentence vectors on top.
 *
 * @module
 */
import { stem } from "../text.ts";
import type { RowTable } from "./row_table.ts";
import { sifWeight } from "./sif.ts";
import { WordEdges } from "./word_edges.ts";
import type { SharedEdges } from "./typo_forms.ts";
import type { VectorTables } from "./vector_tables.ts";

/** Words whose rows {@linkcode WordRows} remembers before it starts over. */
export const ROW_MEMO_LIMIT = 20_000;

/** The rows of the word-vector table, by word and by stem. */
export class WordRows {
  readonly dimensions: number;
  /** Each word's row. */
  readonly rows: RowTable;
  /** Each stem's row: its most frequent word's. */
  readonly rowsByStem: RowTable;
  readonly #scales: Float32Array;
  readonly #packed: Uint8Array;
  readonly #bytesPerRow: number;
  readonly #ranks: Uint32Array;
  /** {@linkcode row} by word, -1 for none. */
  readonly #rowMemo = new Map<string, number>();
  /** {@linkcode stemInformativeness} by stem (bounded as {@linkcode row}'s memory). */
  readonly #stemMemo = new Map<string, number>();
  /**
   * The words' starts, ends and runs of three letters, read with the table (~7 ms, where the
   * table loads, off a first search: `warm_up.ts` loads it before the first request it can).
   */
  readonly #edges: WordEdges;

  /** The rows of decoded `tables`. */
  constructor(tables: VectorTables) {
    this.dimensions = tables.dimensions;
    this.#bytesPerRow = Math.ceil(tables.dimensions / 2);
    this.#packed = tables.packed;
    this.#scales = tables.scales;
    this.#ranks = tables.ranks;
    this.rows = tables.rows;
    this.rowsByStem = tables.rowsByStem;
    this.#edges = new WordEdges(tables.rows.keys());
  }

  /**
   * The row of a folded word: the word itself, else the most frequent word of its stem.
   * Remembered by word ({@linkcode ROW_MEMO_LIMIT}, then started over): a persona's texts reuse a
   * few thousand words, and a `Map` finds a word by the hash V8 keeps in the string, where the
   * tables hash its characters again (and a miss stems it) for every word of every stored text.
   */
  row(word: string): number | undefined {
    const known = this.#rowMemo.get(word);
    if (known !== undefined) return known < 0 ? undefined : known;
    const row = this.rows.get(word) ?? this.rowsByStem.get(stem(word));
    if (this.#rowMemo.size >= ROW_MEMO_LIMIT) this.#rowMemo.clear();
    this.#rowMemo.set(word, row ?? -1);
    return row;
  }

  /** The frequency rank of a folded word as written (0 = most frequent); undefined when not in the table. */
  rankOf(word: string): number | undefined {
    const row = this.rows.get(word);
    return row === undefined ? undefined : this.#ranks[row];
  }

  /** At most how many letters of plain-letter `word`'s start and end a word of the table shares (`word_edges.ts`). */
  sharedEdges(word: string): SharedEdges {
    return this.#edges.shared(word);
  }

  /** The informativeness of the word at `row`; 1 (fully informative) for none. */
  informativenessOf(row: number | undefined): number {
    return row === undefined ? 1 : sifWeight(this.#ranks[row]!);
  }

  /**
   * The informativeness of a stem's most frequent form. Remembered by stem
   * ({@linkcode ROW_MEMO_LIMIT}, then started over): a query weighs up to 24 WordNet relatives
   * per term, each found in the table by hashing its characters again.
   */
  stemInformativeness(wordStem: string): number {
    let known = this.#stemMemo.get(wordStem);
    if (known === undefined) {
      known = this.informativenessOf(this.rowsByStem.get(wordStem));
      if (this.#stemMemo.size >= ROW_MEMO_LIMIT) this.#stemMemo.clear();
      this.#stemMemo.set(wordStem, known);
    }
    return known;
  }

  /** How many stems' informativeness is remembered (at most {@linkcode ROW_MEMO_LIMIT}). */
  get rememberedStems(): number {
    return this.#stemMemo.size;
  }

  /**
   * Adds the weighted vector of a folded word, times `factor`, to `target`; false when the word
   * is unknown.
   */
  addTo(target: Float32Array, word: string, factor = 1): boolean {
    const row = this.row(word);
    if (row === undefined) return false;
    const scale = this.#scales[row]! * factor;
    const packed = this.#packed;
    const dimensions = this.dimensions;
    // A byte holds two dimensions' levels (low nibble first): each byte read once, no branch
    // per dimension (the embedder adds ~30 words' vectors per stored memory this way).
    let at = row * this.#bytesPerRow;
    let d = 0;
    for (; d + 1 < dimensions; d += 2) {
      const byte = packed[at++]!;
      target[d]! += ((byte & 15) - 8) * scale;
      target[d + 1]! += ((byte >> 4) - 8) * scale;
    }
    if (d < dimensions) target[d]! += ((packed[at]! & 15) - 8) * scale;
    return true;
  }
}
