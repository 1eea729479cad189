/**
 * The memories that replace search candidates (`superseded_by`, chains followed), as candidates
 * of their own: ranking hands them the relevance of what they replace.
 *
 * @module
 */
import type { Candidate, MemoryBackend } from "./backend.ts";

/** How far a chain of replacements (a replaced by b replaced by c ...) is followed. */
const MAX_SUPERSESSION_HOPS = 8;

/**
 * The memories that replace `candidates` but were not found themselves (following chains up to
 * eight hops), those that pass `filter`, as candidates with no channel of their own.
 */
export async function replacementCandidates(
  backend: MemoryBackend,
  candidates: readonly Candidate[],
  filter: { minImportance: number; memoryType?: string },
): Promise<Candidate[]> {
  const known = new Set(candidates.map((candidate) => candidate.record.id));
  const added: Candidate[] = [];
  let pending = candidates.map((candidate) => candidate.record.superseded_by);
  for (let hops = 0; hops < MAX_SUPERSESSION_HOPS && pending.length > 0; hops++) {
    const next: Array<string | null> = [];
    for (const id of new Set(pending)) {
      if (id === null || known.has(id)) continue;
      known.add(id);
      const record = await backend.get(id);
      if (
        !record || record.importance < filter.minImportance ||
        (filter.memoryType !== undefined && record.memory_type !== filter.memoryType)
      ) continue;
      added.push({ record, similarity: 0, lexical: 0 });
      next.push(record.superseded_by);
    }
    pending = next;
  }
  return added;
}
