/**
 * The offline meaning channel: GloVe word vectors (see `gen_word_vectors.ts` for where they come
 * from and how they were pruned, weighted and quantised) and SIF sentence vectors built from
 * them (Arora, Liang & Ma 2017, "A simple but tough-to-beat baseline for sentence embeddings"):
 * the sum of the content words' frequency-weighted vectors, less the common component, at unit
 * length. "physician" and "doctor" meet here although they share no letters.
 *
 * `WordVectors` is the face of the channel; the parts are the shipped data's load
 * (`word_data.ts`), the table's rows (`word_rows.ts`), words' unit vectors and their cosines
 * (`word_units.ts`), texts' sentence vectors (`sentence_vectors.ts`), a word prepared for
 * alignment (`word_preparation.ts`), memories' texts prepared (`memory_texts.ts`), the classes
 * plurals name (`class_centroid.ts`) and WordNet's relations (`word_relations.ts`).
 *
 * @module
 */
import { stem } from "../text.ts";
import { ClassCentroids } from "./class_centroid.ts";
import { MemoryTexts } from "./memory_texts.ts";
import type { PreparedWord, WordMeanings } from "./prepared_word.ts";
import { SentenceVectors } from "./sentence_vectors.ts";
import { readWordData } from "./word_data.ts";
import { shippedTables, type VectorTables } from "./vector_tables.ts";
import { WORD_RELATION_ID, WordRelations } from "./word_relations.ts";
import { WordRows } from "./word_rows.ts";
import { withMembers } from "./kin_related.ts";
import { kinTerm } from "./kin_terms.ts";
import { withNumberForm } from "./number_forms.ts";
import { SecondHops } from "./second_hop.ts";
import { TypoReadings } from "./typo_forms.ts";
import { WordPreparer } from "./word_preparation.ts";
import { WordUnits } from "./word_units.ts";

/** Word vectors, decoded from the generated data on first use. */
export class WordVectors implements WordMeanings {
  /** The data's id (part of the local embedder's id, so a new table means a reindex). */
  readonly id: string;
  readonly dimensions: number;
  /** The table's rows by word and stem, read as vectors. */
  readonly #table: WordRows;
  /** Texts' SIF vectors (`sentence_vectors.ts`). */
  readonly #sentences: SentenceVectors;
  /** Words' unit vectors, remembered (`word_units.ts`). */
  readonly #units: WordUnits;
  /** Memories' texts, their words prepared (`memory_texts.ts`). */
  readonly #memoryTexts: MemoryTexts;
  /** Class centroids (`class_centroid.ts`), by stem. */
  readonly #classes: ClassCentroids;
  /** Query stems' relations with their second hop, remembered. */
  readonly #hops = new SecondHops();
  readonly #relations: WordRelations;
  /** Misspelt words read as the WordNet word one edit away (`typo_forms.ts`). */
  readonly #typos: TypoReadings;
  /** Words prepared for alignment (`word_preparation.ts`). */
  readonly #preparer: WordPreparer;
  static #shared: Promise<WordVectors> | undefined;

