/**
 * Search: candidates from the backend (nearest vectors plus full-text hits), ranked by
 * `ranking.ts`, then each hit's access is recorded. Another persona's private memories are
 * never candidates, in any search.
 *
 * @module
 */
import { focusFactors } from "./focus.ts";
import { type Clock, isoTime } from "../clock.ts";
import { clamp, roundTo } from "../numbers.ts";
import type { Persona, PersonaService } from "../personas/mod.ts";
import type { Candidate, CandidateQuery, MemoryBackend } from "./backend.ts";
import type { Embedder } from "./embedder.ts";
import {
  comparedCandidates,
  isKept,
  nudge,
  outscoreRatio,
  PERSPECTIVE,
  QUERY_FRAME_MEANING_WEIGHT,
  relevance,
  relevanceBound,
  vectorPart,
  voiceFactor,
} from "./ranking.ts";
import { intentFactor, nameFactor, rank, type Ranked } from "./rank.ts";
import { askedClasses, namesAnswer, QUESTION_FRAME_WEIGHT, type Voice, voiceOf } from "./query.ts";
import { preparedPhrase, type QueryPhrase } from "./expansion.ts";
import { analysedQuery } from "./query_analysis.ts";
import {
  type CrossPersonaParams,
  type MemoryRecord,
  type MemoryView,
  type SearchParams,
  toView,
  type Visibility,
} from "./schema.ts";
import { termsOf } from "./terms_memo.ts";
import { stem } from "./text.ts";
import { bridgedCandidates } from "./name_bridge.ts";
import { ownerNameTerms, personaNameTerms } from "./owner_names.ts";
import { byCoverage, coveragePool, queryAspects } from "./coverage.ts";
import {
  STEMS_ONLY,
  subjectComparer,
  type SubjectOverlap,
  weightedQuery,
  type WeightedWord,
  type WordMeanings,
} from "./meaning/alignment.ts";
import { queryAligner } from "./meaning/query_aligner.ts";
import { WordVectors } from "./meaning/word_vectors.ts";

/** A search result: the memory, its score (0..1) and its relevance to the query (0..1). */
export interface SearchHit extends MemoryView {
  score: number;
  relevance: number;
  /** The parts of `score`, with `explain: true` (see {@linkcode ScoreParts}). */
  score_parts?: ScoreParts;
}

/**
 * The parts of a hit's score (`memory.search` with `explain: true`), each rounded to 4 places:
 * `score = relevance · nudge · adjustment`, where `relevance` is the weighted sum of the
 * channels (`lexical`, `alignment` when the local embedder aligns words, `vector`) or the
 * relevance handed on from a memory this one replaces, `nudge` comes from `importance` and
 * `recency`, and `adjustment` is every other factor of the ranking (a replaced memory's halving;
 * 1 when none applies). See `ranking.ts`.
 */
export interface ScoreParts {
  /** Normalised BM25 of the query's words, 0..1. */
  lexical: number;
  /** Word alignment in meaning, 0..1 (local embedder only). */
  alignment?: number;
  /** The vector channel: the cosine above the floor, rescaled to 0..1. */
  vector: number;
  /** The raw cosine of the query's and the memory's vectors, -1..1. */
  similarity: number;
  relevance: number;
  importance: number;
  /** 0.995^(hours since the memory was created). */
  recency: number;
  /** 1 ± 0.1 from importance and recency. */
  nudge: number;
  adjustment: number;
}

/** A ranked memory and the candidate it was ranked from (its channels). */
type Found = Ranked & { channels: Candidate };

/** A cross-persona hit also says whose memory it is. */
export interface CrossPersonaHit extends SearchHit {
  source: "own" | "cross_persona";
  source_persona_id: string;
  source_persona_name: string;
}

/** The alignment of a candidate search did not need to align. */
const UNALIGNED = { score: 0, strongest: 0 } as const;

