/**
 * A class asked for several facts reaches its members' words (issue 9, session 40): "everyone's
 * medication" is answered by "warfarin's 4mg a night for Dad" and "Reena ... metformin twice a
 * day", which share no word with the question. Word alignment credits such a member once it is a
 * candidate (the vectors put "warfarin" at 0.58 of "medication"), but BM25 never finds it, and
 * the WordNet kinds the query is expanded with stop two levels down and at 40 a word (a drug sits
 * four levels under "medication"), so such an answer is often no candidate at all.
 *
 * A member must satisfy three sources of the word data the project ships, each for what it knows:
 * - the answer types' WordNet subtrees (`meaning/answer_types.gen.json`) say what the class may
 *   hold: the class word is a member of a type ("medication" of health, through medicine) or a
 *   cue of one ("pets" of animals), and the member is a member of that type;
 * - the word vectors say which of those are of the class's own sort: a cosine of
 *   {@linkcode CLASS_MEMBER_SIMILARITY} or more with the class word ("aspirin", "warfarin"; not
 *   "ambulance", a member of health too);
 * - WordNet's relations say the member is tied to the class word, not a sibling beside it:
 *   either word's relatives hold the other, or one of the member's first
 *   {@linkcode CLASS_MEMBER_HOPS} relatives holds the class word ("warfarin" → "anticoagulant" →
 *   "medication"). "asthma" is close to "allergies" in the vectors and in the same type, but
 *   reaches it through no relative: another illness, not an allergy.
 *
 * The closest {@linkcode CLASS_MEMBER_TERMS} join the BM25 query at a kind's share of the class
 * word's weight ({@linkcode CLASS_MEMBER_SHARE}, `EXPANSION_KIND`), as WordNet's kinds do: they
 * find a candidate, and word alignment ranks it as before. A member no memory holds costs one
 * empty posting lookup. Only a class asked for several facts by its shape is widened
 * (`askedClassWords`: "what pets do we have", "the kids' allergies", "everyone's medication"):
 * "when is my dentist appointment" names one thing and keeps its own words. The members of a
 * class word are worked out once (from the shipped data alone, not the question's text) and
 * remembered.
 *
 * @module
 */
import type { TypeMembers } from "./meaning/answer_types.ts";
import { askedClassWords, type PluralTest } from "./several_facts.ts";
import { EXPANSION_KIND } from "./expansion_shares.ts";
import { stem } from "./text.ts";

/** The most member words one class word adds to the BM25 query (closest first). */
export const CLASS_MEMBER_TERMS = 48;
/** The least cosine a member's word has with its class word in the shipped vectors. */
export const CLASS_MEMBER_SIMILARITY = 0.5;
/** How many of a member's own WordNet relatives are read for one that holds the class word. */
export const CLASS_MEMBER_HOPS = 12;
/** A member word's share of its class word's BM25 weight: a WordNet kind's. */
export const CLASS_MEMBER_SHARE = EXPANSION_KIND;
/** The most class words of one question widened. */
export const CLASS_WORDS = 2;

/** What {@linkcode classMembers} reads of the shipped word data. */
export interface ClassMemberData {
  /** Each answer type's members, as stems (`typeMembers`). */
  types: TypeMembers;
  /** The type a folded word is a cue for ("pets": animal), if any (`askedTypes`). */
  cueType(word: string): string | undefined;
  /** The unit vector of a folded word, undefined when the vectors do not know it. */
  unit(word: string): Float32Array | undefined;
  /** The unit vector of a stem's word, undefined when the vectors do not know it. */
  unitOfStem(term: string): Float32Array | undefined;
  /** The stems WordNet relates to a stem (`WordVectors.related`), undefined when none. */
  related(term: string): ReadonlyMap<string, unknown> | undefined;
  /** Whether a folded word reads as a plural noun. */
  isPlural: PluralTest;
}

/** A member word of a class, with its cosine to the class word. */
export interface ClassMember {
  term: string;
  similarity: number;
}

