/**
 * A search's candidates: the query analysed, weighed (focal words, `focus.ts`) and sent to the
 * backend's channels, widened by expansion, replacements and name bridges, and cut to the memories
 * the persona may see. `search.ts` ranks them.
 *
 * @module
 */
import { focusFactors } from "./focus.ts";
import type { Persona } from "../personas/mod.ts";
import type { Candidate, CandidateQuery, MemoryBackend, RelevanceWeights } from "./backend.ts";
import type { Embedder } from "./embedder.ts";
import { type AnalysedQuery, analysedQuery } from "./query_analysis.ts";
import type { Visibility } from "./schema.ts";
import { bridgedCandidates } from "./name_bridge.ts";
import { WordVectors } from "./meaning/word_vectors.ts";
import { QueryWeights, rescaleLexical } from "./query_weights.ts";
import { replacementCandidates } from "./replacement_candidates.ts";
import { clamp } from "../numbers.ts";
import { factUpdateCandidates } from "./fact_updates.ts";
import { withStoreSlips } from "./store_slips.ts";
import {
  addNamedParts,
  namedVoices,
  relationBridges,
  sameBearerKind,
} from "./relation_expansion.ts";
import { kindBridges } from "./kind_bridges.ts";
import { familyBridges, withFamilyNames } from "./family_bridges.ts";
import { inLawBridges } from "./in_law_bridges.ts";
import { withAskedClassMembers } from "./class_member_data.ts";
import { shortFormCandidates } from "./store_short_forms.ts";
import type { Voice } from "./query.ts";

/** Candidates per retrieval path: ten per wanted result (AI Town's overfetch), 50 to 500. */
export function poolSize(wanted: number): number {
  return clamp(wanted * 10, 50, 500);
}

/** What a search looks for. */
export interface RunQuery {
  text: string;
  vector: Float32Array;
  othersVisibility: readonly Visibility[];
  voiced?: boolean;
  /**
   * Who asks, by name, when the server knows it (a chat's recall: the message's sender): the one
   * user of the store the question's "I" is (`user_names.ts`).
   */
  asker?: string;
  /** Relevance's weights for this query's vector (default: the embedder's own). */
  weights?: RelevanceWeights;
  /** What candidates' cosines are multiplied by (a cascade's first pass; default 1). */
  similarityScale?: number;
  /** The request's or chat turn's cancellation: a compound question's parts stop at it. */
  signal?: AbortSignal;
}

/** Which memories a search answers, how many, and whether it counts an access. */
export interface RunFilter {
  n: number;
  minImportance: number;
  memoryType?: string;
  touch?: boolean;
  /** Whether fewer matches than `n` are followed by others (`fill.ts`). */
  fill?: boolean;
  /**
   * Whether the ranked records stay the row cache's, shared and frozen, rather than copies of
   * the caller's own (`record_copy.ts`): for a caller that reads them and gives none out, as a
   * prompt's recall (its memories are a few of their fields), which saves a deep copy per hit.
   */
  shared?: boolean;
}

/** What {@linkcode gatherCandidates} found, with what the ranking reads again. */
export interface Gathered {
  words: WordVectors;
  analysed: AnalysedQuery;
  candidateQuery: CandidateQuery;
  weigher: QueryWeights;
  /** The candidates the persona may see, weighed and scaled as the query asks. */
  allowed: Candidate[];
  /** The voices some rank in, named for a relation the query asks about (`relation_expansion.ts`). */
  namedVoices: ReadonlyMap<string, Voice>;
}

