/**
 * Aspects of a query asked in several parts, each answered near the top: "What are our holiday
 * traditions around Christmas and New Year?" is two questions, and a ranking by relevance alone
 * can fill the top with memories about the part that weighs more (Christmas, holidays) while the
 * one memory that answers the other part in full ("every New Year's Day") ranks tenth, its
 * relevance diluted by the words it was never meant to match. A small form of aspect-based
 * diversification (xQuAD, Santos, Macdonald & Ounis 2010; explicit subtopics from the query's
 * own clauses):
 *
 * 1. The query is split at "and", "or", commas and semicolons ({@linkcode queryAspects}); each
 *    part's words that not every part holds are an aspect (words all parts share are context).
 *    With fewer than two aspects (most queries) nothing changes.
 * 2. How fully a memory answers an aspect is the share of the aspect's weight its words match
 *    (each query word's BM25 weight times how well the memory's closest word matches it,
 *    `matchStrength`), 0..1. An aspect's **best answer** is the candidate, of those matching at
 *    least {@linkcode ASPECT_LEAST} of it, with the highest `score · share^k` (k =
 *    {@linkcode ASPECT_COMPLETENESS}): the most complete answer, and of those about as complete
 *    the best-scored one. So one common word of the aspect ("next year" for "New Year") loses to
 *    the aspect in full, while an aspect that no memory matches in full (the question's "work",
 *    the persona's "teach") still has an answer. Only a memory that ranking left at least
 *    {@linkcode ASPECT_OWN} of its score can be one: a memory that ranking marks down as someone
 *    else's (told in no one's voice, a relative's for a question about the persona, without a
 *    name the question asks about) or as replaced answers no part of the question ("My sister
 *    Elena works as a doctor" is no answer to the "work" of "Where do I work and what car do I
 *    drive?").
 * 3. The first hit stays the most relevant. An aspect whose best answer is not among the first
 *    hits (one per aspect plus {@linkcode ASPECT_SHOWN_EXTRA}), and none of which answers it as
 *    well, gets it moved right after the first hit (aspects in the query's order), if its score
 *    is at least {@linkcode ASPECT_FLOOR} of the first hit's; the rest keep their order. A hit
 *    placed above answers only the aspects it mainly answers ({@linkcode ASPECT_MAIN}): the full
 *    answer to one part that shares a word with another ("Leo's chemistry teacher ... sets a
 *    quiz" for "his teacher and his quiz results") leaves the other to its own answer. A memory
 *    is never moved above the memory that replaces it.
 *
 * 4. A query about a kinship class's members ("where do my siblings live", "Tell me about my
 *    kids") in one part has each member as an aspect (`class_members.ts`): a memory answers it
 *    when it says that member as the persona's relative; moves in `coverage_moves.ts`.
 *
 * Only the best {@linkcode coveragePool} candidates are read; their word matches are remembered
 * from alignment (`best_matches.ts`), so this costs a few lookups per candidate. With
 * `EMBED_MODEL` (no word alignment) ranking is unchanged.
 *
 * @module
 */
import {
  highestCosine,
  matchStrength,
  type WeightedWord,
  type WordMeanings,
} from "./meaning/alignment.ts";
import { bestMatches } from "./meaning/best_matches.ts";
import { alignedWordsKey } from "./meaning/query_aligner.ts";
import { mayHaveParts, queryParts } from "./focus.ts";
import { stem } from "./text.ts";
import { answersMovedUp, type Covered, type MemberAspects } from "./coverage_moves.ts";

export {
  ASPECT_COMPLETENESS,
  ASPECT_FLOOR,
  ASPECT_LEAST,
  ASPECT_OWN,
  ASPECT_SHOWN_EXTRA,
  type Covered,
  type MemberAspects,
} from "./coverage_moves.ts";

/**
 * A hit placed above answers an aspect for coverage only when its share of that aspect is at least
 * this part of its largest share of any aspect: "Leo's chemistry teacher ... sets a quiz every
 * Friday", the full answer to "Leo's chemistry: his teacher", is no answer to "his quiz results"
 * for sharing "quiz" with it.
 */
export const ASPECT_MAIN = 0.8;
/** Candidates read per wanted hit (at least {@linkcode ASPECT_MIN_POOL}). */
export const ASPECT_POOL_PER_HIT = 2;
/** The fewest candidates read. */
export const ASPECT_MIN_POOL = 20;

/** How many of the best candidates ranking hands over for `limit` wanted hits. */
export function coveragePool(limit: number): number {
  return Math.max(ASPECT_MIN_POOL, limit * ASPECT_POOL_PER_HIT);
}

