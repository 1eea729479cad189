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
import { namesWritten } from "./family_word_reading.ts";
import type { CandidateQuery, MemoryBackend } from "./backend.ts";
import { askedRelations, namedRelations } from "./relation_names.ts";
import { namedKinds } from "./kind_names.ts";
import type { Candidate } from "./backend.ts";
import { type Voice, voiceOf } from "./query.ts";
import { termsOf } from "./terms_memo.ts";
import { holdsName } from "./relation_owners.ts";
import { ownerRelatives } from "./owned_family.ts";

/** How many memories holding an asked relation's words are read for the names they give it. */
export const RELATION_SOURCES = 24;
/** The most names a search adds for the relations it asks about ("the kids": two, often). */
export const RELATION_NAMES = 4;
/** A name's BM25 weight as a share of the relation word's it stands for. */
export const RELATION_NAME_SHARE = 0.6;

/** A name added for a relation, with the memory that gave it and the query term it stands for. */
export interface RelationBridge {
  name: string;
  term: string;
  /** The relation words' stems the term covers ("kid": "son", "daughter", ...). */
  stems: readonly string[];
  from: string;
  /** The voice of the memory that gave it ("our son Kuba": the group's). */
  voice: Voice;
  /**
   * The name's BM25 weight as a share of its term's (default {@linkcode RELATION_NAME_SHARE}; a
   * kind's is smaller, `kind_bridges.ts`).
   */
  share?: number;
  /**
   * Whether it stands only where a memory writes it as a name (`namesWritten`): a relative's
   * name at a family word's full weight ("Hunter", not "the hunter in the novel").
   */
  asName?: boolean;
  /** Whether its part is capped by its share of the giving memory's own (a kind's). */
  cap?: boolean;
  /**
   * Whose relative it must be told as where it stands (`ownerRelatives`: "Jonah's mum
   * Pauline"): an in-law's name stands for "in-laws" only where a memory says the tie.
   */
  relativeOf?: string;
  /**
   * The kind a kind's name is tied to (`kind_bridges.ts`, a `kindKey`: "cat" of "our cat
   * Bella"). A memory that ties the same name to another kind or a relation ("my niece Bella")
   * tells of another bearer: the name stands for nothing there, and a bridge the store's name
   * is shared by so is capped ({@linkcode addNamedParts}; review42b finding 4).
   */
  kind?: string;
  /** The share a kind's name is capped at where its name is shared ({@linkcode kind}). */
  sharedShare?: number;
}

/**
 * The names the persona's memories give the relations `text` asks about (its terms among
 * `own`): one lexical lookup of the memories holding the asked relations' words. None when it
 * asks about none or the store names none.
 */
export async function relationBridges(
  asked: { text: string; own: readonly string[]; candidateQuery: CandidateQuery },
  backend: Pick<MemoryBackend, "candidates">,
): Promise<RelationBridge[]> {
  const relations = askedRelations(asked.text).filter((one) => asked.own.includes(one.term));
  if (relations.length === 0) return [];
  const { candidateQuery } = asked;
  const lookedUp = [...new Set(relations.flatMap((one) => one.stems))];
  const sources = await backend.candidates({
    ...candidateQuery,
    terms: lookedUp,
    priors: lookedUp.map(() => 1),
    limit: RELATION_SOURCES,
    lexicalOnly: true,
  });
  const taken = new Set(asked.own);
  const bridges: RelationBridge[] = [];
  for (const source of sources) {
    const { record } = source;
    // A superseded memory's name is an old one ("my boss is now Niamh" replaced "... Declan").
    if (source.lexical <= 0 || record.persona_id !== candidateQuery.personaId) continue;
    if (record.superseded_by !== null) continue;
    for (const { name, relation } of namedRelations(source.record.content)) {
      const by = relations.find((one) => one.stems.includes(relation));
      if (by === undefined || taken.has(name) || bridges.length >= RELATION_NAMES) continue;
      taken.add(name);
      bridges.push({
        name,
        term: by.term,
        stems: by.stems,
        from: source.record.id,
        voice: voiceOf(source.record.content),
      });
    }
  }
  return bridges;
}

/**
 * Whether `content` holds a name of `bridge` as whom it tells of (not only as the owner of a
 * relation: `relation_owners.ts`), and not the query's word for its relation, which BM25 matches
 * already ("our son Kuba" holds "son"; for "the kids" it holds no "kid", and the
 * name is all that ties it to the question).
 */
function standsFor(content: string, bridge: RelationBridge): boolean {
  // "Kari's husband Dave fixed ..." holds Kari as the husband's owner only (`holdsName`).
  return !termsOf(content).includes(bridge.term) && holdsName(content, bridge.name) &&
    (!bridge.asName || namesWritten(content).has(bridge.name)) &&
    (bridge.relativeOf === undefined ||
      ownerRelatives(content).some(({ owner, name }) =>
        owner === bridge.relativeOf && name === bridge.name
      )) &&
    (bridge.kind === undefined || !tiesElsewhere(content, bridge));
}