/** The candidates of `asked.query` for `persona` (`asked.filter` bounds the pool). */
export async function gatherCandidates(
  persona: Persona,
  asked: { query: RunQuery; filter: RunFilter },
  deps: { backend: MemoryBackend; embedder: Embedder },
): Promise<Gathered> {
  const { query, filter } = asked;
  const words = await WordVectors.shared();
  const analysed = analysedQuery(query.text, words, { expand: !!deps.embedder.wordVectors });
  const { terms, priors } = analysed;
  const candidateQuery: CandidateQuery = {
    personaId: persona.id,
    othersVisibility: query.othersVisibility,
    vector: query.vector,
    embedder: deps.embedder.id,
    terms,
    priors,
    minImportance: filter.minImportance,
    memoryType: filter.memoryType,
    limit: poolSize(filter.n),
    // Other connections' commits: looked for at the first weights call, each candidates call.
    search: {},
  };
  // One read of the query's own terms' idfs for their every weighing (`query_weights.ts`).
  const weigher = new QueryWeights(deps.backend, candidateQuery);
  let expanded: { terms: readonly string[]; priors: readonly number[] } = analysed.expanded;
  if (terms.length > 1) {
    // The query's focal words weigh more (`focus.ts`), in BM25 and word alignment alike; a
    // relative follows the term it stands for.
    const factors = focusFactors(
      query.text,
      terms,
      await weigher.termWeights(candidateQuery),
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
  let shortForms: readonly string[] = [];
  if (deps.embedder.wordVectors) {
    // The persona's own words a slip away from the query's (`store_slips.ts`).
    const { terms: own, frames } = analysed;
    const slipped = await withStoreSlips(
      { sources: analysed.expanded.sources, ...expanded },
      { text: query.text, terms: own, frames, candidateQuery },
      {
        backend: deps.backend,
        vectors: {
          has: (word) => words.has(word),
          hasStem: (term) => words.unitOfStem(term) !== undefined || words.has(term),
        },
      },
    );
    expanded = { terms: slipped.terms, priors: slipped.priors };
    shortForms = slipped.shortForms ?? [];
    // A class asked for several facts reaches its members' words (`class_expansion.ts`).
    expanded = await withAskedClassMembers(query.text, { expanded, words });
  }
  // The names the persona's memories give the relations it asks about (`relation_expansion.ts`).
  const bridges = await relationBridges(
    { text: query.text, own: terms, candidateQuery },
    deps.backend,
  );
  // And the names they say are of a kind it asks about (`kind_bridges.ts`).
  bridges.push(
    ...await kindBridges({
      text: query.text,
      own: terms,
      candidateQuery,
      taken: new Set(bridges.map((bridge) => bridge.name)),
    }, deps.backend),
  );
  // And the names they give the relatives of one whose family it asks about (`family_bridges.ts`).
  const family = await familyBridges({
    text: query.text,
    own: terms,
    candidateQuery,
    taken: new Set(bridges.map((bridge) => bridge.name)),
  }, deps.backend);
  bridges.push(...family);
  const candidates = await deps.backend.candidates({ ...candidateQuery, ...expanded });
  if (expanded.terms.length > terms.length) {
    await rescaleLexical(candidates, {
      expanded: { ...candidateQuery, ...expanded },
      own: terms.length,
      weigher,
    });
  }
  // The memories holding the store's short forms of the query's words (`store_short_forms.ts`).
  candidates.push(
    ...await shortFormCandidates(candidates, candidateQuery, {
      backend: deps.backend,
      terms: shortForms,
    }),
  );
  // And the names they give the speaker's partner's relatives, their in-laws (`in_law_bridges.ts`).
  bridges.push(
    ...await inLawBridges({
      text: query.text,
      own: terms,
      candidateQuery,
      pool: candidates,
      asker: query.asker,
      taken: new Set(bridges.map((bridge) => bridge.name)),
    }, deps.backend),
  );
  await addNamedParts(candidates, bridges, {
    candidateQuery,
    backend: deps.backend,
    termWeights: (query) => weigher.termWeights(query),
    sameKind: sameBearerKind(words),
  });
  candidates.push(...await replacementCandidates(deps.backend, candidates, filter));
  candidates.push(
    ...await bridgedCandidates(candidates, candidateQuery, {
      candidates: (query) => deps.backend.candidates(query),
      termWeights: (query) => weigher.termWeights(query),
    }),
  );
  candidates.push(...await factUpdateCandidates(candidates, candidateQuery, { ...deps, words }));
  // Defence in depth: whatever a backend returns, others' private memories never leave here.
  const allowed = candidates.filter(({ record }) =>
    record.persona_id === persona.id ||
    (record.visibility !== "private" && query.othersVisibility.includes(record.visibility))
  );
  // An embedder with weights of its own (the sentence encoder's) weighs every candidate.
  const weights = query.weights ?? deps.embedder.weights;
  if (weights) { for (const candidate of allowed) candidate.weights = weights; }
  const scale = query.similarityScale;
  if (scale !== undefined) { for (const candidate of allowed) candidate.similarity *= scale; }
  const voices = namedVoices(
    allowed.filter((candidate) => candidate.record.persona_id === persona.id),
    bridges,
  );
  return {
    words,
    // A relative's line is about the family the question names: the relatives' names count as
    // names it asks about (`UNNAMED` spares the lines that hold them).
    analysed: withFamilyNames(analysed, family),
    candidateQuery,
    weigher,
    allowed,
    namedVoices: voices,
  };
}
