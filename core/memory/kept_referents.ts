/**
 * The referents of memories (`pronoun_referents.ts`): worked out before a store's insert, kept
 * after it, and read for a search's candidates. The memory before one is the persona's last written at or before
 * its time: another of the same store (several stored at once, in their order) or one already
 * stored, whichever is later (the one of the same store on a tie: it is written after).
 *
 * A memory whose content an update changes has its referent resolved again for its new text
 * ({@linkcode referentAgain}), from the memory stored just before it, as at its store.
 *
 * A referent is a preparation, not part of the write: a backend that keeps none (Chroma's) gets
 * none, and a failure to read the memory before or to keep a referent leaves the memory stored
 * without one (a search then reads its line alone, as before referents were kept).
 *
 * @module
 */
import type { MemoryBackend } from "./backend.ts";
import { type MemoryBefore, openingPronoun, referentOf } from "./pronoun_referents.ts";
import type { Referent } from "./referent_rows.ts";
import type { MemoryRecord } from "./schema.ts";

/**
 * The referents of `records` (made, not yet inserted), those that have one; none when `backend`
 * keeps none or fails to read.
 */
export async function resolveReferents(
  backend: MemoryBackend,
  records: readonly MemoryRecord[],
): Promise<Referent[]> {
  if (backend.memoryBefore === undefined || backend.writeReferents === undefined) return [];
  if (!records.some((record) => openingPronoun(record.content) !== undefined)) return [];
  const found: Referent[] = [];
  const kept = new Map<MemoryRecord, string>();
  try {
    for (let i = 0; i < records.length; i++) {
      const record = records[i]!;
      if (openingPronoun(record.content) === undefined) continue;
      let before: MemoryBefore | undefined = await backend.memoryBefore(
        record.persona_id,
        record.created_at,
      );
      for (let j = 0; j < i; j++) {
        const earlier = records[j]!;
        if (earlier.persona_id !== record.persona_id) continue;
        if (earlier.created_at > record.created_at) continue;
        if (before === undefined || earlier.created_at >= before.created_at) {
          const referent = kept.get(earlier);
          before = { content: earlier.content, created_at: earlier.created_at };
          if (referent !== undefined) before.referent = referent;
        }
      }
      const referent = referentOf(record, before);
      if (referent === undefined) continue;
      kept.set(record, referent);
      found.push({ id: record.id, referent });
    }
  } catch {
    return []; // See the module's documentation: the store goes on without referents.
  }
  return found;
}

/**
 * Resolves again the referent of `record`, just saved with new content: the old one is dropped
 * (it was the old text's: "he ..." become "she ..." or "Mo ..."), and one for the new text kept
 * if it has one. None when `backend` keeps none; a failure leaves it without one if the drop was
 * done, else as it was.
 */
export async function referentAgain(backend: MemoryBackend, record: MemoryRecord): Promise<void> {
  if (backend.dropReferent === undefined || backend.memoryStoredBefore === undefined) return;
  try {
    await backend.dropReferent(record.id);
    if (openingPronoun(record.content) === undefined) return;
    const referent = referentOf(record, await backend.memoryStoredBefore(record.id));
    if (referent !== undefined) await backend.writeReferents?.([{ id: record.id, referent }]);
  } catch { /* See the module's documentation. */ }
}

/** Keeps `referents` (of memories just inserted) through `backend`; a failure is dropped. */
export async function keepReferents(
  backend: MemoryBackend,
  referents: readonly Referent[],
): Promise<void> {
  if (referents.length === 0 || backend.writeReferents === undefined) return;
  try {
    await backend.writeReferents(referents);
  } catch { /* See the module's documentation. */ }
}

/**
 * The referents kept for those of `records` (a search's candidates) that open with a pronoun,
 * by id: one read, and none when none opens so (most searches) or the backend keeps none.
 */
export async function candidateReferents(
  backend: MemoryBackend,
  records: Iterable<MemoryRecord>,
): Promise<ReadonlyMap<string, string> | undefined> {
  if (backend.referents === undefined) return undefined;
  const ids: string[] = [];
  for (const record of records) {
    if (openingPronoun(record.content) !== undefined) ids.push(record.id);
  }
  return ids.length === 0 ? undefined : await backend.referents(ids);
}
