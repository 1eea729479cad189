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
import type { ReadCache } from "../storage/read_cache.ts";
import type { MemoryService } from "./service.ts";

const DAY_MS = 86_400_000;

/** `persona.get`'s `memory_stats`. */
export interface ProfileMemoryStats {
  /** Null when the memory store cannot be reached. */
  total_memories: number | null;
  /** Chat messages exchanged in the last 24 hours. */
  recent_interactions: number;
  memory_error?: string;
}

/** What {@linkcode profileMemoryStats} reads with. */
export interface ProfileStatsDeps {
  memory: MemoryService;
  history: HistoryRepository;
  clock: Clock;
  /** Keeps the figures between writes (the memory count only on the embedded backend). */
  readCache?: ReadCache;
}

/** The recent-message count read at `since`, and until when it stays right. */
interface RecentCount {
  count: number;
  since: number;
  /** The count holds for a window start up to this moment (its oldest message's time). */
  until: number;
}

/** Memory figures of `persona` now (by `deps.clock`). */
export async function profileMemoryStats(
  deps: ProfileStatsDeps,
  persona: Persona,
): Promise<ProfileMemoryStats> {
  const recent = recentInteractions(deps, persona.id);
  try {
    return { total_memories: await memoryCount(deps, persona), recent_interactions: recent };
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return { total_memories: null, recent_interactions: recent, memory_error: error.message };
  }
}

/** Messages of the last 24 hours: kept until a write, or until the oldest of them ages out. */
function recentInteractions(deps: ProfileStatsDeps, personaId: string): number {
  const since = deps.clock.now() - DAY_MS;
  const read = (): RecentCount => {
    const { count, oldest } = deps.history.recentSince(personaId, new Date(since).toISOString());
    return { count, since, until: oldest === null ? Infinity : Date.parse(oldest) };
  };
  if (!deps.readCache) return read().count;
  let kept = deps.readCache.get(`recent_interactions:${personaId}`, read);
  // The window moved past the oldest message counted (or back, with a manual clock): re-read.
  if (since < kept.since || since > kept.until) {
    kept = read();
    deps.readCache.set(`recent_interactions:${personaId}`, kept);
  }
  return kept.count;
}

/** The persona's memory count; kept between writes when memories live in the same database. */
function memoryCount(deps: ProfileStatsDeps, persona: Persona): Promise<number> {
  if (!deps.readCache || deps.memory.backendName !== "sqlite") return deps.memory.count(persona);
  const key = `total_memories:${persona.id}`;
  return deps.readCache.get(key, () =>
    deps.memory.count(persona).catch((error) => {
      // A failure is not a figure: the next call asks again.
      deps.readCache!.delete(key);
      throw error;
    }));
}