  private constructor(tables: VectorTables, relations: WordRelations) {
    this.#relations = relations;
    this.id = tables.id;
    this.dimensions = tables.dimensions;
    this.#table = new WordRows(tables);
    this.#sentences = new SentenceVectors(this.#table, tables);
    this.#units = new WordUnits(this.#table, tables);
    this.#typos = new TypoReadings({
      knows: (word) => this.#table.row(word) !== undefined,
      commonness: (word) => {
        const rank = this.#table.rankOf(word);
        return rank === undefined || this.#relations.of(stem(word)) === undefined
          ? undefined
          : rank;
      },
      sharedEdges: (word) => this.#table.sharedEdges(word),
    });
    this.#preparer = new WordPreparer({
      words: this,
      relations,
      typos: this.#typos,
      hops: this.#hops,
    });
    this.#memoryTexts = new MemoryTexts(this, this.#table);
    this.#classes = new ClassCentroids({
      isWord: (word) => this.#table.rows.get(word) !== undefined,
      relatedOf: (wordStem) => this.#relations.of(wordStem),
      unitOfStem: (wordStem) => this.unitOfStem(wordStem),
      narrowerOf: (wordStem) => this.#relations.narrower(wordStem),
    });
  }

  /**
   * The table shipped with the server, loaded once on first use (about 0.2 s), read from its
   * files (`shipped_data.ts`, which says how a bundle and a compiled executable carry them).
   */
  static shared(): Promise<WordVectors> {
    WordVectors.#shared ??= readWordData().then(
      ({ tables, relations }) => new WordVectors(tables, new WordRelations(relations)),
      (error) => {
        // Forgotten, so that the next call reads again: a failed read (EMFILE, a file being
        // replaced) must not break memory until a restart (review44a S2).
        WordVectors.#shared = undefined;
        throw error;
      },
    );
    return WordVectors.#shared;
  }

  /** The shared table's load once started ({@linkcode WordVectors.shared}), else undefined. */
  static get loading(): Promise<WordVectors> | undefined {
    return WordVectors.#shared;
  }

  /**
   * The shipped word vectors alone, without WordNet's relations (for the relations generator,
   * which orders relations by the vectors before the relations file exists).
   */
  static async vectorsOnly(): Promise<WordVectors> {
    return new WordVectors(
      await shippedTables(),
      new WordRelations({ id: WORD_RELATION_ID, relations: "" }),
    );
  }

  /** Number of words. */
  get size(): number {
    return this.#table.rows.size;
  }

  /**
   * How informative a folded word is in English at large, 0..1: the SIF weight a / (a + p(w))
   * with p from its frequency rank by Zipf's law (see `gen_word_vectors.ts`). "take" is 0.7,
   * "kitten" 1.0; an unknown word (a name, a rare word) counts as fully informative.
   */
  informativeness(word: string): number {
    return this.#table.informativenessOf(this.#table.row(word));
  }

  /**
   * {@linkcode informativeness} of a stem's most frequent form. Remembered by stem
   * (`ROW_MEMO_LIMIT`, `word_rows.ts`, then started over): a query weighs up to 24 WordNet
   * relatives per term, each found in the table by hashing its characters again.
   */
  stemInformativeness(wordStem: string): number {
    return this.#table.stemInformativeness(wordStem);
  }

  /** How many stems' informativeness is remembered (at most `ROW_MEMO_LIMIT`, `word_rows.ts`). */
  get rememberedStems(): number {
    return this.#table.rememberedStems;
  }

  /** The frequency rank of a folded word as written (0 = most frequent), if the table holds it. */
  rankOf(word: string): number | undefined {
    return this.#table.rankOf(word);
  }

  /** Whether a folded word (or another form of it) has a vector. */
  has(word: string): boolean {
    return this.#table.row(word) !== undefined;
  }

  /**
   * Adds the weighted vector of a folded word, times `factor`, to `target`; false when the word
   * is unknown.
   */
  addTo(target: Float32Array, word: string, factor = 1): boolean {
    return this.#table.addTo(target, word, factor);
  }

  /**
   * The unit vector of a folded word for word-to-word cosines (cached), or undefined when
   * unknown: the raw GloVe vector less the mean and the top directions all words share.
   */
  unit(word: string): Float32Array | undefined {
    return this.#units.of(word);
  }

  /** The unit vector of a stem's word (`unit`), as class centroids read it; undefined if none. */
  unitOfStem(wordStem: string): Float32Array | undefined {
    return this.#units.ofStem(wordStem);
  }

  /**
   * The stems WordNet relates to `wordStem`, with the cosine each counts as (`word_relations.ts`),
   * its other forms first, then the others closest in meaning to the stem's word first
   * (`sense_order.ts`).
   */
  related(wordStem: string): ReadonlyMap<string, number> | undefined {
    const related = withNumberForm(wordStem, this.#relations.of(wordStem));
    const members = kinTerm(wordStem)?.members;
    return members === undefined || members.size === 0
      ? related
      : withMembers(wordStem, related, members);
  }

  /**
   * The word folded `word` stands for when it is misspelt (`typo_forms.ts`: unknown to the
   * vectors, one edit from a WordNet word), if any.
   */
  slipReading(word: string): string | undefined {
    return this.unit(word) === undefined ? this.#typos.reading(word) : undefined;
  }

  /** The narrower kinds of a stem (its hyponyms), by WordNet (`WordRelations.narrower`). */
  narrower(wordStem: string): ReadonlySet<string> {
    return this.#relations.narrower(wordStem);
  }

  /** Whether the folded `word` names a place, by WordNet (`word_relations.ts`). */
  isPlace(word: string): boolean {
    return this.#relations.isPlace(word);
  }

  /** Whether the folded `word` is only a place's name, by WordNet (`word_relations.ts`). */
  isNamedPlace(word: string): boolean {
    return this.#relations.isNamedPlace(word);
  }

  /** Whether the folded `word` names a person, by WordNet (`word_relations.ts`). */
  isPerson(word: string): boolean {
    return this.#relations.isPerson(word);
  }

  /** The one-word synonyms WordNet gives the phrase of `terms` (in order), if any. */
  phrase(terms: readonly string[]): readonly string[] | undefined {
    return this.#relations.phrase(terms);
  }

  /** The second terms of WordNet's two-term phrases `term` starts (`word_relations.ts`). */
  compoundsOf(term: string): readonly string[] {
    return this.#relations.compoundsOf(term);
  }

  /** The most terms of a phrase {@linkcode phrase} knows. */
  get longestPhrase(): number {
    return this.#relations.longestPhrase;
  }

  /**
   * A folded word's stem, unit vector, related stems (WordNet) and, for a plural, its class
   * centroid, for alignment.
   */
  prepare(word: string): PreparedWord {
    return this.#prepare(word, true);
  }

  /** These words prepared for comparing two memories: no second hop (`second_hop.ts`). */
  readonly direct: WordMeanings = {
    prepare: (word) => this.#prepare(word, false),
    contentWords: (text) => this.contentWords(text),
  };

  /** {@linkcode prepare}, with the second hop (`farther`) when `hop` (`word_preparation.ts`). */
  #prepare(word: string, hop: boolean): PreparedWord {
    return this.#preparer.prepare(word, hop);
  }

  /**
   * The class a folded word names (`class_centroid.ts`): the unit mean of its WordNet relatives'
   * vectors (not its forms: they are the word itself), or of its kinds' when they agree with them
   * (`memberCentroid`), cached by stem; undefined for a word with
   * too few relatives, or that reads as no plural unless `asked` (a question's "what sport").
   */
  classCentroid(word: string, asked = false): Float32Array | undefined {
    return this.#classes.of(word, asked);
  }

  /**
   * The distinct content words of `text`, prepared (`memory_texts.ts`). Remembered by text: the
   * same memories come back search after search.
   */
  contentWords(text: string): readonly PreparedWord[] {
    return this.#memoryTexts.contentWords(text);
  }

  /** Cosine of two folded words' vectors (1 for the same stem, 0 when either is unknown). */
  similarity(a: string, b: string): number {
    return this.#units.similarity(a, b);
  }

  /**
   * The SIF vector of `text` at unit length; all zeros when no content word is known.
   * `factorOf` scales each content word's share (default 1: a search query's question-frame
   * words weigh less, `LocalEmbedder.embedQuery`).
   */
  sentence(text: string, factorOf?: (word: string) => number): Float32Array {
    return this.#sentences.of(text, factorOf);
  }
}