/**
 * The aspects of `text` (see the module doc): for each part of the query, the indexes of the
 * `words` (the query's weighted words as word alignment weighs them; a phrase's words joined by
 * spaces) it holds that not every part holds. Fewer than two such parts: none.
 */
export function queryAspects(text: string, words: readonly WeightedWord[]): number[][] {
  // Most queries are one part: no need to read them (again) to know.
  if (!mayHaveParts(text)) return [];
  const parts = queryParts(text);
  if (parts.length < 2) return [];
  // A class asked for keeps its word under the key "what <word>" (`search.ts`).
  const stemsOf = words.map((item) =>
    item.word.replace(/^what /, "").split(" ").map((word) => stem(word))
  );
  const holds = (part: ReadonlySet<string>, i: number) => stemsOf[i]!.every((s) => part.has(s));
  const aspects = parts.map((part) =>
    words.flatMap((_, i) => holds(part, i) && !parts.every((other) => holds(other, i)) ? [i] : [])
  ).filter((aspect) => aspect.length > 0);
  return aspects.length < 2 ? [] : aspects;
}

/**
 * The best `limit` of `ranked` (best first, as ranking ordered them), each aspect of the query
 * that the first hits leave unanswered given its best answer right after the first hit (see the
 * module doc).
 */
export function byCoverage<T extends Covered>(
  ranked: readonly T[],
  query: {
    words: readonly WeightedWord[];
    vectors: WordMeanings;
    aspects: readonly (readonly number[])[];
    limit: number;
    /** A class word's members' aspects (`class_members.ts`), read when the query has no parts. */
    members?: MemberAspects;
  },
): T[] {
  const { words, vectors, aspects, limit, members } = query;
  if (ranked.length < 2) return ranked.slice(0, limit);
  if (aspects.length < 2) {
    if (members === undefined || members.count < 2) return ranked.slice(0, limit);
    const held = members.heldBy(ranked);
    // A member is answered by a memory that holds it: every holder answers it alike.
    return answersMovedUp(ranked, {
      count: members.count,
      share: (at, a) => held(at)[a]! ? 1 : 0,
      counts: (at, a) => held(at)[a]!,
      limit,
      own: false,
    });
  }
  const answers = aspectAnswers(ranked, { words, vectors, aspects });
  return answersMovedUp(ranked, {
    count: aspects.length,
    share: (at, a) => answers(at)[a]!,
    counts: (at, a) => answersMainly(answers(at), a),
    limit,
  });
}

/**
 * How much of each aspect's weight the words of `ranked[at]` match, 0..1; read for a candidate
 * when first asked, then remembered for the search.
 */
function aspectAnswers(
  ranked: readonly Covered[],
  query: {
    words: readonly WeightedWord[];
    vectors: WordMeanings;
    aspects: readonly (readonly number[])[];
  },
): (at: number) => readonly number[] {
  const sharesOf = aspectShares(query);
  const answers: (readonly number[])[] = [];
  return (at) => answers[at] ??= sharesOf(ranked[at]!.record.content);
}

/**
 * How much of each aspect's weight (a list of indexes of `words`) the words of a memory's
 * `content` match, 0..1: each word's weight times its match strength (`matchStrength`) with the
 * memory's closest word, as word alignment found it (or finds it now).
 */
export function aspectShares(
  query: {
    words: readonly WeightedWord[];
    vectors: WordMeanings;
    aspects: readonly (readonly number[])[];
  },
): (content: string) => readonly number[] {
  const { words, vectors, aspects } = query;
  const matches = bestMatches(vectors);
  const weights = aspects.map((aspect) => aspect.reduce((sum, i) => sum + words[i]!.weight, 0));
  const key = alignedWordsKey(words);
  return (content) => {
    // A memory the search aligned has its best cosines with all the words in one array.
    const aligned = matches.heldWords(key, content);
    const strength = new Map<number, number>();
    const strengthOf = (i: number) => {
      if (aligned !== undefined) return matchStrength(aligned[i]!);
      let found = strength.get(i);
      if (found === undefined) {
        const item = words[i]!;
        found = matchStrength(
          matches.word(
            item.word,
            content,
            () => highestCosine(item, vectors, vectors.contentWords(content)),
          ),
        );
        strength.set(i, found);
      }
      return found;
    };
    return aspects.map((aspect, a) =>
      weights[a]! <= 0
        ? 0
        : aspect.reduce((sum, i) => sum + words[i]!.weight * strengthOf(i), 0) / weights[a]!
    );
  };
}

/**
 * Whether `aspect` is one of those a memory with these `shares` (one per aspect) mainly answers:
 * its share is at least {@linkcode ASPECT_MAIN} of the largest.
 */
export function answersMainly(shares: readonly number[], aspect: number): boolean {
  return shares[aspect]! >= ASPECT_MAIN * Math.max(...shares);
}