/**
 * Whether `content` ties a kind bridge's name to another kind or to a relation ("my niece
 * Bella", "Bella, my niece", "Bella, the dog next door" for the cat Bella's bridge): a name
 * is not its bearer's alone. `namedKinds` reads a relation word before or after a name as
 * its kind too ("niece").
 */
function tiesElsewhere(content: string, bridge: RelationBridge): boolean {
  return namedKinds(content).some(({ name, kinds }) =>
    name === bridge.name && !kinds.includes(bridge.kind!)
  );
}

/**
 * Adds to `pool` the lexical part each memory that holds a name of `bridges` (and not the word
 * of its relation, which the query finds already) would have if the name were that word, at
 * {@linkcode RELATION_NAME_SHARE} of its weight: BM25 adds up over terms, so a lookup by the
 * names alone, scaled from their weights to the query's own, is that part. Memories the pool
 * lacks join it with that part alone.
 */
export async function addNamedParts(
  pool: Candidate[],
  bridges: readonly RelationBridge[],
  deps: {
    candidateQuery: CandidateQuery;
    backend: Pick<MemoryBackend, "candidates">;
    termWeights: (query: CandidateQuery) => Promise<number[]>;
  },
): Promise<void> {
  if (bridges.length === 0) return;
  const { candidateQuery } = deps;
  const own = await deps.termWeights(candidateQuery);
  const ownTotal = own.reduce((sum, weight) => sum + weight, 0);
  const names = bridges.map((bridge) => bridge.name);
  const nameIdfs = await deps.termWeights({
    ...candidateQuery,
    terms: names,
    priors: names.map(() => 1),
  });
  // Each name weighs its share of the relation word's weight in this query.
  const weights = bridges.map((bridge) =>
    (bridge.share ?? RELATION_NAME_SHARE) * (own[candidateQuery.terms.indexOf(bridge.term)] ?? 0)
  );
  const nameTotal = weights.reduce((sum, weight) => sum + weight, 0);
  if (ownTotal <= 0 || nameTotal <= 0) return;
  const found = await deps.backend.candidates({
    ...candidateQuery,
    terms: names,
    priors: weights.map((weight, i) => nameIdfs[i]! > 0 ? weight / nameIdfs[i]! : 0),
    // As many as the search's own pool: a name may be held by dozens of short lines.
    limit: candidateQuery.limit,
    lexicalOnly: true,
  });
  const known = new Map(pool.map((candidate) => [candidate.record.id, candidate]));
  // A name the store ties to another kind or relation too ("our cat Bella", "my niece Bella")
  // is not sure of its thing: its own kind's bridge is capped as any kind's is.
  const shared = new Set(
    bridges.filter((bridge) =>
      bridge.kind !== undefined && !bridge.cap &&
      found.some(({ record }) => tiesElsewhere(record.content, bridge))
    ),
  );
  for (const candidate of found) {
    const { record } = candidate;
    if (candidate.lexical <= 0 || record.persona_id !== candidateQuery.personaId) continue;
    const standing = bridges.filter((bridge) => standsFor(record.content, bridge));
    if (standing.length === 0) continue;
    let part = candidate.lexical * nameTotal / ownTotal;
    // A kind's name stands below the memory that says the kind in the question's own word
    // ("the greyhound" in "she's a retired racing greyhound called Dotty"): at most its share of
    // that memory's lexical part.
    if (standing.every((bridge) => bridge.cap || shared.has(bridge))) {
      const cap = standing.reduce(
        (sum, bridge) => sum + capShare(bridge, shared) * (known.get(bridge.from)?.lexical ?? 0),
        0,
      );
      part = Math.min(part, cap);
      if (part <= 0) continue;
    }
    const inPool = known.get(record.id);
    if (inPool) inPool.lexical = Math.min(1, inPool.lexical + part);
    else {
      const added = { ...candidate, lexical: Math.min(1, part) };
      known.set(record.id, added);
      pool.push(added);
    }
  }
}

/** The share of its tying memory's part a capped bridge's part is held to. */
function capShare(bridge: RelationBridge, shared: ReadonlySet<RelationBridge>): number {
  return (shared.has(bridge) ? bridge.sharedShare : undefined) ?? bridge.share ?? 0;
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
    // The memory that gave a name ranks in the bridge's voice too when its own is no one's: an
    // in-law's ("Jonah's mum Pauline", `in_law_bridges.ts`); any other bridge has its giver's voice.
    const bridge = bridges.find((one) => standsFor(record.content, one));
    if (bridge === undefined || bridge.voice === "other") continue;
    if (voiceOf(record.content) === "other") voices.set(record.id, bridge.voice);
  }
  return voices;
}
