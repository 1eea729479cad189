/**
 * A class noun's meaning as its members': a question that names a class in the plural ("What
 * injuries have I had?", "my phobias", "which instruments do I play?") asks for instances, and
 * a memory names an instance ("I broke my wrist", "I am afraid of deep water", "a second-hand
 * piano"), whose vector is often far from the class word's own ("injuries"/"wrist" 0.53,
 * "phobias"/"afraid" 0.10, "children"/"son" 0.37). The mean of the unit vectors of the word's
 * WordNet relatives (its synonyms, kinds and the words of its definition,
 * `word_relations.ts`) stands for the class: "wrist" 0.64, "afraid" 0.36, "son" 0.64 from it,
 * while a word close to the class word itself keeps its own cosine (word alignment takes the
 * higher of the two). When the word's kinds (WordNet's hyponyms, `WordRelations.narrower`) point
 * where its relatives as a whole do, the class is the mean of its kinds alone
 * ({@linkcode memberCentroid}, recall109).
 *
 * @module
 */
import { stem } from "../text.ts";
import { FORM_SIMILARITY } from "./word_relations.ts";

/**
 * The fewest WordNet relatives with vectors that make a class: a mean of one or two words is
 * those words, not the class.
 */
export const CLASS_MIN_RELATIVES = 3;

/**
 * Whether the folded `word` reads as a plural noun: it ends in "s" (not "ss", "us" or "is":
 * "glass", "famous", "analysis") and a singular of it ("-s", "-es", "-ies" → "-y") is a word
 * (`isWord`). "injuries", "phobias", "glasses"; not "always", "news" counts (its "new" is a
 * word): harmless, since a class only adds matches.
 */
export function readsAsPlural(word: string, isWord: (word: string) => boolean): boolean {
  if (!word.endsWith("s") || /(?:ss|us|is)$/.test(word)) return false;
  const singulars = [word.slice(0, -1), word.slice(0, -2)];
  if (word.endsWith("ies")) singulars.push(`${word.slice(0, -3)}y`);
  return singulars.some((singular) => singular.length > 1 && isWord(singular));
}

/**
 * The stems of a word's WordNet relations (`word_relations.ts`: stem → strength) that stand for
 * its class: all but its forms ({@linkcode FORM_SIMILARITY}), which are the word itself.
 */
export function classRelatives(related: ReadonlyMap<string, number> | undefined): string[] {
  const relatives: string[] = [];
  for (const [other, strength] of related ?? []) {
    if (strength < FORM_SIMILARITY) relatives.push(other);
  }
  return relatives;
}

/**
 * The unit mean of the vectors of `related` stems (`unitOf`; stems without one skipped), or
 * undefined with fewer than {@linkcode CLASS_MIN_RELATIVES} of them.
 */
export function classCentroid(
  related: Iterable<string>,
  unitOf: (stem: string) => Float32Array | undefined,
): Float32Array | undefined {
  let sum: Float32Array | undefined;
  let count = 0;
  for (const other of related) {
    const unit = unitOf(other);
    if (unit === undefined) continue;
    sum ??= new Float32Array(unit.length);
    for (let d = 0; d < unit.length; d++) sum[d]! += unit[d]!;
    count++;
  }
  if (sum === undefined || count < CLASS_MIN_RELATIVES) return undefined;
  let norm = 0;
  for (let d = 0; d < sum.length; d++) norm += sum[d]! * sum[d]!;
  norm = Math.sqrt(norm);
  if (norm === 0) return undefined;
  for (let d = 0; d < sum.length; d++) sum[d]! /= norm;
  return sum;
}

/**
 * The least cosine between the centroid of a class word's kinds and that of all its relatives
 * for the kinds alone to stand for the class ({@linkcode memberCentroid}).
 */
export const KINDS_AGREEMENT = 0.9;

