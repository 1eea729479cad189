/**
 * Search: candidates from the backend (nearest vectors plus full-text hits), ranked by
 * `ranking.ts`, then each hit's access is recorded. Another persona's private memories are
 * never candidates, in any search.
 *
 * @module
 */
import { type Clock, isoTime } from "../clock.ts";
import type { Persona, PersonaService } from "../personas/mod.ts";
import type { MemoryBackend, RelevanceWeights } from "./backend.ts";
import type { Embedder } from "./embedder.ts";
import { rank } from "./rank.ts";
import { TextFactors } from "./text_factors.ts";
import { candidateReferents } from "./kept_referents.ts";
import { answersOf } from "./answer_memo.ts";
import { subjectOverlap } from "./subject_overlap.ts";
import type { CrossPersonaParams, SearchParams, Visibility } from "./schema.ts";
import { byCoverage, coveragePool, queryAspects } from "./coverage.ts";
import { unreplacedOf } from "./replaced_part.ts";
import { memberAspects } from "./class_members.ts";
import { queryClauses, voiceByClause } from "./clauses.ts";
import { queryVoice } from "./query.ts";
import { plainQuery } from "./meaning/answer_types.ts";
import { alignCandidates } from "./candidate_alignment.ts";
import { ownRecord, touchedRecord } from "./record_copy.ts";
import { broadPool, byToldContent } from "./broad_subject.ts";
import { negationShares } from "./negations.ts";
import { gatherCandidates, type RunFilter, type RunQuery } from "./search_candidates.ts";
import { searchQuestion } from "./search_question.ts";
import { queryAskedOfNamed } from "./other_things.ts";
import { currentContents } from "./search_pool.ts";
import { rankedInCascade } from "./search_cascade.ts";
import { budgetedHits, type HitBudget } from "./hit_budget.ts";
import {
  type CrossPersonaHit,
  explained,
  type Found,
  hit,
  type SearchHit,
  unseenLinks,
  visibleLinks,
  withChannels,
} from "./search_hits.ts";

