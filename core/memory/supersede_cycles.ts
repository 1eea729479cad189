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
 * Most links the cycle check of `memory.update` follows up a chain of replacements on a store
 * with no chain read ({@linkcode MemoryBackend.chainFrom}), each link one read.
 */
export const MAX_LINK_HOPS = 1_000;

/**
 * Refuses to let `memory` supersede one of `replaced` that it is itself superseded by, however
 * many links away ("b replaces a", then "a replaces b"): a cycle has no current version, and a
 * bundle exported with one is refused by every import (attack36 A3: a cycle closed 1,010 links
 * away was accepted, and the persona's export could no longer be imported). The chain above
 * `memory` is read at once where the store can, as its links alone
 * ({@linkcode MemoryBackend.chainLinks}, one recursive query on SQLite and PostgreSQL: a chain
 * of 20,000 updates is 20,000 short rows, not 20,000 memories; attack37 A2) or as memories
 * ({@linkcode MemoryBackend.chainFrom}: the persona's superseded memories on Chroma), and
 * followed in memory to its head; a store without either is walked a read a link, at most
 * {@linkcode MAX_LINK_HOPS} links.
 */
export async function refuseCycle(
  backend: MemoryBackend,
  memory: MemoryRecord,
  replaced: readonly MemoryRecord[],
): Promise<void> {
  if (replaced.length === 0 || memory.superseded_by === null) return;
  const targets = new Set(replaced.map((record) => record.id));
  const chain = await chainAbove(backend, memory.superseded_by);
  const next = async (id: string) =>
    chain ? chain.get(id) ?? null : (await backend.get(id))?.superseded_by ?? null;
  const seen = new Set([memory.id]);
  let at: string | null = memory.superseded_by;
  while (at !== null && !seen.has(at) && (chain !== undefined || seen.size <= MAX_LINK_HOPS)) {
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
    at = await next(at);
  }
}

/** Each memory's `superseded_by` up the chain from `id`, read at once; undefined: no such read. */
async function chainAbove(
  backend: MemoryBackend,
  id: string,
): Promise<Map<string, string | null> | undefined> {
  if (backend.chainLinks) {
    return new Map((await backend.chainLinks([id])).map((link) => [link.id, link.superseded_by]));
  }
  if (!backend.chainFrom) return undefined;
  return new Map(
    (await backend.chainFrom([id])).map((record) => [record.id, record.superseded_by]),
  );
}