/**
 * The class a word names, from the centroid of all its relatives (`relatives`, its synonyms,
 * kinds and definition words) and that of its kinds alone (`kinds`, its hyponyms): the kinds'
 * when they agree with the relatives (cosine at least {@linkcode KINDS_AGREEMENT}) or are all
 * there is, else the relatives'. A plural question asks for members, and the kinds are the
 * members: "rodents" → rat, squirrel, hamster; "trips" → journey, voyage, flight; the synonyms
 * and definition words mix in what frames a class ("gnaw", "incisors", "travel"). But a
 * hyponym list holds every sense of the word: "instruments" → its tools and gauges (0.69 with its
 * relatives), "notes" → banknotes and musical notes, "breed" → the verb's "crossbreed" (0.69);
 * when the kinds point elsewhere than the word's relatives as a whole, they are another sense's,
 * and the relatives' mean stays the class. The relatives hold the kinds WordNet lists first (up
 * to 93 % of them are kinds), so the agreement is partly their overlap: a long list of kinds
 * mostly outside the relatives reads lower ("cities", 625 kinds, 0.89) than a short one mostly
 * inside ("countries", 119, 0.93). Tests against the word's own vector or the relatives that
 * are not kinds measured worse (fix178, core/memory/HISTORY.md). Kinds with no relatives' class
 * make none: nothing shows which sense they are of (verbs' troponyms, a rare noun's other sense).
 */
export function memberCentroid(
  relatives: Float32Array | undefined,
  kinds: Float32Array | undefined,
): Float32Array | undefined {
  if (kinds === undefined || relatives === undefined) return relatives;
  let agreement = 0;
  for (let d = 0; d < kinds.length; d++) agreement += kinds[d]! * relatives[d]!;
  return agreement >= KINDS_AGREEMENT ? kinds : relatives;
}

/** Class centroids remembered by stem (then the oldest goes), as many as the vectors' units. */
export const CLASS_CACHE_LIMIT = 50_000;

/** What {@linkcode ClassCentroids} reads of the word vectors and WordNet's relations. */
export interface ClassWords {
  /** Whether the folded word has a row of its own in the word table. */
  isWord(word: string): boolean;
  /** The stems WordNet relates to a stem (`word_relations.ts`), if any. */
  relatedOf(wordStem: string): ReadonlyMap<string, number> | undefined;
  /** The unit vector of a stem's word, if any. */
  unitOfStem(wordStem: string): Float32Array | undefined;
  /** The kinds of a stem, WordNet's hyponyms (`WordRelations.narrower`). */
  narrowerOf(wordStem: string): ReadonlySet<string>;
}

/** The classes folded words name ({@linkcode classCentroid}), remembered by stem. */
export class ClassCentroids {
  readonly #words: ClassWords;
  readonly #classes = new Map<string, Float32Array | undefined>();

  /** Classes read from `words`. */
  constructor(words: ClassWords) {
    this.#words = words;
  }

  /**
   * The class `word` names: the unit mean of its WordNet relatives' vectors (not its forms: they
   * are the word itself), or of its kinds' when they agree ({@linkcode memberCentroid}); undefined for a word with too few relatives, or that reads as no
   * plural ({@linkcode readsAsPlural}) unless `asked` (a question's "what sport").
   */
  of(word: string, asked: boolean): Float32Array | undefined {
    if (!asked && !readsAsPlural(word, (singular) => this.#words.isWord(singular))) {
      return undefined;
    }
    const wordStem = stem(word);
    if (this.#classes.has(wordStem)) return this.#classes.get(wordStem);
    const unitOf = (other: string) => this.#words.unitOfStem(other);
    const centroid = memberCentroid(
      classCentroid(classRelatives(this.#words.relatedOf(wordStem)), unitOf),
      classCentroid(this.#words.narrowerOf(wordStem), unitOf),
    );
    if (this.#classes.size >= CLASS_CACHE_LIMIT) {
      this.#classes.delete(this.#classes.keys().next().value!);
    }
    this.#classes.set(wordStem, centroid);
    return centroid;
  }
}
