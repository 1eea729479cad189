/**
 * The cycle check of `memory.update`: a memory may not supersede one that (however many links
 * away) supersedes it.
 *
 * @module
 */
import { InvalidInput } from "../errors.ts";
import type { MemoryBackend } from "./backend.ts";
import type { MemoryRecord } from "./schema.ts";

/**
 * Most links the cycle check of `memory.update` follows up a chain of replacements (each one a
 * read; several HTTP requests on Chroma).
 */
export const MAX_LINK_HOPS = 1_000;

/**
 * Refuses to let `memory` supersede one of `replaced` that it is itself superseded by, however
 * many links away ("b replaces a", then "a replaces b"): a cycle has no current version. The
 * walk stops after {@linkcode MAX_LINK_HOPS} links (on Chroma each is several requests): a
 * cycle past them is tolerated as one across nodes is.
 */
export async function refuseCycle(
  backend: MemoryBackend,
  memory: MemoryRecord,
  replaced: readonly MemoryRecord[],
): Promise<void> {
  if (replaced.length === 0 || memory.superseded_by === null) return;
  const targets = new Set(replaced.map((record) => record.id));
  const seen = new Set([memory.id]);
  let at: string | null = memory.superseded_by;
  while (at !== null && !seen.has(at) && seen.size <= MAX_LINK_HOPS) {
    if (targets.has(at)) {
      throw new InvalidInput(
        `Cannot update memory "${memory.id}": memory "${at}" already supersedes it`,
        [{
          field: "supersedes",
          message: `must not contain "${at}": the links would form a cycle`,
        }],
      );
    }
    seen.add(at);
    at = (await backend.get(at))?.superseded_by ?? null;
  }
}
