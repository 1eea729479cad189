/**
 * A second, small lookup for unlinked updates (`unlinked_updates.ts`): the newer memory that
 * changes a fact often shares no word with the question ("Dario moved out and now I live on my
 * own" for "Who is my flatmate?", which "I share a flat with my cousin Dario" answers), so it is
 * no candidate, or no match. Once the fact is found, its own words find it: the best found facts
 * in the persona's or the group's voice are looked up once more by their own terms, and the newer
 * memories that hold one of them and tell a change (or an ending, `ending_events.ts`, a move,
 * `moved_home.ts`, or a decision settling the fact's open choice, `settled_choices.ts`) become
 * candidates marked with the fact (`fact`). Ranking compares them with that fact alone, by the
 * rules of every unlinked update.
 *
 * @module
 */
import type { Candidate, CandidateQuery, MemoryBackend } from "./backend.ts";
import { inComparedVoice } from "./update_voices.ts";
import { isKept, relevance } from "./ranking.ts";
import { termsOf } from "./terms_memo.ts";
import { CHANGE_KIND, ENDING_KIND, MOVE_KIND, updateKindsOfText } from "./update_kinds.ts";
import { settlesChoice } from "./settled_choices.ts";
import type { WordVectors } from "./meaning/word_vectors.ts";

/** The kinds of update a memory a fact's words found must tell: a change, an ending, a move. */
const FACT_CHANGE_KINDS = CHANGE_KIND | ENDING_KIND | MOVE_KIND;

/** How many of the best found facts are looked up by their own words. */
export const LOOKED_UP_FACTS = 1;
/** The most memories one fact's lookup reads. */
export const FACT_LOOKUP_LIMIT = 8;
/** The most of a fact's terms its lookup reads by. */
export const FACT_LOOKUP_TERMS = 4;

/**
 * The terms a fact is looked up by: its own that the query does not say (the query's found their
 * memories already), the {@linkcode FACT_LOOKUP_TERMS} most informative in English at large (a
 * name, an object: "Dario", "ThinkPad"), so the lookup reads few postings.
 */
export function lookupTerms(
  factTerms: readonly string[],
  queryTerms: readonly string[],
  words: Pick<WordVectors, "stemInformativeness">,
): string[] {
  const asked = new Set(queryTerms);
  return factTerms.filter((term) => !asked.has(term))
    .map((term) => ({ term, weight: words.stemInformativeness(term) }))
    .sort((a, b) => b.weight - a.weight || (a.term < b.term ? -1 : 1))
    .slice(0, FACT_LOOKUP_TERMS)
    .map(({ term }) => term);
}

/**
 * The newer memories that the best found facts of `pool` (kept, in `UPDATE_VOICES`) find by
 * their own terms and that tell a change, an ending or a move (`update_kinds.ts`): those the
 * pool lacks as new candidates
 * (their lexical part 0: they do not hold the query's words; their vector similarity to the
 * query kept), each marked with its fact (`fact`); those in the pool marked too.
 */
export async function factUpdateCandidates(
  pool: readonly Candidate[],
  query: CandidateQuery,
  deps: { backend: Pick<MemoryBackend, "candidates">; words: WordVectors },
): Promise<Candidate[]> {
  const facts = bestFacts(pool);
  if (facts.length === 0) return [];
  const known = new Map(pool.map((candidate) => [candidate.record.id, candidate]));
  const added: Candidate[] = [];
  for (const fact of facts) {
    const terms = lookupTerms(termsOf(fact.content), query.terms, deps.words);
    if (terms.length === 0) continue;
    const found = await deps.backend.candidates({
      ...query,
      terms,
      priors: terms.map((term) => deps.words.stemInformativeness(term)),
      limit: FACT_LOOKUP_LIMIT,
      lexicalOnly: true,
    });
    for (const candidate of found) {
      const { record } = candidate;
      if (
        candidate.lexical <= 0 || record.created_at <= fact.created_at ||
        record.persona_id !== fact.persona_id ||
        !changesFoundFact(fact, record)
      ) continue;
      const inPool = known.get(record.id);
      if (inPool) {
        inPool.fact ??= fact.id;
        continue;
      }
      const update = { ...candidate, lexical: 0, fact: fact.id };
      known.set(record.id, update);
      added.push(update);
    }
  }
  return added;
}

/**
 * Whether a memory a fact's words found tells a change, an ending or a move
 * ({@linkcode FACT_CHANGE_KINDS}), or settles the choice that fact left open (`settlesChoice`:
 * read of this fact alone, so a decision joins no other fact's lookup).
 */
function changesFoundFact(fact: Candidate["record"], record: Candidate["record"]): boolean {
  if ((updateKindsOfText(record.content) & FACT_CHANGE_KINDS) !== 0) return true;
  return settlesChoice({
    older: fact.content,
    newer: record.content,
    olderAt: fact.created_at,
    newerAt: record.created_at,
  });
}

/**
 * The {@linkcode LOOKED_UP_FACTS} most relevant kept candidates of `pool` in a compared voice
 * ({@linkcode inComparedVoice}), ties in pool order.
 */
function bestFacts(pool: readonly Candidate[]): Candidate["record"][] {
  return pool.filter((candidate) => isKept(candidate) && inComparedVoice(candidate.record.content))
    .map((candidate) => ({ candidate, relevance: relevance(candidate) }))
    .sort((a, b) => b.relevance - a.relevance)
    .slice(0, LOOKED_UP_FACTS)
    .map(({ candidate }) => candidate.record);
}
