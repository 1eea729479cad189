/**
 * Names as bridges (a small coreference step, like the entity links of Zep or mem0): a memory
 * that introduces someone by a word of the query and a name ("my husband Tomas", "our neighbour
 * Ruth") makes the persona's other memories of that name ("Tomas designs libraries") answers to
 * the query too ("what does my husband do?"), though they share no word with it.
 *
 * After the first candidate pass, the best lexical matches are read for a capitalised word right
 * after a query word (apposition); each such name not in the query is looked up once more, by
 * the name alone, and the memories holding it join the pool, bridged from the memory that named
 * them: ranking gives them {@linkcode BRIDGE_SHARE} of its relevance when that is more than their
 * own. Bounded: {@linkcode BRIDGE_SOURCES} sources, {@linkcode BRIDGE_NAMES} names,
 * {@linkcode BRIDGE_PER_NAME} memories per name.
 *
 * @module
 */
import type { Candidate, CandidateQuery, MemoryBackend } from "./backend.ts";
import { termsOf } from "./terms_memo.ts";
import { rememberedByText } from "./text_memo.ts";

/** How many of the best lexical matches are read for names. */
export const BRIDGE_SOURCES = 5;
/** The most names looked up per search. */
export const BRIDGE_NAMES = 3;
/** The most memories one name brings into the pool. */
export const BRIDGE_PER_NAME = 4;
/**
 * A bridged memory gets this much of the naming memory's relevance, times the share of the
 * query's BM25 weight the word before the name carries (ranking.ts): it stands in for that word
 * only ("Rosa sent a letter" answers "my mother", not "where does my mother live").
 */
export const BRIDGE_SHARE = 0.8;

/** A word of letters (apostrophes and hyphens inside), with where it starts. */
const WORD = /[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu;
/** A capitalised word (a name; not "I"). */
const CAPITALISED = /^\p{Lu}\p{Ll}/u;
/** Spaces, no line break (a new line starts a new sentence). */
const SPACES_ONLY = /^[^\S\r\n]+$/u;

/**
 * The analysed terms of the names `content` gives right after one of `terms` ("my husband Tomas"
 * with `husband` gives `tomas`): a capitalised word (not "I") that follows a query term with
 * nothing but spaces between (no line break: a new line starts a new sentence), and is not a
 * query term itself.
 */
export function appositiveNames(
  content: string,
  terms: ReadonlySet<string>,
): Array<{ name: string; term: string }> {
  const names: Array<{ name: string; term: string }> = [];
  for (const { name, term } of namesAfterWords(content)) {
    if (terms.has(term) && !terms.has(name) && !names.some((found) => found.name === name)) {
      names.push({ name, term });
    }
  }
  return names;
}

/**
 * Every capitalised word (not "I") of `content` right after another word with nothing but
 * spaces between, as its first term (`name`) and the word before's (`term`), in order: what
 * {@linkcode appositiveNames} reads, whatever the query, remembered by text (a search reads the
 * best lexical matches, and the same memories come back search after search).
 */
const namesAfterWords = rememberedByText((content) => {
  const found: Array<{ name: string; term: string }> = [];
  // The word before is analysed only when a capitalised word follows it (most words are not).
  let before = "";
  let end = -1;
  for (const match of content.matchAll(WORD)) {
    const word = match[0];
    const start = match.index!;
    if (end >= 0 && CAPITALISED.test(word)) {
      const term = termsOf(before)[0];
      if (term !== undefined && SPACES_ONLY.test(content.slice(end, start))) {
        const name = termsOf(word)[0];
        if (name !== undefined) found.push({ name, term });
      }
    }
    before = word;
    end = start + word.length;
  }
  return Object.freeze(found);
});

/**
 * Marks the memories that the best lexical matches in `pool` name as bridged from the memory
 * that named them (`bridge`), and returns those the pool lacks as new candidates, their
 * lexical part 0 (they do not hold the query's words) and their vector similarity kept.
 */
export async function bridgedCandidates(
  pool: readonly Candidate[],
  query: CandidateQuery,
  backend: Pick<MemoryBackend, "candidates" | "termWeights">,
): Promise<Candidate[]> {
  const own = new Set(query.terms);
  const sources = pool.filter((candidate) => candidate.lexical > 0)
    .sort((a, b) => b.lexical - a.lexical).slice(0, BRIDGE_SOURCES);
  const names = new Map<string, { term: string; from: string }>();
  for (const source of sources) {
    for (const { name, term } of appositiveNames(source.record.content, own)) {
      if (names.size < BRIDGE_NAMES && !names.has(name)) {
        names.set(name, { term, from: source.record.id });
      }
    }
  }
  if (names.size === 0) return [];
  const weights = await backend.termWeights(query);
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  const known = new Map(pool.map((candidate) => [candidate.record.id, candidate]));
  const added: Candidate[] = [];
  for (const [name, { term, from }] of names) {
    const share = total > 0 ? (weights[query.terms.indexOf(term)] ?? 0) / total : 0;
    const bridge = { from, share };
    const found = await backend.candidates({
      ...query,
      terms: [name],
      priors: [1],
      limit: BRIDGE_PER_NAME,
    });
    for (const candidate of found) {
      if (candidate.lexical <= 0 || candidate.record.id === from) continue;
      const inPool = known.get(candidate.record.id);
      if (inPool) {
        inPool.bridge ??= bridge;
        continue;
      }
      const bridged = { ...candidate, lexical: 0, bridge };
      known.set(candidate.record.id, bridged);
      added.push(bridged);
    }
  }
  return added;
}
