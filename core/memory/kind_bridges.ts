/**
 * A question's kind reaches the memories of the names the store says are of that kind (issue 9,
 * session 39): "which nut must my eldest avoid" finds "Priya's allergic to cashews" when another
 * memory says "our eldest, Priya, is 15" (`kind_names.ts` reads such ties), and "when are the
 * beagle's jabs due" finds "Biscuit's jabs are due every October" beside "our beagle Biscuit".
 * The word must be the kind's own: a wider word ("the dog", "the hound" for a beagle) would need
 * the meaning channel's kinds, measured and dropped (core/memory/HISTORY.md, session 39).
 *
 * The names found are bridges of the same kind as the relations' (`relation_expansion.ts`): the
 * same part added to the memories holding them (`addNamedParts`), the same voice rule, the same
 * `holdsName` test, at a smaller share ({@linkcode KIND_NAME_SHARE}) than a relation's: a kind word
 * is less sure of its thing than "my son" of Kuba, and a word of the question that is no kind at
 * all ("tired" in "Tom is a bit tired") is read as one too. A direct match keeps its whole weight
 * and is never lowered: a part is only ever added.
 *
 * No map of names to kinds is kept: each asked word that may bridge is one lexical-only lookup of
 * the BM25 index every backend keeps in step with every write (store, update, delete, import), as
 * the relations' own lookup is; bounded by {@linkcode KIND_TERMS} lookups of {@linkcode KIND_SOURCES} memories and
 * {@linkcode KIND_NAMES} names a search. A backend that knows which kinds its memories tie to
 * names (`MemoryBackend.tiedKinds`, `kind_ties.ts`) spares the lookups of the other words: they
 * would find no memory that ties them, so no bridge (issue 17, session 40).
 *
 * @module
 */
import type { CandidateQuery, MemoryBackend } from "./backend.ts";
import { askedKinds, namedKinds } from "./kind_names.ts";
import type { RelationBridge } from "./relation_expansion.ts";
import { voiceOf } from "./query.ts";
import { termsOf } from "./terms_memo.ts";

/** The most words of a question looked up as kinds (each one lookup). */
export const KIND_TERMS = 4;
/** How many memories holding an asked kind's word are read for the names they give it. */
export const KIND_SOURCES = 16;
/** The most names a search adds for the kinds it asks about. */
export const KIND_NAMES = 3;
/** A name's BM25 weight as a share of the kind word's it stands for. */
export const KIND_NAME_SHARE = 0.3;
/**
 * The share of a name the store says is the speaker's own one of the kind ("Miso — our cat")
 * for a question about the speaker's one ("the cat", "our cat"): the tie is as sure as "our son
 * Kuba" is of the son (`RELATION_NAME_SHARE`), and uncapped as a relation's is.
 */
export const OWN_KIND_NAME_SHARE = 1;

/** The query as `kindBridges` reads it: its text and own terms. */
export interface KindQuestion {
  text: string;
  own: readonly string[];
  candidateQuery: CandidateQuery;
  /** Names already bridged (a relation's): not bridged again. */
  taken?: ReadonlySet<string>;
}

/**
 * The names the persona's memories say are of a kind `asked.text` names: for each of its first
 * {@linkcode KIND_TERMS} content words without a capital that are its own terms, one lexical
 * lookup by the word; a name a memory found ties to the word is a bridge for it, at
 * {@linkcode KIND_NAME_SHARE} and capped by the tying memory's own part (`addNamedParts`).
 */
