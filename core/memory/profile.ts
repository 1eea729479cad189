/**
 * The memory part of `persona.get`: how much the persona remembers and how much it talked
 * lately. A persona's profile must not fail because the memory store is out of reach, so that
 * case is reported instead of thrown.
 *
 * @module
 */
import type { HistoryRepository } from "../chat/history.ts";
import type { Clock } from "../clock.ts";
import { AppError } from "../errors.ts";
import type { Persona } from "../personas/mod.ts";
import type { MemoryService } from "./service.ts";

/** `persona.get`'s `memory_stats`. */
export interface ProfileMemoryStats {
  /** Null when the memory store cannot be reached. */
  total_memories: number | null;
  /** Chat messages exchanged in the last 24 hours. */
  recent_interactions: number;
  memory_error?: string;
}

/** Memory figures of `persona` now (by `deps.clock`). */
export async function profileMemoryStats(
  deps: { memory: MemoryService; history: HistoryRepository; clock: Clock },
  persona: Persona,
): Promise<ProfileMemoryStats> {
  const since = new Date(deps.clock.now() - 86_400_000).toISOString();
  const recent = await deps.history.countSince(persona.id, since);
  try {
    return { total_memories: await deps.memory.count(persona), recent_interactions: recent };
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return { total_memories: null, recent_interactions: recent, memory_error: error.message };
  }
}
