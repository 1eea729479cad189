/**
 * A question for someone's family reaches the memories of the relatives the store names for them
 * (issue 9, session 41): "what's Jonah's family like" finds "Pauline's 70th is in August" when
 * another memory says "Jonah's mum Pauline lives in Hull" (`owned_family.ts` reads both).
 *
 * The names found are bridges of the same kind as the speaker's relations'
 * (`relation_expansion.ts`) and the kinds' (`kind_bridges.ts`): each stands for the question's
 * family word, and the memories holding it take the same part (`addNamedParts`) at
 * {@linkcode FAMILY_NAME_SHARE} of that word's weight, where they write it as a name
 * (`namesWritten`, `family_word_reading.ts`: "Hunter", not "the hunter in the novel"). One lexical-only lookup a question, and only a question that asks for a named owner's
 * family: {@linkcode FAMILY_SOURCES} memories holding the owner's name, at most
 * {@linkcode FAMILY_NAMES} names. A relative's tie outlives the news it came with ("Dev's got his
 * son Rudy on Tuesdays" replaced by "... Thursdays"), so a superseded memory's tie stands, as a
 * kind's does.
 *
 * @module
 */
import type { CandidateQuery, MemoryBackend } from "./backend.ts";
import {
  askedFamilyOwner,
  FAMILY_MEMBER_TERMS,
  FAMILY_WORDS,
  ownerRelatives,
} from "./owned_family.ts";
import type { RelationBridge } from "./relation_expansion.ts";
import { voiceOf } from "./query.ts";
import { tokensOf } from "./relation_names.ts";
import { queryTerms } from "./lexical_index.ts";

/** How many memories holding the owner's name are read for the relatives they name. */
export const FAMILY_SOURCES = 32;
/**
 * A member word's prior in the lookup of the owner's lines, beside the name's 1: enough to put the
 * owner's lines that name a relative first, too little for a member word alone to outweigh the
 * name.
 */
export const FAMILY_MEMBER_PRIOR = 0.25;
/** The most relatives' names a search adds for the family it asks about. */
export const FAMILY_NAMES = 4;
/**
 * A relative's name's BM25 weight as a share of the family word's it stands for: all of it. The
 * store itself says the name is one of the family ("Jonah's mum Pauline"), where a relation's
 * name (`RELATION_NAME_SHARE`, 0.6) stands for one word of a class and a kind's for a guess. In
 * process (session 41): multi-set17 MRR +.025 at 0.6, +.066 at 1 (both modes); 0.3 lost half
 * multi-set20's gain; held-out totals level at each.
 */
export const FAMILY_NAME_SHARE = 1;

/** The query as `familyBridges` reads it: its text and own terms. */
export interface FamilyQuestion {
  text: string;
  own: readonly string[];
  candidateQuery: CandidateQuery;
  /** Names already bridged (a relation's or a kind's): not bridged again. */
  taken?: ReadonlySet<string>;
}

/**
 * The names the persona's memories give the relatives of the one person whose family
 * `asked.text` asks about ({@linkcode askedFamilyOwner}), each a bridge for the question's family
 * word: one lexical lookup by the owner's name. None when it asks about no one's family.
 */
export async function familyBridges(
  asked: FamilyQuestion,
  backend: Pick<MemoryBackend, "candidates">,
): Promise<RelationBridge[]> {
  const owner = askedFamilyOwner(asked.text);
  if (owner === undefined || !asked.own.includes(owner)) return [];
  const term = familyTerm(asked.text, asked.own);
  if (term === undefined) return [];
  return await relativeBridges({
    owner,
    term,
    candidateQuery: asked.candidateQuery,
    taken: new Set([...asked.own, ...asked.taken ?? []]),
  }, backend);
}

/**
 * The names the persona's memories give the relatives of `asked.owner` (a name term), each a
 * bridge for `asked.term` at {@linkcode FAMILY_NAME_SHARE}: one lexical lookup of
 * {@linkcode FAMILY_SOURCES} memories by the owner's name, member words at
 * {@linkcode FAMILY_MEMBER_PRIOR}; at most {@linkcode FAMILY_NAMES}, none of `asked.taken`. The
 * owner is one a question names ({@linkcode familyBridges}) or the speaker's partner, whose
 * family are the speaker's in-laws (`in_law_bridges.ts`).
 */
export async function relativeBridges(
  asked: {
    owner: string;
    term: string;
    candidateQuery: CandidateQuery;
    taken: ReadonlySet<string>;
  },
  backend: Pick<MemoryBackend, "candidates">,
): Promise<RelationBridge[]> {
  const { owner, term, candidateQuery } = asked;
  const sources = await backend.candidates({
    ...candidateQuery,
    // The owner's lines that name a relative first: a member word weighs a share of the name.
    terms: [owner, ...FAMILY_MEMBER_TERMS],
    priors: [1, ...FAMILY_MEMBER_TERMS.map(() => FAMILY_MEMBER_PRIOR)],
    limit: FAMILY_SOURCES,
    lexicalOnly: true,
  });
  const taken = new Set(asked.taken);
  const bridges: RelationBridge[] = [];
  for (const { record, lexical } of sources) {
    if (lexical <= 0 || record.persona_id !== candidateQuery.personaId) continue;
    for (const { owner: whose, name } of ownerRelatives(record.content)) {
      if (whose !== owner || taken.has(name) || bridges.length >= FAMILY_NAMES) continue;
      taken.add(name);
      bridges.push({
        name,
        term,
        stems: [term],
        from: record.id,
        voice: voiceOf(record.content),
        share: FAMILY_NAME_SHARE,
        asName: true,
      });
    }
  }
  return bridges;
}

/**
 * `analysed` with the names of `family` (its bridges) among the names the question asks about:
 * a line about a relative of the owner ("Pauline's 70th is in August") is about the family asked
 * for, not about someone else. `analysed` itself when there are none.
 */
export function withFamilyNames<T extends { names: readonly string[] }>(
  analysed: T,
  family: readonly RelationBridge[],
): T {
  if (family.length === 0 || analysed.names.length === 0) return analysed;
  const names = [...new Set([...analysed.names, ...family.map((bridge) => bridge.name)])];
  return { ...analysed, names: Object.freeze(names) };
}

/** The query's own term for its family word ("family": "famili"), if it is one of `own`. */
function familyTerm(text: string, own: readonly string[]): string | undefined {
  for (const token of tokensOf(text)) {
    if (!FAMILY_WORDS.has(token.folded)) continue;
    const said = queryTerms(token.raw)[0];
    const term = own.find((one) => one === said);
    if (term !== undefined) return term;
  }
  return undefined;
}
