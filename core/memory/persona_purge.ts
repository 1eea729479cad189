/**
 * Deleting a deleted persona's memories: at once when the store answers, else queued in
 * `purges.ts` for the decay cycle to retry, so a persona deleted while the store was down does
 * not leave its memories behind.
 *
 * @module
 */
import { type Clock, isoTime } from "../clock.ts";
import { Busy, MemoryUnavailable } from "../errors.ts";
import type { Logger } from "../log.ts";
import type { MemoryBackend } from "./backend.ts";
import type { PurgeQueue } from "./purges.ts";

/** What a purge needs. */
export interface PurgeDeps {
  backend: MemoryBackend;
  purges: PurgeQueue;
  clock: Clock;
  log: Logger;
}

/** Deletes `personaId`'s memories, then takes it off the queue of pending purges. */
export async function purgePersona(
  deps: Pick<PurgeDeps, "backend" | "purges">,
  personaId: string,
): Promise<void> {
  await deps.backend.deletePersona(personaId);
  await deps.purges.done(personaId);
}

/**
 * Deletes a deleted persona's memories; if the store is down or stays busy (a conflict that
 * outlived its re-run), queues them for later: the persona is gone, so a retry by the caller
 * could not reach them.
 */
export async function forgetPersona(deps: PurgeDeps, personaId: string): Promise<void> {
  try {
    await purgePersona(deps, personaId);
  } catch (error) {
    if (!(error instanceof MemoryUnavailable) && !(error instanceof Busy)) throw error;
    await deps.purges.add(personaId, isoTime(deps.clock.now()));
    deps.log.warn("Memories of a deleted persona will be purged on a later decay cycle", {
      persona_id: personaId,
      reason: error.message,
    });
  }
}

/**
 * Queues `personaId`'s memories to be deleted again on the next decay cycle, after a purge: for
 * a persona whose import a crash cut off, a write the killed process had sent (a Chroma add
 * under way in the Chroma server) may land after the purge at the start, an orphan no row points
 * to. The queued purge deletes by persona (not by known ids), so it finds such a write too.
 */
export async function purgeAgain(
  deps: Pick<PurgeDeps, "purges" | "clock">,
  personaId: string,
): Promise<void> {
  await deps.purges.add(personaId, isoTime(deps.clock.now()));
}
