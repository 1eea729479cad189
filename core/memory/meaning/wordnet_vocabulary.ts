/**
 * The word vectors' vocabulary (`word_vectors.gen.json`) as the relations generator
 * (`gen_word_relations.ts`) keeps WordNet's lemmas to it: its words, its stems and their
 * frequency ranks (GloVe's order).
 *
 * @module
 */
import { porterStem } from "../porter.ts";

/** The vocabulary's words and stems, and the ranks that order relatives by frequency. */
export class Vocabulary {
  /** The vocabulary's words, most frequent first. */
  readonly words: readonly string[];
  /** The vocabulary's words as a set. */
  readonly wordSet: ReadonlySet<string>;
  /** Each vocabulary stem's best (lowest) frequency rank. */
  readonly stemRank = new Map<string, number>();
  /** Each stem's most frequent word (a stem is not always a word: "relative" is "rel"). */
  readonly wordOfStem = new Map<string, string>();
  /** Each word's frequency rank. */
  readonly wordRank: ReadonlyMap<string, number>;

  /** The vocabulary of `vectors` (`word_vectors.gen.json`: words and stems, space-separated). */
  constructor(vectors: { words: string; stems: string }) {
    this.words = vectors.words.split(" ");
    this.wordSet = new Set(this.words);
    const stems = vectors.stems.split(" ");
    stems.forEach((wordStem, rank) => {
      if (!this.stemRank.has(wordStem)) this.stemRank.set(wordStem, rank);
    });
    this.words.forEach((word, row) => {
      const wordStem = stems[row]!;
      if (!this.wordOfStem.has(wordStem)) this.wordOfStem.set(wordStem, word);
    });
    this.wordRank = new Map(this.words.map((word, rank) => [word, rank]));
  }

  /** The stems of the one-word lemmas among `words` whose stem is in the vocabulary, in order. */
  stemsOf(words: readonly string[]): string[] {
    return words.filter((word) => /^[a-z]+$/.test(word)).map(porterStem)
      .filter((s) => this.stemRank.has(s));
  }
}
