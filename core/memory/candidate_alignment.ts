/**
 * Word alignment of search candidates: the query's words weighted as BM25 weighs them (frame
 * words brought to their meaning weight, phrases and asked-for classes added), then each
 * candidate that could still reach the best ones aligned with them in meaning.
 *
 * @module
 */
import { highestFirst } from "./highest_first.ts";
import type { Candidate, CandidateQuery } from "./backend.ts";
import type { TermWeigher } from "./query_weights.ts";
import type { Embedder } from "./embedder.ts";
import {
  comparedCandidates,
  isKept,
  outscoreRatio,
  QUERY_FRAME_MEANING_WEIGHT,
  relevance,
  relevanceBound,
  voiceFactor,
} from "./ranking.ts";
import { PERSPECTIVE } from "./text_factor_shares.ts";
import type { OwnedRelation } from "./relation_owners.ts";
import { askedClasses, QUESTION_FRAME_WEIGHT, type Voice } from "./query.ts";
import { type AskedType, type TypeMembers, typeSense } from "./meaning/answer_types.ts";
import { TextFactors } from "./text_factors.ts";
import { factorCeiling } from "./text_factor_query.ts";
import { preparedPhrase, type QueryPhrase } from "./expansion.ts";
import { stem } from "./text.ts";
import { weightedQuery, type WeightedWord, type WordMeanings } from "./meaning/alignment.ts";
import { queryAligner } from "./meaning/query_aligner.ts";
import type { WordVectors } from "./meaning/word_vectors.ts";
import { isUnmarkedNote } from "./unmarked_voice.ts";

/** The alignment of a candidate search did not need to align. */
const UNALIGNED = { score: 0, strongest: 0 } as const;

/** What {@linkcode alignCandidates} needs to know of the query. */
export interface AlignmentQuery {
  text: string;
  /** The query's frame terms (`frameTerms`). */
  frames: ReadonlySet<string>;
  voice: Voice | undefined;
  /** Whether memories that tell a wish or a plan lose `INTENT` (`ranking.ts`). */
  intents: boolean;
  /** Whether memories about a relative lose `RELATIVE_SUBJECT` (`asksOwn`). */
  own?: boolean;
  /** Whether memories that tell of a change gain `CHANGE_TOLD` (`asksCurrent`). */
  current?: boolean;
  /** The names the query asks about: a memory holding none loses `UNNAMED`. */
  names: readonly string[];
  /** The name terms of each memory's owner persona (`personaNameTerms`). */
  ownerNames?: ReadonlyMap<string, readonly string[]>;
  /** The relations the query gives a name (`ownedRelations`). */
  relations?: readonly OwnedRelation[];
  phrases: readonly QueryPhrase[];
  candidateQuery: CandidateQuery;
  limit: number;
  /** Whether the query has an answer type (`answerType`): ranking's bound is wider. */
  typed: boolean;
  /**
   * The answer types the query's words ask for (`answer_types.ts`: "job") and their members:
   * each such word matches a member as a kind.
   */
  types?: { asked: readonly AskedType[]; members: TypeMembers };
  /**
   * The search's text factors (`text_factors.ts`) for these `intents`, `names`, `ownerNames`
   * and `relations`, shared with ranking; made here when absent.
   */
  factors?: TextFactors;
  /**
   * A question in clauses (`clauses.ts`): each clause's voice, any of which (or `voice`) may
   * judge a candidate, so its bound is the kindest of them.
   */
  clauseVoices?: readonly Voice[];
}

/**
 * Sets each candidate's word alignment, when the embedder has word vectors, and answers the
 * weighted query words and the word vectors (undefined when nothing was aligned). Best bound
 * first; a candidate that could not reach the best ones' voice-weighted scores even fully
 * aligned ({@linkcode outscoreRatio}: wider for a question with an answer type) is left
 * unaligned (alignment 0), unless a newer memory replaces it (its relevance passes on).
 */