/**
 * The members worked out, per word data and folded class word (not its stem: "medical" and
 * "medication" share one, and the class word's own vector decides).
 */
const memos = new WeakMap<ClassMemberData, Map<string, readonly ClassMember[]>>();
/** How many class words' members are remembered per word data. */
export const MEMO_LIMIT = 512;

/**
 * The member terms of the class the folded `word` names (see the module's three sources),
 * closest first, at most {@linkcode CLASS_MEMBER_TERMS}; never its own stem.
 */
export function classMembers(word: string, data: ClassMemberData): readonly ClassMember[] {
  const own = stem(word);
  let memo = memos.get(data);
  if (memo === undefined) memos.set(data, memo = new Map());
  const known = memo.get(word);
  if (known !== undefined) return known;
  // The class word's own vector: a stem's word may be another one ("medic" of "medication").
  const unit = data.unit(word) ?? data.unitOfStem(own);
  const close = new Map<string, number>();
  const cue = data.cueType(word);
  for (const [type, members] of data.types.aligned) {
    if (unit === undefined || (type !== cue && !members.has(own))) continue;
    for (const member of members) {
      if (member === own || close.has(member)) continue;
      const other = data.unitOfStem(member);
      if (other === undefined) continue;
      let cosine = 0;
      for (let d = 0; d < unit.length; d++) cosine += unit[d]! * other[d]!;
      if (cosine >= CLASS_MEMBER_SIMILARITY) close.set(member, cosine);
    }
  }
  const members: ClassMember[] = [];
  const closestFirst = [...close].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  for (const [term, similarity] of closestFirst) {
    if (members.length >= CLASS_MEMBER_TERMS) break;
    if (tiedInWordNet(term, own, data)) members.push({ term, similarity });
  }
  if (memo.size >= MEMO_LIMIT) memo.delete(memo.keys().next().value!);
  memo.set(word, Object.freeze(members));
  return memo.get(word)!;
}

/**
 * Whether WordNet ties `term` to the class stem `own`: either's relatives hold the other, or one
 * of `term`'s first {@linkcode CLASS_MEMBER_HOPS} relatives holds `own`.
 */
function tiedInWordNet(term: string, own: string, data: ClassMemberData): boolean {
  if (data.related(own)?.has(term)) return true;
  const relatives = data.related(term);
  if (relatives === undefined) return false;
  if (relatives.has(own)) return true;
  let read = 0;
  for (const relative of relatives.keys()) {
    if (read++ >= CLASS_MEMBER_HOPS) break;
    if (data.related(relative)?.has(own)) return true;
  }
  return false;
}

/** A BM25 query: its terms and their priors (the query's own terms first). */
export interface ExpandedTerms {
  readonly terms: readonly string[];
  readonly priors: readonly number[];
}

/**
 * `expanded` with the members of each class `text` asks several facts of (its first
 * {@linkcode CLASS_WORDS}; `classMembers`), each at {@linkcode CLASS_MEMBER_SHARE} of its class
 * word's prior; a term the query holds already keeps its own. `expanded` itself when none.
 */
export function withClassMembers(
  text: string,
  expanded: ExpandedTerms,
  data: ClassMemberData,
): ExpandedTerms {
  let terms: string[] | undefined;
  let priors: number[] | undefined;
  for (const word of askedClassWords(text, data.isPlural).slice(0, CLASS_WORDS)) {
    const source = expanded.terms.indexOf(stem(word));
    if (source < 0) continue;
    const prior = expanded.priors[source]! * CLASS_MEMBER_SHARE;
    for (const { term } of classMembers(word, data)) {
      if ((terms ?? expanded.terms).includes(term)) continue;
      terms ??= [...expanded.terms];
      priors ??= [...expanded.priors];
      terms.push(term);
      priors.push(prior);
    }
  }
  return terms === undefined ? expanded : { terms, priors: priors! };
}
