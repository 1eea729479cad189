/**
 * The memories that replace search candidates (`superseded_by`, chains followed to their live
 * head), as candidates of their own: ranking hands them the relevance of what they replace.
 *
 * @module
 */
import type { Candidate, MemoryBackend } from "./backend.ts";
import { chainFrom } from "./chain_walk.ts";
import type { MemoryRecord } from "./schema.ts";

/**
 * The memories that replace `candidates` but were not found themselves, those that pass
 * `filter`, as candidates with no channel of their own. Each chain is followed link by link to
 * its head (the newest memory, superseded by none): a found memory sixty replacements old
 * still leads to the current one, and every link between joins, so ranking hands the relevance
 * on along the whole chain, up to {@linkcode MAX_REPLACEMENT_LINKS} links; past them the last
 * links reached are linked to their chain's head (`Candidate.linkTo`), and the links between are
 * neither read nor ranked. The links are read at once ({@linkcode MemoryBackend.chainLinks},
 * ids only, then the memories wanted; else {@linkcode MemoryBackend.chainFrom}: one recursive
 * query on SQLite and PostgreSQL, a walk and one batched read on Chroma), then followed here,
 * each memory once, so a cycle (an old database's) ends. A replacement the filter refuses ends
 * its chain there (it is no candidate to hand anything on to); past the cap only the head is
 * asked.
 */
export async function replacementCandidates(
  backend: MemoryBackend,
  candidates: readonly Candidate[],
  filter: { minImportance: number; memoryType?: string },
): Promise<Candidate[]> {
  const known = new Set(candidates.map((candidate) => candidate.record.id));
  const first = unknown(candidates.map((candidate) => candidate.record.superseded_by), known);
  if (first.length === 0) return [];
  const { byId, links, unread } = await readChains(backend, first);
  const walk = walkLinks(first, links, known);
  if (unread && walk.records.length > 0) {
    for (const record of await backend.getMany(walk.records)) byId.set(record.id, record);
  }
  const passes = (record: MemoryRecord | undefined): record is MemoryRecord =>
    record !== undefined && record.importance >= filter.minImportance &&
    (filter.memoryType === undefined || record.memory_type === filter.memoryType);
  const added: Candidate[] = [];
  /** The candidates whose link leads to each pending id (to link them to a head past the cap). */
  let from = new Map<string, Candidate[]>();
  for (const candidate of candidates) pointTo(from, candidate, known);
  let pending = first;
  for (let level = 0; level < walk.levels && pending.length > 0; level++) {
    for (const id of pending) known.add(id);
    const next = new Map<string, Candidate[]>();
    for (const id of pending) {
      const record = byId.get(id);
      if (!passes(record)) continue;
      const candidate: Candidate = { record, similarity: 0, lexical: 0 };
      added.push(candidate);
      pointTo(next, candidate, known);
    }
    from = next;
    pending = [...next.keys()];
  }
  // A chain longer than the cap: what was reached links straight to its head, the current
  // version, which it leads to through links no search needs to rank one by one.
  for (const id of walk.levels < Infinity ? pending : []) {
    const headId = headOf(links, id);
    const head = headId === undefined ? undefined : byId.get(headId);
    if (!passes(head)) continue;
    if (!known.has(head.id)) {
      known.add(head.id);
      added.push({ record: head, similarity: 0, lexical: 0 });
    }
    for (const candidate of from.get(id) ?? []) candidate.linkTo = head.id;
  }
  return added;
}

/**
 * Most memories a search adds as replacements of what it found: a chain is ranked link by link
 * this far (the most candidates a retrieval path gives, `poolSize`), and what it reached links
 * to the chain's head. A chain of thousands of updates (an import's, an agent's status line)
 * would otherwise put every link through alignment and ranking on every search (attack37 A1).
 */
export const MAX_REPLACEMENT_LINKS = 500;

/** Each chain memory's `superseded_by`, by id. */
type Links = ReadonlyMap<string, string | null>;

/**
 * The chains from `first`: their links, and the memories read with them (none, `unread`, where
 * the backend reads the links alone: the walk then reads only the memories it ranks).
 */
async function readChains(
  backend: MemoryBackend,
  first: readonly string[],
): Promise<{ byId: Map<string, MemoryRecord>; links: Links; unread: boolean }> {
  const byId = new Map<string, MemoryRecord>();
  if (backend.chainLinks) {
    const links = await backend.chainLinks(first);
    return {
      byId,
      links: new Map(links.map((link) => [link.id, link.superseded_by])),
      unread: true,
    };
  }
  for (const record of await chainFrom(backend, first)) {
    if (!byId.has(record.id)) byId.set(record.id, record);
  }
  const links = new Map([...byId.values()].map((record) => [record.id, record.superseded_by]));
  return { byId, links, unread: false };
}

/**
 * The levels of `links` from `first` (ids not `given`) a search ranks: all of them (Infinity)
 * while they hold at most {@linkcode MAX_REPLACEMENT_LINKS} memories, else those before the level
 * that would pass it. `records`: the ids to read, those levels' and the heads past them.
 */
function walkLinks(
  first: readonly string[],
  links: Links,
  given: ReadonlySet<string>,
): { levels: number; records: string[] } {
  const known = new Set(given);
  const wanted: string[] = [];
  let pending = first;
  for (let level = 0; pending.length > 0; level++) {
    if (wanted.length + pending.length > MAX_REPLACEMENT_LINKS) {
      const heads = pending.flatMap((id) => headOf(links, id) ?? []);
      return { levels: level, records: [...wanted, ...heads] };
    }
    for (const id of pending) known.add(id);
    wanted.push(...pending);
    pending = unknown(pending.map((id) => links.get(id) ?? null), known);
  }
  return { levels: Infinity, records: wanted };
}

/** Records that `candidate`'s link leads to an id not yet `known`, in `into`. */
function pointTo(into: Map<string, Candidate[]>, candidate: Candidate, known: ReadonlySet<string>) {
  const newer = candidate.record.superseded_by;
  if (newer === null || known.has(newer)) return;
  const list = into.get(newer);
  if (list) list.push(candidate);
  else into.set(newer, [candidate]);
}

/**
 * The last memory `id`'s `links` lead to (a link to a memory not among them ends the chain),
 * none when they go round a cycle.
 */
function headOf(links: Links, id: string): string | undefined {
  const seen = new Set<string>();
  let at = id;
  for (let next = links.get(at); next != null && links.has(next); next = links.get(at)) {
    if (seen.has(at)) return undefined;
    seen.add(at);
    at = next;
  }
  return links.has(at) ? at : undefined;
}

/** The distinct ids of `ids` not in `known`. */
function unknown(ids: ReadonlyArray<string | null>, known: ReadonlySet<string>): string[] {
  const fresh = new Set<string>();
  for (const id of ids) if (id !== null && !known.has(id)) fresh.add(id);
  return [...fresh];
}