export async function alignCandidates(
  candidates: Candidate[],
  query: AlignmentQuery,
  sources: { weigher: TermWeigher; embedder: Embedder },
): Promise<{ words: WeightedWord[]; vectors: WordMeanings } | undefined> {
  const { embedder, weigher } = sources;
  if (!embedder.wordVectors || candidates.length === 0) return undefined;
  const vectors = await embedder.wordVectors();
  const { terms } = query.candidateQuery;
  const termWeights = await weigher.termWeights(query.candidateQuery);
  const weights = new Map(terms.map((term, i) => [term, termWeights[i] ?? 0]));
  const weighted = meaningWords(
    weightedQuery(query.text, (_word, stem) => weights.get(stem) ?? 0),
    query.frames,
  );
  // A phrase WordNet knows is one more query word, weighed like its words together (not a
  // phrasal verb: its particle may be a preposition, "go on holiday").
  for (const phrase of query.phrases) {
    if (phrase.phrasal) continue;
    weighted.push({
      word: phrase.terms.join(" "),
      weight: phrase.terms.reduce((sum, term) => sum + (weights.get(term) ?? 0), 0),
      prepared: preparedPhrase(phrase, vectors),
    });
  }
  askedAsClasses(weighted, { text: query.text, vectors });
  if (query.types !== undefined) askedAsTypes(weighted, query.types, vectors);
  const words = heaviestWords(weighted, ALIGNED_QUERY_WORDS);
  const align = queryAligner(words, vectors);
  const factors = query.factors ?? new TextFactors(query);
  const ratio = outscoreRatio(query.typed);
  // Candidate numbers sorted by bound (a stable sort, as of the candidates themselves): no
  // object per candidate.
  const bounds = new Float64Array(candidates.length);
  for (let i = 0; i < candidates.length; i++) bounds[i] = relevanceBound(candidates[i]!);
  const ordered = highestFirst(bounds);
  const wanted = comparedCandidates(query.limit);
  const best: number[] = [];
  // The text factors lower a bound but one: a change told to a question about now raises it.
  const lift = factorCeiling(query);
  const voiced = { high: 0, low: 0 };
  const voices = query.voice === undefined ? [] : [query.voice, ...query.clauseVoices ?? []];
  const voicing = { voices, factors, into: voiced };
  for (let i = 0; i < ordered.length; i++) {
    const candidate = candidates[ordered[i]!]!;
    const bound = bounds[ordered[i]!]!;
    const floor = best.length < wanted ? 0 : best[wanted - 1]! * ratio;
    const replaced = candidate.record.superseded_by !== null;
    // The factors are read only for a candidate that could pass with the most they can give.
    const unread = bound * lift < floor && !replaced;
    if (!unread) voiceFactors(candidate, voicing);
    if (unread || (bound * voiced.high < floor && !replaced)) {
      candidate.alignment = UNALIGNED;
      continue;
    }
    candidate.alignment = align(candidate.record.content);
    if (!isKept(candidate)) continue;
    const score = relevance(candidate) * voiced.low;
    let at = best.length;
    while (at > 0 && best[at - 1]! < score) at--;
    if (at < wanted) best.splice(at, 0, score);
    if (best.length > wanted) best.pop();
  }
  return { words, vectors };
}

/**
 * How many query words word alignment weighs at most: the heaviest ones. Each is a cosine with
 * every word of each candidate, and a new query's words are new: a chat message of 2,000
 * characters (~330 words) aligned with twenty long memories stalled every search 2-6 s
 * (attack33 A5). A question of this many content words says what it asks with its rarest ones.
 */
export const ALIGNED_QUERY_WORDS = 32;

/** The `most` heaviest of `words` (the first of equal weights), in their own order. */
export function heaviestWords(words: WeightedWord[], most: number): WeightedWord[] {
  if (words.length <= most) return words;
  const order = words.map((_, i) => i).sort((a, b) => words[b]!.weight - words[a]!.weight || a - b);
  const kept = new Set(order.slice(0, most));
  return words.filter((_, i) => kept.has(i));
}

/**
 * The highest and lowest {@linkcode voiceFactor} a candidate can rank with for a query in one of
 * `voices` (none: no regard to voice; several: a question in clauses, `clauses.ts`): its own
 * voice's, except that a memory reached through a name may take the naming memory's voice
 * (`name_bridge.ts`), anything from 1 down to 1 − {@linkcode PERSPECTIVE}; times its own intent
 * and name factors (`text_factors.ts`: properties of its text).
 */