export { type CrossPersonaHit, hit, type ScoreParts, type SearchHit } from "./search_hits.ts";
export { answersOf } from "./answer_memo.ts";
export { poolSize } from "./search_candidates.ts";
export type { HitBudget } from "./hit_budget.ts";

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

  /**
   * The ranking of `query` (`search_cascade.ts`: a compound question's parts, the encoder
   * cascade), each access counted unless `filter.touch` is false.
   */
  async #cascaded(persona: Persona, query: RunQuery, filter: RunFilter): Promise<Found[]> {
    const ranked = await rankedInCascade({ query, filter }, {
      embedder: this.#embedder,
      run: (one, oneFilter) => this.#run(persona, one, oneFilter),
    });
    // Candidates' records are the row cache's, frozen: the few ranked go on as records of the
    // caller's own, which it may change (`record_copy.ts`), unless it only reads them (`shared`).
    if (filter.shared !== true) { for (const item of ranked) item.record = ownRecord(item.record); }
    // Only a match counts as an access: a filler matched nothing, and counts protect from pruning.
    if (filter.touch !== false) await this.touch(ranked.filter((item) => !item.filler));
    return ranked;
  }

  async #run(
    persona: Persona,
    query: RunQuery,
    filter: RunFilter,
  ): Promise<Found[]> {
    // "for a living" asks for a job (`plainQuery`): the query as every channel reads it.
    query = { ...query, text: plainQuery(query.text) };
    const now = this.#clock.now();
    const gathered = await gatherCandidates(
      persona,
      { query, filter },
      { backend: this.#backend, embedder: this.#embedder },
    );
    const { words, analysed, candidateQuery, weigher, allowed } = gathered;
    const { phrases } = analysed;
    // The negations query and memory share (`negations.ts`), a small share of relevance.
    const negations = negationShares(query.text, allowed);
    if (negations) {
      for (let i = 0; i < allowed.length; i++) {
        allowed[i]!.negation = negations[i]!;
      }
    }
    const wanted = analysed.wanted;
    // What the question asks of each candidate, its broad subject and its voice.
    const { types, broad, several, voice, asked } = await searchQuestion(
      persona,
      { query, gathered },
      { personas: this.#personas, backend: this.#backend },
    );
    // Alignment's bound and ranking read the same candidates' names, intent, relative and voice.
    // Whose line a candidate opening with "he" or "she" is (`pronoun_referents.ts`).
    const referents = await candidateReferents(this.#backend, allowed.map((c) => c.record));
    const factors = new TextFactors({ ...asked, referents });
    // A question in clauses asks each in its own voice: a memory is judged by the one it answers.
    const clauses = voice === undefined ? [] : queryClauses(query.text);
    const clauseVoices = clauses.map((clause) => queryVoice(clause.text));
    const aligned = await alignCandidates(allowed, {
      ...asked,
      text: query.text,
      frames: analysed.frames,
      voice,
      phrases,
      candidateQuery,
      limit: filter.n,
      typed: wanted !== undefined || types !== undefined,
      types,
      factors,
      clauseVoices,
    }, { weigher, embedder: this.#embedder });
    const subjects = await subjectOverlap(
      allowed,
      { candidateQuery, limit: filter.n, factors, current: analysed.asksCurrent },
      { backend: this.#backend, embedder: this.#embedder },
    );
    const answers = answersOf(wanted, types, words);
    const best = rank(allowed, {
      now,
      limit: filter.n,
      pool: broad
        ? broadPool(filter.n)
        : aligned === undefined
        ? undefined
        : coveragePool(filter.n),
      voice,
      sameSubject: subjects,
      places: words,
      kinds: words,
      answers,
      intents: asked.intents,
      current: analysed.asksCurrent,
      queryTerms: analysed.terms,
      wanted,
      names: asked.names,
      askedOfNamed: broad || several
        ? undefined
        : queryAskedOfNamed({ ...analysed, text: query.text, names: asked.names ?? [] }, {
          pool: currentContents(allowed),
          answers,
        }),
      ownerNames: asked.ownerNames,
      relations: asked.relations,
      fill: filter.fill,
      own: asked.own,
      factors,
      clauseVoice: aligned && clauses.length > 0
        ? voiceByClause(clauseVoices, { ...aligned, clauses })
        : undefined,
      unreplaced: aligned && unreplacedOf(aligned),
    });
    // Fillers (`fill.ts`) come last and stay there: coverage moves matches only.
    let matches = best.filter((item) => !item.filler);
    if (broad || several) {
      const told = { terms: analysed.terms, candidateQuery, weigher, names: broad?.names };
      matches = await byToldContent(matches, told);
    }
    const covered = aligned === undefined ? matches.slice(0, filter.n) : byCoverage(matches, {
      ...aligned,
      aspects: queryAspects(query.text, aligned.words),
      members: memberAspects(query.text, allowed),
      limit: filter.n,
    });
    return withChannels([...covered, ...best.slice(matches.length)], allowed);
  }

  /**
   * Counts one access of each of `found` at `now` (default: the clock's now), in the store and
   * in the records given back.
   */
  async touch(found: readonly Found[], now: number = this.#clock.now()): Promise<void> {
    if (found.length === 0) return;
    const at = isoTime(now);
    await this.#backend.touch(found.map((item) => item.record), at);
    for (const item of found) item.record = touchedRecord(item.record, at);
  }

  /**
   * The persona's own memories for `params`. `voiced: false` ranks with no regard to the
   * query's voice (`ranking.ts`'s `voiceFactor`): a chat message's "I" is its sender's, not the
   * persona's. With `budget`, only the first hits whose JSON fits its bytes are given (one at
   * least, `budgetedHits`); accesses are counted for those alone.
   */
  async search(
    persona: Persona,
    params: SearchParams,
    options: { vector: Float32Array; voiced?: boolean; budget?: HitBudget; signal?: AbortSignal },
  ): Promise<SearchHit[]> {
    const ranked = await this.ranked(persona, params, { ...options, touch: false, fill: true });
    return await this.#sent(ranked, {
      view: (item) => params.explain ? explained(item) : hit(item),
      budget: options.budget,
    });
  }

  /**
   * The views of `ranked` a reply sends (those that fit `budget`, best first), each match among
   * them counted as an access: measured as sent, with the access counted.
   */
  async #sent<T>(
    ranked: readonly Found[],
    options: { view: (item: Found) => T; budget?: HitBudget },
  ): Promise<T[]> {
    const now = this.#clock.now();
    const at = isoTime(now);
    const views = ranked.map((item) =>
      options.view(item.filler ? item : { ...item, record: touchedRecord(item.record, at) })
    );
    const count = budgetedHits(views, options.budget);
    await this.touch(ranked.slice(0, count).filter((item) => !item.filler), now);
    return views.slice(0, count);
  }

  /**
   * The persona's own memories for `params`, ranked, with their records; `touch: false` counts
   * no access (a background job's look is not a use).
   */
  ranked(
    persona: Persona,
    params: SearchParams,
    options: {
      vector: Float32Array;
      touch: boolean;
      voiced?: boolean;
      fill?: boolean;
      weights?: RelevanceWeights;
      /** Who asks, when known (a chat's sender): `RunQuery.asker`. */
      asker?: string;
      /** Cancels the ranking of a compound question's further parts: `RunQuery.signal`. */
      signal?: AbortSignal;
      /** The records left shared and frozen, for a caller that only reads them (`RunFilter`). */
      shared?: boolean;
    },
  ): Promise<Found[]> {
    return this.#cascaded(persona, {
      text: params.query,
      vector: options.vector,
      othersVisibility: [],
      voiced: options.voiced,
      weights: options.weights,
      asker: options.asker,
      signal: options.signal,
    }, {
      n: params.n_results,
      minImportance: params.min_importance,
      memoryType: params.memory_type,
      touch: options.touch,
      fill: options.fill,
      shared: options.shared,
    });
  }

  /** Own memories plus other personas' shared/public ones, as the flags allow. */
  async searchCrossPersona(
    persona: Persona,
    params: CrossPersonaParams,
    options: { vector: Float32Array; budget?: HitBudget; signal?: AbortSignal },
  ): Promise<CrossPersonaHit[]> {
    const othersVisibility: Visibility[] = [];
    if (params.include_shared) othersVisibility.push("shared");
    if (params.include_public) othersVisibility.push("public");
    const ranked = await this.#cascaded(persona, {
      text: params.query,
      vector: options.vector,
      othersVisibility,
      signal: options.signal,
    }, { n: params.n_results, minImportance: params.min_importance, fill: true, touch: false });
    const names = new Map((await this.#personas.list()).map((item) => [item.id, item.name]));
    const unseen = await unseenLinks(this.#backend, persona, ranked, othersVisibility);
    const view = (item: Found): CrossPersonaHit => ({
      ...hit(item),
      // Another persona's private memories stay unseen: no link shows their ids (attack30 F4, R5).
      ...unseen.size === 0 ? {} : visibleLinks(item.record, unseen),
      source: item.record.persona_id === persona.id ? "own" : "cross_persona",
      source_persona_id: item.record.persona_id,
      source_persona_name: names.get(item.record.persona_id)!,
    });
    const named = ranked.filter((item) => names.has(item.record.persona_id));
    return await this.#sent(named, { view, budget: options.budget });
  }
}
