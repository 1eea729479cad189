/**
 * Word data that counts the texts it reads, and word data with a memory of its own: for tests
 * that check a memo reads each text once and answers as a fresh computation would.
 *
 * @module
 */
import type { WordVectors } from "../meaning/word_vectors.ts";

/** The two readings of `WordVectors` that alignment asks for. */
export type TextReader = Pick<WordVectors, "prepare" | "contentWords">;

/** `words`' readings, counting each text read ({@linkcode CountedReader.reads}). */
export interface CountedReader {
  readonly vectors: TextReader;
  reads(): number;
}

/** A reader over `words` that counts the texts it reads. */
export function countedReader(words: WordVectors): CountedReader {
  let read = 0;
  return {
    vectors: {
      prepare: (word) => words.prepare(word),
      contentWords: (text) => (read++, words.contentWords(text)),
    },
    reads: () => read,
  };
}

/** A new reader over `words` each call: its own, empty memory (the reference computation). */
export function freshReader(words: WordVectors): TextReader {
  return {
    prepare: (word) => words.prepare(word),
    contentWords: (text) => words.contentWords(text),
  };
}
