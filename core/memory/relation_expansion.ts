/**
 * A question's own relation reaches the persona's memories of the name the store gives it
 * (issue 9, session 35): "what my son want to do for job" finds "Kuba want to be electrician"
 * when another memory says "our son Kuba is 16" (`relation_names.ts` reads such ties).
 *
 * Before the candidates are fetched, the memories that hold the relation words the question asks
 * about are read (one backend lookup, {@linkcode RELATION_SOURCES} memories, the BM25 index kept
 * in step with every write on every backend), and each name they give an asked relation joins
 * the query as a stand-in for the relation word: its BM25 weight {@linkcode RELATION_NAME_SHARE}
 * of that word's, whatever the name's own rarity (a rare name would otherwise outweigh the word
 * it stands for). Bounded: {@linkcode RELATION_NAMES} names a search.
 *
 * @module
 */
import type { CandidateQuery, MemoryBackend } from "./backend.ts";
import { askedRelations, namedRelations } from "./relation_names.ts";
import type { Candidate } from "./backend.ts";
import { type Voice, voiceOf } from "./query.ts";
import { termsOf } from "./terms_memo.ts";

/** How many memories holding an asked relation's words are read for the names they give it. */
export const RELATION_SOURCES = 24;
/** The most names a search adds for the relations it asks about ("the kids": two, often). */
export const RELATION_NAMES = 4;
/** A name's BM25 weight as a share of the relation word's it stands for. */
export const RELATION_NAME_SHARE = 0.8;

/** An expanded BM25 query: terms and their priors, the query's own terms first. */
export interface Expanded {
  terms: readonly string[];
  priors: readonly number[];
}

/** A name added for a relation, with the memory that gave it and the query term it stands for. */
export interface RelationBridge {
  name: string;
  term: string;
  from: string;
  /** The voice of the memory that gave it ("our son Kuba": the group's). */
  voice: Voice;
}

/**
 * `expanded` with the names the persona's memories give the relations `text` asks about (its
 * terms among `own`), and those names; unchanged, with none, when it asks about none or the
 * store names none.
 */
export async function withRelationNames(
  expanded: Expanded,
  asked: { text: string; own: readonly string[]; candidateQuery: CandidateQuery },
  deps: {
    backend: Pick<MemoryBackend, "candidates">;
    termWeights: (query: CandidateQuery) => Promise<number[]>;
  },
): Promise<{ expanded: Expanded; bridges: RelationBridge[] }> {
  const relations = askedRelations(asked.text).filter((one) => asked.own.includes(one.term));
  if (relations.length === 0) return { expanded, bridges: [] };
  const { candidateQuery } = asked;
  const lookedUp = [...new Set(relations.flatMap((one) => one.stems))];
  const sources = await deps.backend.candidates({
    ...candidateQuery,
    terms: lookedUp,
    priors: lookedUp.map(() => 1),
    limit: RELATION_SOURCES,
  });
  const taken = new Set(expanded.terms);
  const bridges: RelationBridge[] = [];
  for (const source of sources) {
    if (source.lexical <= 0 || source.record.persona_id !== candidateQuery.personaId) continue;
    for (const { name, relation } of namedRelations(source.record.content)) {
      const by = relations.find((one) => one.stems.includes(relation));
      if (by === undefined || taken.has(name) || bridges.length >= RELATION_NAMES) continue;
      taken.add(name);
      bridges.push({
        name,
        term: by.term,
        from: source.record.id,
        voice: voiceOf(source.record.content),
      });
    }
  }
  if (bridges.length === 0) return { expanded, bridges };
  // Each name weighs its share of the relation word's weight in this query: prior × idf alike.
  const at = bridges.map((bridge) => expanded.terms.indexOf(bridge.term));
  const relationWeights = await deps.termWeights({
    ...candidateQuery,
    terms: at.map((i) => expanded.terms[i]!),
    priors: at.map((i) => expanded.priors[i]!),
  });
  const nameWeights = await deps.termWeights({
    ...candidateQuery,
    terms: bridges.map((bridge) => bridge.name),
    priors: bridges.map(() => 1),
  });
  const priors = bridges.map((_, i) =>
    nameWeights[i]! > 0 ? RELATION_NAME_SHARE * relationWeights[i]! / nameWeights[i]! : 0
  );
  return {
    expanded: Object.freeze({
      terms: Object.freeze([...expanded.terms, ...bridges.map((bridge) => bridge.name)]),
      priors: Object.freeze([...expanded.priors, ...priors]),
    }),
    bridges,
  };
}

/**
 * The voices `candidates` told in no one's voice rank in when they hold a name of `bridges`
 * ("Kuba want to be electrician" in the voice of "our son Kuba is 16"): the fact of a relative
 * the question asks about is the speaker's own news, as "my son wants ..." would be. By id.
 */
export function namedVoices(
  candidates: readonly Candidate[],
  bridges: readonly RelationBridge[],
): Map<string, Voice> {
  const voices = new Map<string, Voice>();
  if (bridges.length === 0) return voices;
  for (const { record } of candidates) {
    if (record.id === undefined || voices.has(record.id)) continue;
    const held = termsOf(record.content);
    const bridge = bridges.find((one) => held.includes(one.name) && one.from !== record.id);
    if (bridge === undefined || bridge.voice === "other") continue;
    if (voiceOf(record.content) === "other") voices.set(record.id, bridge.voice);
  }
  return voices;
}