/** How far a chain of replacements (a replaced by b replaced by c ...) is followed. */
const MAX_SUPERSESSION_HOPS = 8;

/** Candidates per retrieval path: ten per wanted result (AI Town's overfetch), 50 to 500. */
export function poolSize(wanted: number): number {
  return clamp(wanted * 10, 50, 500);
}

/** Runs searches for the memory service. */
export class Searcher {
  readonly #backend: MemoryBackend;
  readonly #embedder: Embedder;
  readonly #clock: Clock;
  readonly #personas: PersonaService;

  /** A searcher over `deps.backend`. */
  constructor(
    deps: { backend: MemoryBackend; embedder: Embedder; clock: Clock; personas: PersonaService },
  ) {
    this.#backend = deps.backend;
    this.#embedder = deps.embedder;
    this.#clock = deps.clock;
    this.#personas = deps.personas;
  }

  async #run(
    persona: Persona,
    query: {
      text: string;
      vector: Float32Array;
      othersVisibility: readonly Visibility[];
      voiced?: boolean;
    },
    filter: { n: number; minImportance: number; memoryType?: string; touch?: boolean },
  ): Promise<Found[]> {
    const now = this.#clock.now();
    const words = await WordVectors.shared();
    const analysed = analysedQuery(query.text, words, { expand: !!this.#embedder.wordVectors });
    const { terms, priors, phrases } = analysed;
    const candidateQuery: CandidateQuery = {
      personaId: persona.id,
      othersVisibility: query.othersVisibility,
      vector: query.vector,
      embedder: this.#embedder.id,
      terms,
      priors,
      minImportance: filter.minImportance,
      memoryType: filter.memoryType,
      limit: poolSize(filter.n),
    };
    let expanded: { terms: readonly string[]; priors: readonly number[] } = analysed.expanded;
    if (terms.length > 1) {
      // The query's focal words weigh more (`focus.ts`), in BM25 and word alignment alike; a
      // relative follows the term it stands for.
      const factors = focusFactors(
        query.text,
        terms,
        await this.#backend.termWeights(candidateQuery),
      );
      const { sources } = analysed.expanded;
      candidateQuery.priors = Object.freeze(priors.map((prior, i) => prior * factors[i]!));
      expanded = Object.freeze({
        terms: analysed.expanded.terms,
        priors: Object.freeze(
          analysed.expanded.priors.map((prior, i) =>
            sources[i]! >= 0 ? prior * factors[sources[i]!]! : prior
          ),
        ),
      });
    }
    const candidates = await this.#backend.candidates({ ...candidateQuery, ...expanded });
    if (expanded.terms.length > terms.length) {
      await this.#rescaleLexical(candidates, { ...candidateQuery, ...expanded }, terms.length);
    }
    candidates.push(...await this.#replacements(candidates, filter));
    candidates.push(...await bridgedCandidates(candidates, candidateQuery, this.#backend));
    // Defence in depth: whatever a backend returns, others' private memories never leave here.
    const allowed = candidates.filter(({ record }) =>
      record.persona_id === persona.id ||
      (record.visibility !== "private" && query.othersVisibility.includes(record.visibility))
    );
    const wanted = analysed.wanted;
    // The persona's own name or nickname ("Marie, do you still ...?") is whom a message is
    // addressed to. Another persona's memories hold its names ("I love jazz" of Kira's).
    const ownName = new Set(personaNameTerms(persona));
    const names = analysed.names.filter((name) => !ownName.has(name));
    const ownerNames = names.length > 0 && allowed.some((c) => c.record.persona_id !== persona.id)
      ? ownerNameTerms(await this.#personas.list())
      : undefined;
    const voice = query.voiced === false ? undefined : analysed.voice;
    const intents = !analysed.asksIntent;
    const aligned = await this.#align(allowed, {
      text: query.text,
      frames: analysed.frames,
      voice,
      intents,
      names,
      ownerNames,
      phrases,
      candidateQuery,
      limit: filter.n,
      typed: wanted !== undefined,
    });
    const subjects = await this.#subjects(allowed, { candidateQuery, limit: filter.n });
    const best = rank(allowed, {
      now,
      limit: filter.n,
      pool: aligned === undefined ? undefined : coveragePool(filter.n),
      voice,
      sameSubject: subjects,
      answers: wanted === undefined ? undefined : (content) => namesAnswer(content, wanted, words),
      intents,
      current: analysed.asksCurrent,
      names,
      ownerNames,
    });
    const ranked = withChannels(
      aligned === undefined ? best : byCoverage(best, {
        ...aligned,
        aspects: queryAspects(query.text, aligned.words),
        limit: filter.n,
      }),
      allowed,
    );
    if (filter.touch !== false) await this.touch(ranked, now);
    return ranked;
  }

  /**
   * Counts one access of each of `found` at `now` (default: the clock's now), in the store and
   * in the records given back.
   */
  async touch(found: readonly Found[], now: number = this.#clock.now()): Promise<void> {
    if (found.length === 0) return;
    const at = isoTime(now);
    await this.#backend.touch(found.map((item) => item.record), at);
    for (const item of found) {
      item.record = {
        ...item.record,
        accessed_count: item.record.accessed_count + 1,
        last_accessed: at,
      };
    }
  }

  /**
   * Makes each candidate's `lexical` relative to the query's own terms: the backend normalised
   * BM25 by the summed weight of the expanded query (its own terms plus their relatives, the
   * first `own` terms being its own), so a memory holding every query term still scores 1 and
   * relatives add to it.
   */
  async #rescaleLexical(
    candidates: Candidate[],
    query: CandidateQuery,
    own: number,
  ): Promise<void> {
    const weights = await this.#backend.termWeights(query);
    let ownTotal = 0;
    let total = 0;
    weights.forEach((weight, i) => {
      total += weight;
      if (i < own) ownTotal += weight;
    });
    if (ownTotal <= 0) return;
    for (const candidate of candidates) {
      candidate.lexical = Math.min(1, candidate.lexical * total / ownTotal);
    }
  }

  /**
   * Sets each candidate's word alignment, when the embedder has word vectors. Best bound first;
   * a candidate that could not reach the best ones' voice-weighted scores even fully aligned
   * ({@linkcode outscoreRatio}: wider for a question with an answer type) is left unaligned
   * (alignment 0), unless a newer memory replaces it (its relevance passes on).
   */
  async #align(
    candidates: Candidate[],
    query: {
      text: string;
      /** The query's frame terms (`frameTerms`). */
      frames: ReadonlySet<string>;
      voice: Voice | undefined;
      /** Whether memories that tell a wish or a plan lose `INTENT` (`ranking.ts`). */
      intents: boolean;
      /** The names the query asks about: a memory holding none loses `UNNAMED`. */
      names: readonly string[];
      /** The name terms of each memory's owner persona (`personaNameTerms`). */
      ownerNames?: ReadonlyMap<string, readonly string[]>;
      phrases: readonly QueryPhrase[];
      candidateQuery: CandidateQuery;
      limit: number;
      /** Whether the query has an answer type (`answerType`): ranking's bound is wider. */
      typed: boolean;
    },
  ): Promise<{ words: WeightedWord[]; vectors: WordMeanings } | undefined> {
    if (!this.#embedder.wordVectors || candidates.length === 0) return undefined;
    const vectors = await this.#embedder.wordVectors();
    const { terms } = query.candidateQuery;
    const termWeights = await this.#backend.termWeights(query.candidateQuery);
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
    const align = queryAligner(weighted, vectors);
    const ratio = outscoreRatio(query.typed);
    const ordered = candidates.map((candidate) => ({ candidate, bound: relevanceBound(candidate) }))
      .sort((a, b) => b.bound - a.bound);
    const wanted = comparedCandidates(query.limit);
    const best: number[] = [];
    for (const { candidate, bound } of ordered) {
      const floor = best.length < wanted ? 0 : best[wanted - 1]! * ratio;
      const replaced = candidate.record.superseded_by !== null;
      // The voice only lowers a bound: it is read only for a candidate that passes without it.
      const voiced = bound < floor && !replaced ? undefined : voiceFactors(candidate, query);
      if (voiced === undefined || (bound * voiced.high < floor && !replaced)) {
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
    return { words: weighted, vectors };
  }

  /**
   * How much two candidates are about the same thing ({@linkcode sameSubject}), their words
   * weighted like query words in the persona's memories (BM25 weights, one backend call for
   * the words of the candidates ranking compares: the best ones in the persona's own voice).
   */
  async #subjects(
    candidates: readonly Candidate[],
    query: { candidateQuery: CandidateQuery; limit: number },
  ): Promise<(a: MemoryRecord, b: MemoryRecord) => SubjectOverlap> {
    const words = await WordVectors.shared();
    const vectors: WordMeanings = this.#embedder.wordVectors
      ? await this.#embedder.wordVectors()
      : STEMS_ONLY;
    const compared = candidates.filter((c) => voiceOf(c.record.content) === "self")
      .sort((a, b) => relevance(b) - relevance(a))
      .slice(0, comparedCandidates(query.limit));
    const allTerms = [...new Set(compared.flatMap((c) => termsOf(c.record.content)))];
    const weights = await this.#backend.termWeights({
      ...query.candidateQuery,
      terms: allTerms,
      priors: allTerms.map((term) => words.stemInformativeness(term)),
    });
    const weightOf = new Map(allTerms.map((term, i) => [term, weights[i] ?? 0]));
    const compare = subjectComparer({
      vectors,
      weightOf: (_word, wordStem) => weightOf.get(wordStem) ?? 0,
    });
    return (a, b) => compare(a.content, b.content);
  }

  /**
   * The memories that replace candidates but were not found themselves (following chains), as
   * candidates of their own: ranking hands them the relevance of what they replace.
   */
  async #replacements(
    candidates: readonly Candidate[],
    filter: { minImportance: number; memoryType?: string },
  ): Promise<Candidate[]> {
    const known = new Set(candidates.map((candidate) => candidate.record.id));
    const added: Candidate[] = [];
    let pending = candidates.map((candidate) => candidate.record.superseded_by);
    for (let hops = 0; hops < MAX_SUPERSESSION_HOPS && pending.length > 0; hops++) {
      const next: Array<string | null> = [];
      for (const id of new Set(pending)) {
        if (id === null || known.has(id)) continue;
        known.add(id);
        const record = await this.#backend.get(id);
        if (
          !record || record.importance < filter.minImportance ||
          (filter.memoryType !== undefined && record.memory_type !== filter.memoryType)
        ) continue;
        added.push({ record, similarity: 0, lexical: 0 });
        next.push(record.superseded_by);
      }
      pending = next;
    }
    return added;
  }

  /**
   * The persona's own memories for `params`. `voiced: false` ranks with no regard to the
   * query's voice (`ranking.ts`'s `voiceFactor`): a chat message's "I" is its sender's, not the
   * persona's.
   */
  async search(
    persona: Persona,
    params: SearchParams,
    options: { vector: Float32Array; voiced?: boolean },
  ): Promise<SearchHit[]> {
    const ranked = await this.ranked(persona, params, { ...options, touch: true });
    return ranked.map((item) => params.explain ? explained(item) : hit(item));
  }

  /**
   * The persona's own memories for `params`, ranked, with their records; `touch: false` counts
   * no access (a background job's look is not a use).
   */
  ranked(
    persona: Persona,
    params: SearchParams,
    options: { vector: Float32Array; touch: boolean; voiced?: boolean },
  ): Promise<Found[]> {
    return this.#run(persona, {
      text: params.query,
      vector: options.vector,
      othersVisibility: [],
      voiced: options.voiced,
    }, {
      n: params.n_results,
      minImportance: params.min_importance,
      memoryType: params.memory_type,
      touch: options.touch,
    });
  }

  /** Own memories plus other personas' shared/public ones, as the flags allow. */
  async searchCrossPersona(
    persona: Persona,
    params: CrossPersonaParams,
    vector: Float32Array,
  ): Promise<CrossPersonaHit[]> {
    const othersVisibility: Visibility[] = [];
    if (params.include_shared) othersVisibility.push("shared");
    if (params.include_public) othersVisibility.push("public");
    const ranked = await this.#run(persona, { text: params.query, vector, othersVisibility }, {
      n: params.n_results,
      minImportance: params.min_importance,
    });
    const names = new Map((await this.#personas.list()).map((item) => [item.id, item.name]));
    return ranked
      .filter((item) => names.has(item.record.persona_id))
      .map((item) => ({
        ...hit(item),
        source: item.record.persona_id === persona.id ? "own" : "cross_persona",
        source_persona_id: item.record.persona_id,
        source_persona_name: names.get(item.record.persona_id)!,
      }));
  }
}

