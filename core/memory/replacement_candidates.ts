/**
 * The memories that replace search candidates (`superseded_by`, chains followed to their live
 * head), as candidates of their own: ranking hands them the relevance of what they replace.
 *
 * @module
 */
import type { Candidate, MemoryBackend } from "./backend.ts";
import { MAX_LINK_HOPS } from "./supersede_cycles.ts";

/**
 * The memories that replace `candidates` but were not found themselves, those that pass
 * `filter`, as candidates with no channel of their own. Each chain is followed link by link to
 * its head (the newest memory, superseded by none), however long: a found memory sixty
 * replacements old still leads to the current one, and every link between joins, so ranking
 * hands the relevance on along the whole chain. Each step reads the next links of every chain
 * at once (one {@linkcode MemoryBackend.getMany}); a memory is read once, so a cycle (an old
 * database's) ends the walk, and it stops after {@linkcode MAX_LINK_HOPS} steps. A replacement
 * the filter refuses ends its chain there (it is no candidate to hand anything on to).
 */
export async function replacementCandidates(
  backend: MemoryBackend,
  candidates: readonly Candidate[],
  filter: { minImportance: number; memoryType?: string },
): Promise<Candidate[]> {
  const known = new Set(candidates.map((candidate) => candidate.record.id));
  const added: Candidate[] = [];
  let pending = unknown(candidates.map((candidate) => candidate.record.superseded_by), known);
  for (let hops = 0; hops < MAX_LINK_HOPS && pending.length > 0; hops++) {
    for (const id of pending) known.add(id);
    const next: Array<string | null> = [];
    for (const record of await backend.getMany(pending)) {
      if (
        record.importance < filter.minImportance ||
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
