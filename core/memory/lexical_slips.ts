/**
 * A BM25 index's slips ({@linkcode LexicalIndex.slips}): for each query word, how many documents
 * hold it, the terms a slip away and the clippings that some document holds (`store_vocabulary.ts`). The
 * vocabulary is built from the postings on the first call; each later call takes in the terms
 * born since (`SlotPostings.born`), so a store's writes never rebuild it.
 *
 * @module
 */
import type { TermDictionary } from "./bm25.ts";
import type { SlotPostings } from "./slot_postings.ts";
import {
  heldClippings,
  type SlipAsk,
  type StoreSlips,
  StoreVocabulary,
} from "./store_vocabulary.ts";

/** What {@linkcode LexicalSlips.of} reads of the index. */
export interface SlipSource {
  /** The index's postings. */
  postings: SlotPostings;
  /** The index's term ids. */
  dictionary: TermDictionary;
  /** Number of documents. */
  size: number;
  /** In how many documents a term occurs. */
  documents: (term: string) => number;
}

/** One index's vocabulary by first letter, from the first {@linkcode LexicalSlips.of} on. */
export class LexicalSlips {
  #vocabulary: StoreVocabulary | undefined;

  /**
   * For each of `words` (analysed terms), its documents, its slips and its short forms (and
   * `ask`'s) in `index`.
   */
  of(words: readonly string[], index: SlipSource, ask: SlipAsk = {}): StoreSlips {
    const inverted = index.postings;
    const source = {
      postings: inverted.postings,
      termOf: (id: number) => index.dictionary.termOf(id),
    };
    if (this.#vocabulary === undefined) {
      this.#vocabulary = new StoreVocabulary(source);
      inverted.born = new Set();
    } else {
      this.#vocabulary.sync(inverted.born!, source);
    }
    const { documents } = index;
    return {
      documents: index.size,
      own: words.map(documents),
      slips: words.map((word) => this.#vocabulary!.slipsOf(word, documents)),
      clippings: heldClippings(words, documents, ask),
    };
  }
}
