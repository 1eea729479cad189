/**
 * A field a question asks about reaches the people who work in it (issue 9, session 42): "what's
 * going on with my health", "health stuff" are answered by "the chiropractor is once a month ...
 * doctor La point's office has weekend hours" and "tell every new doc/dentist", which share no
 * word with the question. The vectors put "doctor" at 0.38 of "health" and "dentist" at 0.29, and
 * the answer type the question asks (`health`, `meaning/answer_types.ts`) holds illnesses, drugs,
 * procedures and body parts, not the people who tend them: a dentist sits under professional, a
 * type of its own (`occupation`).
 *
 * WordNet names those people through a compound whose modifier is the field's word: "health
 * professional" (its one-word lemmas caregiver and PCP; their kinds nurse, midwife, doctor,
 * physician, dentist, pharmacist). English forms such compounds as "<field> <role>" (a health
 * professional, a car maker, an animal scientist): the modifier says which field the head serves.
 * So the field's people are the words that are (1) a one-word lemma of a two-term WordNet compound
 * the field's word starts (the shipped relation data's phrases), or one of the first
 * {@linkcode FIELD_KINDS} kinds WordNet lists under such a lemma; (2) close enough to the field's
 * word in the vectors that it is that sense ({@linkcode FIELD_LEMMA_SIMILARITY} for a lemma,
 * {@linkcode FIELD_KIND_SIMILARITY} for a kind: "food color"'s lemma "color" has kinds "purple",
 * "pink"); and (3) a person by their work, a member of the `occupation` answer type. The things
 * of a field are left to its answer type, which holds them already: measured, the compounds'
 * things ("prescription", "therapy", "treatment" of "health care") lifted other lines that say
 * them, and moved none of the answers.
 *
 * Only a word that asks for an answer type (`askedTypes`: "health", "medical", "animals") names a
 * field: the type says the question wants what falls in the field, not the word ("who is my
 * dentist" asks no type). The people join the BM25 query at a kind's share of the field word's
 * weight ({@linkcode FIELD_MEMBER_SHARE}), as a class's members do (`class_expansion.ts`): they
 * find candidates, and word alignment ranks them as before. Worked out once per field word from
 * the shipped data alone (the question only picks the word) and remembered.
 *
 * @module
 */
import { askedTypes } from "./meaning/answer_types.ts";
import { KIND_SIMILARITY } from "./meaning/word_relations.ts";
import { CLASS_MEMBER_SHARE, type ExpandedTerms } from "./class_expansion.ts";
import { stem, words } from "./text.ts";

/** The most of a field word's WordNet compounds read (in the data's order). */
export const FIELD_COMPOUNDS = 8;
/** The least cosine a compound's one-word lemma has with the field's word (that sense of it). */
export const FIELD_LEMMA_SIMILARITY = 0.35;
/**
 * The least cosine a kind under a compound's lemma has with the field's word: a lemma's kinds
 * include its other senses' ("color" of "food color": "purple"), which are no part of the field.
 */
export const FIELD_KIND_SIMILARITY = 0.25;
/** The most kinds read under each one-word lemma of a compound. */
export const FIELD_KINDS = 12;
/** The most people one field word adds to the BM25 query. */
export const FIELD_MEMBER_TERMS = 32;
/** A member's share of its field word's BM25 weight: a WordNet kind's, as a class member's. */
export const FIELD_MEMBER_SHARE = CLASS_MEMBER_SHARE;
/** The most field words of one question widened. */
export const FIELD_WORDS = 1;

/** What {@linkcode fieldMembers} reads of the shipped word data (`WordVectors`, answer types). */
export interface FieldData {
  /** The second terms of the two-term WordNet phrases a stem starts. */
  compoundsOf(term: string): readonly string[];
  /** The one-word lemmas of the phrase of `terms`, if WordNet has it. */
  phrase(terms: readonly string[]): readonly string[] | undefined;
  /** The unit vector of a folded word, undefined when the vectors do not know it. */
  unit(word: string): Float32Array | undefined;
  /** The unit vector of a stem's word, undefined when the vectors do not know it. */
  unitOfStem(term: string): Float32Array | undefined;
  /** The stems WordNet relates to a stem, with the cosine each counts as. */
  related(term: string): ReadonlyMap<string, number> | undefined;
  /** The stems that name a person by their work (the `occupation` type's members). */
  roles: ReadonlySet<string>;
}

