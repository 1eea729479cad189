/**
 * The shipped word data `class_expansion.ts` reads, gathered once: the answer types' members
 * and cues, and the word vectors' units and plurals.
 *
 * @module
 */
import { askedTypes, typeMembers } from "./meaning/answer_types.ts";
import { readsAsPlural } from "./meaning/class_centroid.ts";
import type { WordVectors } from "./meaning/word_vectors.ts";
import type { ClassMemberData } from "./class_expansion.ts";

let once: Promise<ClassMemberData> | undefined;

/** {@linkcode ClassMemberData} over the shipped `words` and answer types (made once). */
export function classMemberData(words: WordVectors): Promise<ClassMemberData> {
  once ??= typeMembers().then((types) => ({
    types,
    cueType: (word) => askedTypes([word])[0]?.type,
    unit: (word) => words.unit(word),
    related: (term) => words.related(term),
    unitOfStem: (term) => words.unitOfStem(term),
    isPlural: (word) => readsAsPlural(word, (one) => words.has(one)),
  }));
  return once;
}