/**
 * The highest and lowest {@linkcode voiceFactor} a candidate can rank with for a query in
 * `voice`: its own voice's, except that a memory reached through a name may take the naming
 * memory's voice (`name_bridge.ts`), anything from 1 down to 1 − {@linkcode PERSPECTIVE}; times
 * its own {@linkcode intentFactor} and {@linkcode nameFactor} (properties of its text).
 */
function voiceFactors(
  candidate: Candidate,
  query: {
    voice: Voice | undefined;
    intents: boolean;
    names: readonly string[];
    ownerNames?: ReadonlyMap<string, readonly string[]>;
  },
): { high: number; low: number } {
  const { voice } = query;
  const { content, persona_id } = candidate.record;
  const intent = intentFactor(query.intents, content) *
    nameFactor(query.names, content, query.ownerNames?.get(persona_id));
  if (voice === undefined || voice === "other") return { high: intent, low: intent };
  if (candidate.bridge !== undefined) return { high: intent, low: intent * (1 - PERSPECTIVE) };
  const own = voiceFactor(voice, voiceOf(content)) * intent;
  return { high: own, low: own };
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

/** The hit `memory.search` answers with for a ranked memory. */
export function hit(item: Ranked): SearchHit {
  return {
    ...toView(item.record),
    score: roundTo(item.score, 4),
    relevance: roundTo(item.relevance, 4),
  };
}

/** `ranked` with the candidate each was ranked from (the first one of its id, as ranking). */
function withChannels(ranked: Ranked[], candidates: readonly Candidate[]): Found[] {
  const byId = new Map<string, Candidate>();
  for (const candidate of candidates) {
    if (!byId.has(candidate.record.id)) byId.set(candidate.record.id, candidate);
  }
  return ranked.map((item) => ({ ...item, channels: byId.get(item.record.id)! }));
}

/** A hit with its {@linkcode ScoreParts}. */
function explained(item: Found): SearchHit {
  const { lexical, similarity, alignment } = item.channels;
  const moved = nudge(item.record.importance, item.recency);
  const base = item.relevance * moved;
  return {
    ...hit(item),
    score_parts: {
      lexical: roundTo(lexical, 4),
      ...(alignment === undefined ? {} : { alignment: roundTo(alignment.score, 4) }),
      vector: roundTo(vectorPart(similarity), 4),
      similarity: roundTo(similarity, 4),
      relevance: roundTo(item.relevance, 4),
      importance: item.record.importance,
      recency: roundTo(item.recency, 4),
      nudge: roundTo(moved, 4),
      adjustment: roundTo(base > 0 ? item.score / base : 1, 4),
    },
  };
}