/** Members worked out, per word data and folded field word. */
const memos = new WeakMap<FieldData, Map<string, readonly string[]>>();
/** How many field words' members are remembered per word data. */
export const FIELD_MEMO_LIMIT = 256;

/**
 * The people of the field the folded `word` names (see the module's three conditions), as
 * stems, lemmas before kinds, at most {@linkcode FIELD_MEMBER_TERMS}; never the word's own stem.
 */
export function fieldMembers(word: string, data: FieldData): readonly string[] {
  let memo = memos.get(data);
  if (memo === undefined) memos.set(data, memo = new Map());
  const known = memo.get(word);
  if (known !== undefined) return known;
  const own = stem(word);
  const unit = data.unit(word);
  const close = (other: Float32Array | undefined, least: number) =>
    unit !== undefined && other !== undefined && cosine(unit, other) >= least;
  const lemmas: string[] = [];
  for (const second of data.compoundsOf(own).slice(0, FIELD_COMPOUNDS)) {
    for (const lemma of data.phrase([own, second]) ?? []) {
      if (close(data.unit(lemma), FIELD_LEMMA_SIMILARITY)) lemmas.push(stem(lemma));
    }
  }
  const members = new Set<string>();
  const add = (term: string) => {
    if (term !== own && data.roles.has(term) && members.size < FIELD_MEMBER_TERMS) {
      members.add(term);
    }
  };
  for (const lemma of lemmas) add(lemma);
  for (const lemma of lemmas) {
    let read = 0;
    for (const [term, similarity] of data.related(lemma) ?? []) {
      if (read >= FIELD_KINDS) break;
      // Kinds only: a hypernym or hyponym, not a synonym, a derived word or a definition's word.
      if (similarity !== KIND_SIMILARITY) continue;
      read++;
      if (close(data.unitOfStem(term), FIELD_KIND_SIMILARITY)) add(term);
    }
  }
  if (memo.size >= FIELD_MEMO_LIMIT) memo.delete(memo.keys().next().value!);
  memo.set(word, Object.freeze([...members]));
  return memo.get(word)!;
}

function cosine(a: Float32Array, b: Float32Array): number {
  let sum = 0;
  for (let d = 0; d < a.length; d++) sum += a[d]! * b[d]!;
  return sum;
}

/** Whether `text` holds a word that asks for an answer type: a quick test before any data. */
export function asksField(text: string): boolean {
  return askedTypes(words(text)).length > 0;
}

/**
 * `expanded` with the people ({@linkcode fieldMembers}) of the first {@linkcode FIELD_WORDS}
 * words of `text` that ask for an answer type and have any, each at
 * {@linkcode FIELD_MEMBER_SHARE} of its field word's prior; a term the query holds keeps its
 * own. `expanded` itself when none.
 */
export function withFieldMembers(
  text: string,
  expanded: ExpandedTerms,
  data: FieldData,
): ExpandedTerms {
  let terms: string[] | undefined;
  let priors: number[] | undefined;
  let widened = 0;
  for (const { word } of askedTypes(words(text))) {
    if (widened >= FIELD_WORDS) break;
    const source = expanded.terms.indexOf(stem(word));
    if (source < 0) continue;
    const members = fieldMembers(word, data);
    if (members.length === 0) continue;
    widened++;
    const prior = expanded.priors[source]! * FIELD_MEMBER_SHARE;
    for (const term of members) {
      if ((terms ?? expanded.terms).includes(term)) continue;
      terms ??= [...expanded.terms];
      priors ??= [...expanded.priors];
      terms.push(term);
      priors.push(prior);
    }
  }
  return terms === undefined ? expanded : { terms, priors: priors! };
}
