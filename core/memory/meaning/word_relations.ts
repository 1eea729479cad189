/**
 * WordNet's relations between words (see `gen_word_relations.ts`), as the cosine word
 * alignment gives a related memory word: another form of the same word that stemming misses
 * ("children" and "child", "eaten" and "eat") counts as {@linkcode FORM_SIMILARITY}, the same
 * as a shared stem; a synonym or derived word counts as
 * {@linkcode CLOSE_SIMILARITY}, a direct hypernym or a hyponym (a kind of the query word) as
 * {@linkcode KIND_SIMILARITY}, a word of its definition (or a word whose definition uses it) as
 * {@linkcode DEFINED_SIMILARITY}; the words' own vectors win when they say more. Both stay below a
 * shared stem (1), so the memory that uses the query's own word ranks first.
 *
 * @module
 */
import { SortedLines } from "./sorted_lines.ts";
import { inSenseOrder } from "./sense_order.ts";
import { BROADER, LINE_REFS, LineRefs } from "./relation_refs.ts";

import {
  CLOSE_SIMILARITY,
  DEFINED_SIMILARITY,
  DERIVED_SIMILARITY,
  derivedStems,
  FORM_SIMILARITY,
  KIND_SIMILARITY,
  WORD_RELATION_ID,
  type WordRelationData,
} from "./word_relation_data.ts";

// The relation data's format, strengths and checks are this module's to give its importers.
export * from "./word_relation_data.ts";

/** Related stems by stem, decoded per stem on first use. */
export class WordRelations {
  /** Each stem's line (`sorted_lines.ts`: found in the text, not split into a map at start). */
  readonly #lines: SortedLines;
  /** The lists' stems when they are line references (`relation_refs.ts`). */
  readonly #refs: LineRefs | undefined;
  /**
   * Stems decoded so far, at most one per line: a stem with no line is not kept, so words a
   * client makes up cannot grow these maps.
   */
  readonly #decoded = new Map<string, ReadonlyMap<string, number> | undefined>();
  readonly #both = new Map<string, ReadonlyMap<string, number> | undefined>();
  /** {@linkcode narrower}'s sets, by stem. */
  readonly #narrower = new Map<string, ReadonlySet<string>>();
  /** {@linkcode firstRelatives}' lists, each with the count asked for. */
  readonly #firsts = new Map<string, { count: number; stems: readonly string[] }>();
  /** Each phrase's line, by its terms. */
  readonly #phraseLines: SortedLines;
  /**
   * The first terms of the phrases, each with the most terms of a phrase it starts: most terms
   * start none, and a phrase longer than its first term's longest needs no lookup either
   * (`phrasesIn` asks for the longest first, up to {@linkcode longestPhrase} terms).
   */
  readonly #phraseStarts = new Map<string, number>();
  /** Phrases found so far, decoded (at most one per line: misses are not kept). */
  readonly #phrases = new Map<string, readonly string[]>();
  /** The second terms of the two-term phrases, by first term: made on first use. */
  #compounds: Map<string, string[]> | undefined;
  readonly #places: ReadonlySet<string>;
  readonly #persons: ReadonlySet<string>;
  readonly #namedPlaces: ReadonlySet<string>;
  /** The most terms of a phrase. */
  readonly longestPhrase: number = 0;

  /** How many stems' relations are decoded and kept (bounded by the data's lines). */
  get decoded(): number {
    return this.#decoded.size + this.#both.size + this.#firsts.size + this.#narrower.size;
  }

