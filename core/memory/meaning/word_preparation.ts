/**
 * A folded word prepared for word alignment (`WordVectors.prepare`): its stem, unit vector,
 * informativeness, class centroid and the stems WordNet relates to it, widened by what the word
 * is: a misspelt word reads as the word one edit away (`typo_forms.ts`), a kinship word keeps to
 * its own meanings (`kin_terms.ts`), a number word joins its digits (`number_forms.ts`), a closed
 * compound its head and modifier (`compound_related.ts`), and a query's word its relations'
 * relations (the second hop, `second_hop.ts`).
 *
 * @module
 */
import { stem } from "../text.ts";
import type { CompoundRelativeWords } from "./compound_related.ts";
import { withCompoundRelatives } from "./compound_related.ts";
import { withKin } from "./kin_related.ts";
import { kinTerm } from "./kin_terms.ts";
import { withNumberForm } from "./number_forms.ts";
import type { PreparedWord } from "./prepared_word.ts";
import type { SecondHops } from "./second_hop.ts";
import { type TypoReadings, withTypoReading } from "./typo_forms.ts";
import type { WordRelations } from "./word_relations.ts";

/** What preparing a word reads of the word vectors (`WordVectors`). */
export interface PreparingWords extends CompoundRelativeWords {
  /** The unit vector of a folded word, if known. */
  unit(word: string): Float32Array | undefined;
  /** The class a folded plural names (`class_centroid.ts`), if any. */
  classCentroid(word: string): Float32Array | undefined;
  /** Whether a folded word (or another form of it) has a vector. */
  has(word: string): boolean;
}

/** Where a word's preparation reads from: the vectors, WordNet's relations, slips, second hops. */
export interface PreparationSources {
  words: PreparingWords;
  relations: WordRelations;
  /** Misspelt words read as the WordNet word one edit away (`typo_forms.ts`). */
  typos: TypoReadings;
  /** Query stems' relations with their second hop, remembered. */
  hops: SecondHops;
}

/** Prepares folded words from one set of {@linkcode PreparationSources}. */
export class WordPreparer {
  readonly #words: PreparingWords;
  readonly #relations: WordRelations;
  readonly #typos: TypoReadings;
  readonly #hops: SecondHops;
  /** A query word's `known` (`PreparedWord`): one function for every word. */
  readonly #known: (word: string) => boolean;

  /** A preparer reading `sources`. */
  constructor(sources: PreparationSources) {
    this.#words = sources.words;
    this.#relations = sources.relations;
    this.#typos = sources.typos;
    this.#hops = sources.hops;
    this.#known = (word) => this.#words.has(word);
  }

  /** `word` prepared, with the second hop (`farther`) when `hop` (a query's word). */
  prepare(word: string, hop: boolean): PreparedWord {
    const wordStem = stem(word);
    const kin = kinTerm(wordStem);
    const unit = this.#words.unit(word);
    const meant = unit === undefined ? this.#typos.reading(word) : undefined;
    if (meant !== undefined) {
      return {
        word,
        stem: wordStem,
        unit,
        direct: !hop,
        known: hop ? this.#known : undefined,
        related: withTypoReading(
          this.#relations.both(wordStem),
          stem(meant),
          this.#relations.both(stem(meant)),
        ),
        informativeness: this.#words.informativeness(word),
      };
    }
    const centroid = this.#words.classCentroid(word);
    const own = kin === undefined
      ? withNumberForm(wordStem, this.#relations.both(wordStem))
      : this.#relations.both(wordStem);
    return {
      word,
      stem: wordStem,
      unit,
      // A kinship word keeps to its own meanings (`kin_terms.ts`).
      related: kin === undefined
        ? withCompoundRelatives(
          word,
          hop ? this.#hops.related(wordStem, own, this.#relations) : own,
          this.#words,
        )
        : withKin(wordStem, own, kin),
      senses: kin === undefined ? own : undefined,
      // A plural that names a class (it has a centroid): its kinds tell its members from the
      // siblings the vectors also find near (`unlinkedCap`, recall106).
      narrower: hop && kin === undefined && centroid !== undefined
        ? this.#relations.narrower(wordStem)
        : undefined,
      informativeness: this.#words.informativeness(word),
      centroid,
      kinOthers: kin?.others,
      direct: !hop,
      known: hop ? this.#known : undefined,
    };
  }
}