function voiceFactors(
  candidate: Candidate,
  options: {
    voices: readonly Voice[];
    factors: TextFactors;
    /** Where they go (one object for a search's candidates, not one each). */
    into: { high: number; low: number };
  },
): void {
  const { record } = candidate;
  const { voices, factors, into } = options;
  const intent = factors.intent(record) * factors.relative(record) * factors.changed(record) *
    factors.named(record) * factors.modified(record) * factors.headed(record);
  into.high = into.low = intent;
  if (voices.every((voice) => voice === "other")) return;
  if (candidate.bridge !== undefined) {
    into.low = intent * (1 - PERSPECTIVE);
    return;
  }
  const own = factors.voice(record);
  const unmarked = own === "other" && isUnmarkedNote(record.content);
  // No array of factors per candidate: read for most candidates of every search (perf72).
  let high = -Infinity;
  let low = Infinity;
  for (const voice of voices) {
    const factor = voiceFactor(voice, own, unmarked);
    high = Math.max(high, factor);
    low = Math.min(low, factor);
  }
  into.high = high * intent;
  into.low = low * intent;
}

/**
 * The query words word alignment weighs: a question-frame word's BM25 weight (its share
 * {@linkcode QUESTION_FRAME_WEIGHT}) brought to {@linkcode QUERY_FRAME_MEANING_WEIGHT}, and
 * the words left with no weight dropped, unless the query is made of frame words only.
 */
function meaningWords(
  weighted: WeightedWord[],
  frames: ReadonlySet<string>,
): WeightedWord[] {
  const factor = QUERY_FRAME_MEANING_WEIGHT / QUESTION_FRAME_WEIGHT;
  const meant = weighted.map((item) =>
    frames.has(stem(item.word)) ? { ...item, weight: item.weight * factor } : item
  ).filter((item) => item.weight > 0);
  return meant.length > 0 ? meant : weighted;
}

/**
 * Makes each word of a question that asks for an answer type (`answer_types.ts`: "job", "for a
 * living") match the type's members as kinds, under a key of its own ("type job": the best
 * cosines remembered per word are the word's own elsewhere).
 */
function askedAsTypes(
  weighted: WeightedWord[],
  types: { asked: readonly AskedType[]; members: TypeMembers },
  vectors: WordVectors,
): void {
  for (const { word, type } of types.asked) {
    // A word "what" or "which" asks for is aligned as a class already ("what job").
    const at = weighted.findIndex((item) => item.word === word || item.word === `what ${word}`);
    const typed = types.members.aligned.get(type);
    if (at < 0 || typed === undefined) continue;
    const item = weighted[at]!;
    const prepared = item.prepared ?? vectors.prepare(word);
    // The word in the type's sense: its other senses' relatives and class count less.
    const sense = prepared.related &&
      typeSense(
        prepared.related,
        types.members.all.get(type) ?? typed,
        (s) => vectors.unitOfStem(s),
      );
    const centroid = prepared.centroid && (sense?.centroid ?? prepared.centroid);
    weighted[at] = {
      word: `type ${item.word}`,
      weight: item.weight,
      prepared: { ...prepared, related: sense?.related, centroid, typeMembers: typed },
    };
  }
}

/**
 * Makes each word a question asks for an instance of (`askedClasses`: "what sport") match by
 * its class as well (`WordVectors.classCentroid`), under a key of its own ("what sport"; no word
 * of a memory or phrase, whose keys hold no stop word), since the best cosines remembered per
 * word (`best_matches.ts`) are the word's own elsewhere.
 */
function askedAsClasses(
  weighted: WeightedWord[],
  query: { text: string; vectors: WordVectors },
): void {
  for (const word of askedClasses(query.text)) {
    const at = weighted.findIndex((item) => item.word === word);
    const centroid = at < 0 ? undefined : query.vectors.classCentroid(word, true);
    if (centroid === undefined) continue;
    weighted[at] = {
      word: `what ${word}`,
      weight: weighted[at]!.weight,
      prepared: { ...query.vectors.prepare(word), centroid },
    };
  }
}