  /** The relations of `data`. */
  constructor(data: WordRelationData) {
    if (data.id !== WORD_RELATION_ID) {
      throw new Error(`word_relations.gen.json is "${data.id}", expected "${WORD_RELATION_ID}"`);
    }
    this.#lines = new SortedLines(data.relations, " ");
    this.#refs = data.format === LINE_REFS ? new LineRefs(this.#lines) : undefined;
    if (this.#refs && !this.#lines.sorted) {
      throw new Error("word_relations.gen.json: line references over lines not sorted");
    }
    if (data.format !== undefined && !this.#refs) {
      throw new Error(
        `word_relations.gen.json's format is "${data.format}", expected "${LINE_REFS}"`,
      );
    }
    this.#places = new Set((data.places ?? "").split(" ").filter(Boolean));
    this.#persons = new Set((data.persons ?? "").split(" ").filter(Boolean));
    this.#namedPlaces = new Set((data.namedPlaces ?? "").split(" ").filter(Boolean));
    this.#phraseLines = new SortedLines(data.phrases ?? "", "|");
    for (const key of this.#phraseLines.keys()) {
      const start = key.slice(0, key.indexOf(" "));
      let terms = 1;
      for (let at = key.indexOf(" "); at >= 0; at = key.indexOf(" ", at + 1)) terms++;
      if (terms > this.longestPhrase) this.longestPhrase = terms;
      if (terms > (this.#phraseStarts.get(start) ?? 0)) this.#phraseStarts.set(start, terms);
    }
  }

  /**
   * Whether the folded `word` names a place (a location, building, area, water, landform,
   * school), as written or as a plural's singular ("s", "es", "ies"). A word given as written in
   * capitals ({@linkcode INITIALISM}: "NHS", "USA") is looked up as itself first: English
   * writes an initialism's plural with a lower-case "s" ("GPs", "PCs"), so a capital "S" may be
   * one of its letters ("NHS" is no plural of "NH", New Hampshire). Only a word of three letters
   * or more before that "S" is read as a plural too: shouted text ("IN THE HILLS", "AT THE
   * DOCKS") writes plurals of words, and an initialism of two letters is no word.
   */
  isPlace(word: string): boolean {
    if (!INITIALISM.test(word)) return hasNoun(this.#places, word);
    const folded = word.toLowerCase();
    return this.#places.has(folded) || (word.length > 3 && hasNoun(this.#places, folded));
  }

  /**
   * Whether the folded `word` is only a place's name ("lisbon", "japan"): a place WordNet writes
   * capitalised in its senses, never also a common noun as "mesa" is.
   */
  isNamedPlace(word: string): boolean {
    return this.#namedPlaces.has(word);
  }

  /** Whether the folded `word` names a person (by its first noun sense: "cousins", "aunt"). */
  isPerson(word: string): boolean {
    return hasNoun(this.#persons, word);
  }

  /** The one-word synonyms of the phrase of `terms` (in order), if WordNet has it. */
  phrase(terms: readonly string[]): readonly string[] | undefined {
    if (terms.length === 0 || terms.length > (this.#phraseStarts.get(terms[0]!) ?? 0)) {
      return undefined;
    }
    const key = terms.join(" ");
    let synonyms = this.#phrases.get(key);
    if (synonyms === undefined) {
      synonyms = this.#phraseLines.get(key)?.split(",").filter(Boolean);
      if (synonyms !== undefined) this.#phrases.set(key, synonyms);
    }
    return synonyms;
  }

  /** The second terms of the two-term phrases `term` starts ("health": "care", "profession"). */
  compoundsOf(term: string): readonly string[] {
    if (this.#compounds === undefined) {
      this.#compounds = new Map();
      for (const key of this.#phraseLines.keys()) {
        const [first, second, more] = key.split(" ");
        if (second === undefined || more !== undefined) continue;
        const seconds = this.#compounds.get(first!);
        if (seconds === undefined) this.#compounds.set(first!, [second]);
        else seconds.push(second);
      }
    }
    return this.#compounds.get(term) ?? [];
  }

  /**
   * {@linkcode of}'s relations and those seen from the other side (the words whose own lists
   * hold `wordStem`), each with the cosine it counts as: what word alignment matches a query
   * word with.
   */
  both(wordStem: string): ReadonlyMap<string, number> | undefined {
    if (this.#both.has(wordStem)) return this.#both.get(wordStem);
    const line = this.#lines.get(wordStem);
    if (line === undefined) return undefined;
    const own = this.of(wordStem);
    const back = line.split("|")[4];
    let related = own;
    if (back) {
      const merged = new Map(own);
      const [close = "", kinds = "", defining = ""] = back.split(";");
      const strengths = [CLOSE_SIMILARITY, KIND_SIMILARITY, DEFINED_SIMILARITY];
      [close, kinds, defining].forEach((list, i) => {
        for (const other of this.#stems(list, i === 1)) {
          if (!merged.has(other)) {
            merged.set(
              other,
              i === 0 && derivedStems(wordStem, other) ? DERIVED_SIMILARITY : strengths[i]!,
            );
          }
        }
      });
      related = merged;
    }
    this.#both.set(wordStem, related);
    return related;
  }

  /**
   * The first `count` stems of {@linkcode both}'s order (its own relations in their order, then
   * those seen from the other side), without building {@linkcode both}'s map: a word's relatives'
   * relatives (`second_hop.ts`) need only a few of each, and a common word is seen from the
   * other side by hundreds. Remembered per stem (at most one entry per line, a short list).
   */
  firstRelatives(wordStem: string, count: number): readonly string[] {
    const known = this.#firsts.get(wordStem);
    if (known !== undefined && known.count >= count) return known.stems.slice(0, count);
    const line = this.#lines.get(wordStem);
    if (line === undefined) return [];
    const stems: string[] = [];
    const taken = new Set<string>();
    for (const other of this.of(wordStem)?.keys() ?? []) {
      if (stems.length >= count) break;
      stems.push(other);
      taken.add(other);
    }
    const back = line.split("|")[4];
    if (back && stems.length < count) {
      for (const [i, list] of back.split(";").entries()) {
        for (const other of this.#stems(list, i === 1)) {
          if (stems.length >= count) break;
          if (!taken.has(other)) {
            stems.push(other);
            taken.add(other);
          }
        }
      }
    }
    this.#firsts.set(wordStem, { count, stems });
    return stems;
  }

  /** The stems related to `wordStem`, each with the cosine it counts as (none: undefined). */
  of(wordStem: string): ReadonlyMap<string, number> | undefined {
    if (this.#decoded.has(wordStem)) return this.#decoded.get(wordStem);
    const line = this.#lines.get(wordStem);
    if (line === undefined) return undefined;
    const [close = "", kinds = "", defining = "", forms = "", , order = ""] = line.split("|");
    if (close + kinds + defining + forms === "") {
      this.#decoded.set(wordStem, undefined);
      return undefined;
    }
    const related = new Map<string, number>();
    // The same word's forms first, then the others in sense order (`sense_order.ts`).
    for (const other of this.#stems(forms)) related.set(other, FORM_SIMILARITY);
    const lists = [close, kinds, defining].map((list, i) => this.#stems(list, i === 1));
    const strengths = [CLOSE_SIMILARITY, KIND_SIMILARITY, DEFINED_SIMILARITY];
    for (const [other, list] of inSenseOrder(lists, order)) {
      if (!related.has(other)) {
        related.set(
          other,
          list === 0 && derivedStems(wordStem, other) ? DERIVED_SIMILARITY : strengths[list]!,
        );
      }
    }
    this.#decoded.set(wordStem, related);
    return related;
  }

  /**
   * The kinds of `wordStem` (`broader or narrower` read one way): its hyponyms and the words
   * whose broader kind it is ("guinea pig" of "rodent", "daughter" of "child"), not its broader
   * kinds ("rodent" of "guinea pig"). Empty when none; remembered (at most one per line).
   */
  narrower(wordStem: string): ReadonlySet<string> {
    const known = this.#narrower.get(wordStem);
    if (known !== undefined) return known;
    const line = this.#lines.get(wordStem);
    if (line === undefined) return NO_KINDS;
    const parts = line.split("|");
    const broader = new Set<string>();
    const kinds = [
      ...this.#stems(parts[1] ?? "", true, broader),
      ...this.#stems(parts[4]?.split(";")[1] ?? "", true, broader),
    ].filter((kind) => !broader.has(kind));
    const narrower = kinds.length === 0 ? NO_KINDS : new Set(kinds);
    this.#narrower.set(wordStem, narrower);
    return narrower;
  }

  /**
   * The stems of one list of a line, in order; of a list of `kinds`, each broader one also added
   * to `broader` when given.
   */
  #stems(list: string, kinds = false, broader?: Set<string>): string[] {
    if (this.#refs) return kinds ? this.#refs.kinds(list, broader) : this.#refs.stems(list);
    const stems = list.split(",").filter(Boolean);
    if (!kinds) return stems;
    return stems.map((kind) => {
      if (!kind.startsWith(BROADER)) return kind;
      broader?.add(kind.slice(BROADER.length));
      return kind.slice(BROADER.length);
    });
  }
}

/** No kinds ({@linkcode WordRelations.narrower}). */
const NO_KINDS: ReadonlySet<string> = new Set();

/** A word written in capitals only, two to five letters: an initialism ("NHS", "BBC", "UK"). */
export const INITIALISM = /^\p{Lu}{2,5}$/u;

/** Whether `nouns` holds `word`, or its singular when it ends in "s", "es" or "ies". */
function hasNoun(nouns: ReadonlySet<string>, word: string): boolean {
  if (nouns.has(word)) return true;
  if (!word.endsWith("s")) return false;
  return nouns.has(word.slice(0, -1)) || nouns.has(word.slice(0, -2)) ||
    (word.endsWith("ies") && nouns.has(`${word.slice(0, -3)}y`));
}
