/**
 * The shapes word alignment compares (`alignment.ts`), apart from it so that the modules which
 * prepare words (word vectors, phrases, query expansion) need not import the aligner.
 *
 * @module
 */

/** A word ready to compare: its stem and its unit vector (none when the word is unknown). */
export interface PreparedWord {
  word: string;
  stem: string;
  unit: Float32Array | undefined;
  /**
   * Stems WordNet relates to this word, with the cosine each counts as when this word is the
   * query's (`word_relations.ts`).
   */
  related?: ReadonlyMap<string, number>;
  /**
   * The word's own WordNet relations (`word_relations.ts`), before a compound's parts, a kinship
   * word's meanings or a query word's second hop are added: the senses the vectors can disown
   * (`word_similarity.ts`). Absent for a kinship word and a slip's reading.
   */
  senses?: ReadonlyMap<string, number>;
  /**
   * For a query's plural that names a class (it has a `centroid`), the stems of its kinds
   * (WordNet's hyponyms: "hamster" for "rodents", `WordRelations.narrower`): when there are any,
   * a memory word WordNet does not link to it counts no more than `unlinkedCap`
   * (`word_similarity.ts`). Absent for any other word: a singular, a memory's word, a kinship
   * word, a slip's reading.
   */
  narrower?: ReadonlySet<string>;
  /**
   * How informative the word is in English at large, 0..1 (`WordVectors.informativeness`;
   * absent: 1). A match on a memory word less informative than the query word counts less.
   */
  informativeness?: number;
  /**
   * For a plural noun, the class it names: the unit mean of its WordNet relatives' vectors
   * (`class_centroid.ts`). A memory word near it answers the word as one near the word does.
   */
  centroid?: Float32Array;
  /**
   * For a phrase of a memory (`memory_phrases.ts`: "high blood pressure"), the stems of its
   * one-word synonyms ("hypertension"): a query word matches it as it matches them.
   */
  synonyms?: readonly string[];
  /**
   * For a kinship word (`kin_terms.ts`: "sister"), the stems of the kinship words of other
   * meanings ("brother", "cousin"): each matches it as a kind, whatever their vectors say.
   */
  kinOthers?: ReadonlySet<string>;
  /**
   * For a query word that asks for an answer type (`answer_types.ts`: "job"), the stems of the
   * type's members ("nurse", "lawyer"): each matches it as a kind unless it says more.
   */
  typeMembers?: ReadonlySet<string>;
  /**
   * Whether the word is a memory's, compared with another memory's words (`WordVectors.direct`),
   * not a query's: then a slip counts only when the word is known to the vectors
   * (`typo_pairs.ts`), since two long texts full of made-up names would compare each name with
   * many of the other's (attack31's shape, 30 texts of 1,000 names: 0.14 → 9 s).
   */
  direct?: boolean;
  /**
   * Whether the word, unknown to the vectors, is a memory's that its text writes only with a
   * capital ("Steph", "Nat"): a name, so no short form of a known word (`short_forms.ts`).
   */
  named?: boolean;
  /**
   * For a query's word, whether a folded word is known to the vectors: a compound contraction
   * that another known word reads as ("tday" is "today") is no short form of the compound
   * ("tuesday"; `compoundReadsOtherWord`, `short_forms.ts`). Looked up only for such a pair in
   * `word_similarity.ts`. Absent for a memory's word compared with another memory's.
   */
  known?: (word: string) => boolean;
}

/**
 * Where alignment gets words from: the word vectors (`WordVectors`), or
 * `STEMS_ONLY` (`alignment.ts`) without them (a model's embeddings), where only a shared stem matches.
 */
export interface WordMeanings {
  /** A folded word, prepared. */
  prepare(word: string): PreparedWord;
  /** The distinct content words of a text, prepared (implementations may cache by text). */
  contentWords(text: string): readonly PreparedWord[];
  /**
   * The same words prepared for comparing two memories' texts (no second hop, `second_hop.ts`:
   * that is a query's reach); absent: {@linkcode prepare} serves both.
   */
  readonly direct?: WordMeanings;
}