export async function kindBridges(
  asked: KindQuestion,
  backend: Pick<MemoryBackend, "candidates" | "tiedKinds">,
): Promise<RelationBridge[]> {
  const { candidateQuery } = asked;
  let kinds = askedKinds(asked.text).filter((one) => asked.own.includes(one.term))
    .slice(0, KIND_TERMS);
  if (kinds.length === 0) return [];
  // The first KIND_TERMS words, then only those some memory ties to a name: the same lookups
  // that could bridge, in the same order.
  const tied = await backend.tiedKinds?.(candidateQuery, kinds.map((kind) => kind.key));
  if (tied !== undefined) kinds = kinds.filter((kind) => tied.has(kind.key));
  const taken = new Set([...asked.own, ...asked.taken ?? []]);
  const bridges: RelationBridge[] = [];
  for (const kind of kinds) {
    if (bridges.length >= KIND_NAMES) break;
    const terms = kind.key.split("-");
    const sources = await backend.candidates({
      ...candidateQuery,
      terms,
      priors: terms.map(() => 1),
      limit: KIND_SOURCES,
      lexicalOnly: true,
    });
    const read = sources.filter(({ record, lexical }) =>
      lexical > 0 && record.persona_id === candidateQuery.personaId
    );
    const byId = new Map(read.map(({ record }) => [record.id, record]));
    for (const { record } of read) {
      // What a thing is outlives the news it came with ("our eldest, Priya, is 15 and in year
      // 10" replaced by "Priya's in year 11"), unless the newer memory gives the kind to another
      // name ("Oakwood is the care home now" after "Elmhurst is the care home").
      const newer = record.superseded_by === null ? undefined : byId.get(record.superseded_by);
      // The names the newer memory gives this kind, and the question's terms this one holds:
      // read once a memory (a line of 600 "X, the dog" ties read the question's 200 terms
      // against its own 700 for every tie, attack40 K1), and only of a memory that ties the
      // kind (most found hold the word and tie nothing, perf58).
      let context: { retold: Set<string>; heldAsked: Set<string> } | undefined;
      for (const { name, kinds: said, words, owned } of namedKinds(record.content)) {
        if (taken.has(name) || bridges.length >= KIND_NAMES || !said.includes(kind.key)) continue;
        context ??= tieContext({ content: record.content, newer, kind: kind.key, own: asked.own });
        const { retold, heldAsked } = context;
        // A memory that holds another word of the question, beside the kind's own words
        // ("care" of "the care home"), answers on its own words ("My best friend Dev is a
        // wedding photographer in Brussels" for "wedding photographer in Brussels"): its
        // name's other lines would only crowd it.
        if (holdsOther(heldAsked, [kind.term, ...words])) continue;
        if (retold.size > (retold.has(name) ? 1 : 0)) continue;
        taken.add(name);
        const own = kind.definite && owned.includes(kind.key);
        bridges.push({
          name,
          term: kind.term,
          stems: [kind.term],
          from: record.id,
          voice: voiceOf(record.content),
          share: own ? OWN_KIND_NAME_SHARE : KIND_NAME_SHARE,
          cap: !own,
          kind: kind.key,
          sharedShare: KIND_NAME_SHARE,
        });
      }
    }
  }
  return bridges;
}

/**
 * Whether `heldAsked` (the question's terms a memory holds) has a term that is none of `own`
 * (the tie's kind and phrase words): counted rather than looked up term by term, so a tie costs
 * its own words' lookups, not the question's.
 */
function holdsOther(heldAsked: ReadonlySet<string>, own: readonly string[]): boolean {
  const shared = new Set(own.filter((word) => heldAsked.has(word)));
  return heldAsked.size > shared.size;
}

/**
 * What `kindBridges` reads of a memory that ties an asked kind: the names its newer memory gives
 * the same kind, and the question's own terms the memory holds.
 */
function tieContext(
  { content, newer, kind, own }: {
    content: string;
    newer: { content: string } | undefined;
    kind: string;
    own: readonly string[];
  },
): { retold: Set<string>; heldAsked: Set<string> } {
  const retold = new Set(
    (newer === undefined ? [] : namedKinds(newer.content))
      .filter((one) => one.kinds.includes(kind)).map((one) => one.name),
  );
  const held = new Set(termsOf(content));
  return { retold, heldAsked: new Set(own.filter((term) => held.has(term))) };
}
