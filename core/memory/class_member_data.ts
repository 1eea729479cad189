/**
 * The shipped word data `class_expansion.ts` reads, gathered once per word vectors: the answer
 * types' members and cues, and the word vectors' units and plurals. Loaded only when a question
 * asks a class word ({@linkcode withAskedClassMembers}): any other costs nothing.
 *
 * @module
 */
import { askedTypes, typeMembers } from "./meaning/answer_types.ts";
import { readsAsPlural } from "./meaning/class_centroid.ts";
import type { WordVectors } from "./meaning/word_vectors.ts";
import { type ClassMemberData, type ExpandedTerms, withClassMembers } from "./class_expansion.ts";
import { askedClassWords, type PluralTest } from "./several_facts.ts";
import { asksField, type FieldData, withFieldMembers } from "./field_compounds.ts";

/** Made once per word vectors: data built over one set of vectors is never another's. */
const made = new WeakMap<WordVectors, Promise<ClassMemberData>>();

/** Whether a folded word reads as a plural noun of `words`. */
function pluralTestOf(words: WordVectors): PluralTest {
  return (word) => readsAsPlural(word, (one) => words.has(one));
}

/** {@linkcode ClassMemberData} over `words` and the shipped answer types (made once each). */
export function classMemberData(words: WordVectors): Promise<ClassMemberData> {
  let data = made.get(words);
  if (data === undefined) {
    data = typeMembers().then((types) => ({
      types,
      cueType: (word) => askedTypes([word])[0]?.type,
      unit: (word) => words.unit(word),
      related: (term) => words.related(term),
      unitOfStem: (term) => words.unitOfStem(term),
      isPlural: pluralTestOf(words),
    }));
    made.set(words, data);
  }
  return data;
}

/** Whether {@linkcode classMemberData} has been asked for `words`' data. */
export function classMemberDataMade(words: WordVectors): boolean {
  return made.has(words);
}

/**
 * `expanded` widened by `withClassMembers` when `text` asks a class word (else the answer types
 * are not loaded: the class words need only the vectors' plural test), then by
 * `withFieldMembers` when it asks a type whose word names a field (`field_compounds.ts`).
 */
export async function withAskedClassMembers(
  text: string,
  { expanded, words }: { expanded: ExpandedTerms; words: WordVectors },
): Promise<ExpandedTerms> {
  const classes = askedClassWords(text, pluralTestOf(words)).length === 0
    ? expanded
    : withClassMembers(text, expanded, await classMemberData(words));
  if (!asksField(text)) return classes;
  return withFieldMembers(text, classes, await fieldData(words));
}

/** Made once per word vectors, so that `fieldMembers` remembers each field word's people. */
const fields = new WeakMap<WordVectors, Promise<FieldData>>();

/** {@linkcode FieldData} over `words` and the shipped `occupation` type (made once each). */
export function fieldData(words: WordVectors): Promise<FieldData> {
  let data = fields.get(words);
  if (data === undefined) {
    data = typeMembers().then((types) => ({
      compoundsOf: (term) => words.compoundsOf(term),
      phrase: (terms) => words.phrase(terms),
      unit: (word) => words.unit(word),
      unitOfStem: (term) => words.unitOfStem(term),
      related: (term) => words.related(term),
      roles: types.all.get("occupation") ?? new Set<string>(),
    }));
    fields.set(words, data);
  }
  return data;
}
