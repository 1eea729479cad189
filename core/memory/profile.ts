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

/** What {@linkcode keptMemoryStats} reads with. */
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

/** Memory figures and the clock times they stay right for while the database is unchanged. */
export interface KeptMemoryStats {
  stats: ProfileMemoryStats;
  /** From this clock time... */
  from: number;
  /** ...to this one; empty (`from` > `until`) when the figures are not all kept between writes. */
  until: number;
}

/** Nothing kept: the figures are read again on the next call. */
const NOT_KEPT = { from: Infinity, until: -Infinity };

/**
 * Memory figures of `persona` now (by `deps.clock`), with the span of clock times they hold for
 * while the database's version stays the same: the recent-message count holds until its oldest message
 * leaves the 24-hour window (or the clock goes back before it was counted).
 */
export async function keptMemoryStats(
  deps: ProfileStatsDeps,
  persona: Persona,
): Promise<KeptMemoryStats> {
  const recent = await recentInteractions(deps, persona.id);
  try {
    const stats = {
      total_memories: await memoryCount(deps, persona),
      recent_interactions: recent.count,
    };
    const kept = deps.readCache?.seesEveryTable && deps.memory.backendName === "sqlite";
    return {
      stats,
      ...(kept ? { from: recent.since + DAY_MS, until: recent.until + DAY_MS } : NOT_KEPT),
    };
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    const stats = {
      total_memories: null,
      recent_interactions: recent.count,
      memory_error: error.message,
    };
    return { stats, ...NOT_KEPT };
  }
}

/**
 * Messages of the last 24 hours: kept until a write, or until the oldest of them ages out. Only
 * where the cache hears of every table's writes (SQLite): on PostgreSQL, messages are written on
 * every chat by every node, and no node is told of those (a NOTIFY per chat would serialise
 * commits), so the count is read each time.
 */
async function recentInteractions(
  deps: ProfileStatsDeps,
  personaId: string,
): Promise<RecentCount> {
  const since = deps.clock.now() - DAY_MS;
  const read = async (): Promise<RecentCount> => {
    const { count, oldest } = await deps.history.recentSince(
      personaId,
      new Date(since).toISOString(),
    );
    return { count, since, until: oldest === null ? Infinity : Date.parse(oldest) };
  };
  const cache = deps.readCache;
  if (!cache?.seesEveryTable) return await read();
  const key = `recent_interactions:${personaId}`;
  let kept = await cache.get(key, read);
  // The window moved past the oldest message counted (or back, with a manual clock): re-read.
  if (since < kept.since || since > kept.until) {
    cache.delete(key);
    kept = await cache.get(key, read);
  }
  return kept;
}

/**
 * The persona's memory count; kept between writes when memories live in the embedded database
 * (a failure is not kept: the next call asks again).
 */
function memoryCount(deps: ProfileStatsDeps, persona: Persona): Promise<number> {
  const cache = deps.readCache;
  if (!cache?.seesEveryTable || deps.memory.backendName !== "sqlite") {
    return deps.memory.count(persona);
  }
  return cache.get(`total_memories:${persona.id}`, () => deps.memory.count(persona));
}
