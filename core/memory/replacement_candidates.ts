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
  const added: Candidate[] = [];
  let pending = first;
  // Each step adds at least one memory read: never more steps than memories read.
  for (let step = 0; step <= byId.size && pending.length > 0; step++) {
    for (const id of pending) known.add(id);
    const next: Array<string | null> = [];
    for (const id of pending) {
      const record = byId.get(id);
      if (
        record === undefined || record.importance < filter.minImportance ||
        (filter.memoryType !== undefined && record.memory_type !== filter.memoryType)
      ) continue;
      added.push({ record, similarity: 0, lexical: 0 });
      next.push(record.superseded_by);
    }
    pending = unknown(next, known);
  }
  return added;
}

/** The distinct ids of `ids` not in `known`. */
function unknown(ids: ReadonlyArray<string | null>, known: ReadonlySet<string>): string[] {
  const fresh = new Set<string>();
  for (const id of ids) if (id !== null && !known.has(id)) fresh.add(id);
  return [...fresh];
}
