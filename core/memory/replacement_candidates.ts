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
 * on along the whole chain. The links are read at once ({@linkcode MemoryBackend.chainFrom}:
 * one recursive query on SQLite and PostgreSQL, a walk and one batched read on Chroma), then followed here,
 * each memory once, so a cycle (an old database's) ends. A replacement the filter refuses ends
 * its chain there (it is no candidate to hand anything on to).
 */
export async function replacementCandidates(
  backend: MemoryBackend,
  candidates: readonly Candidate[],
  filter: { minImportance: number; memoryType?: string },
): Promise<Candidate[]> {
  const known = new Set(candidates.map((candidate) => candidate.record.id));
  const first = unknown(candidates.map((candidate) => candidate.record.superseded_by), known);
  if (first.length === 0) return [];
  const byId = new Map<string, MemoryRecord>();
  for (const record of await chainFrom(backend, first)) {
    if (!byId.has(record.id)) byId.set(record.id, record);
  }
  const passes = (record: MemoryRecord | undefined): record is MemoryRecord =>
    record !== undefined && record.importance >= filter.minImportance &&
    (filter.memoryType === undefined || record.memory_type === filter.memoryType);
  const added: Candidate[] = [];
  /** The candidates whose link leads to each pending id (to link them to a head past the cap). */
  let from = new Map<string, Candidate[]>();
  for (const candidate of candidates) pointTo(from, candidate, known);
  let pending = first;
  // Each step adds at least one memory read: never more steps than memories read.
  for (let step = 0; step <= byId.size && pending.length > 0; step++) {
    if (added.length + pending.length > MAX_REPLACEMENT_LINKS) break;
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
  for (const id of pending) {
    const head = headOf(byId, id, passes);
    if (head === undefined) continue;
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

/** Records that `candidate`'s link leads to an id not yet `known`, in `into`. */
function pointTo(into: Map<string, Candidate[]>, candidate: Candidate, known: ReadonlySet<string>) {
  const newer = candidate.record.superseded_by;
  if (newer === null || known.has(newer)) return;
  const list = into.get(newer);
  if (list) list.push(candidate);
  else into.set(newer, [candidate]);
}

/**
 * The last memory `id`'s links lead to among `byId`; none when they go round a cycle or through
 * a memory that does not `pass` (a refused replacement ends its chain, as in the walk).
 */
function headOf(
  byId: ReadonlyMap<string, MemoryRecord>,
  id: string,
  pass: (record: MemoryRecord | undefined) => record is MemoryRecord,
): MemoryRecord | undefined {
  const seen = new Set<string>();
  let record = byId.get(id);
  for (; pass(record); record = byId.get(record.superseded_by!)) {
    if (record.superseded_by === null || !byId.has(record.superseded_by)) return record;
    if (seen.has(record.id)) return undefined;
    seen.add(record.id);
  }
  return undefined;
}

/** The distinct ids of `ids` not in `known`. */
function unknown(ids: ReadonlyArray<string | null>, known: ReadonlySet<string>): string[] {
  const fresh = new Set<string>();
  for (const id of ids) if (id !== null && !known.has(id)) fresh.add(id);
  return [...fresh];
}
