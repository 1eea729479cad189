/**
 * Memory statistics (pure): one persona's (`memory.get_stats`) and the sharing overview
 * (`memory.shared_stats`).
 *
 * @module
 */
import type { PersonaSummary } from "./backend.ts";
import type { MemoryRecord, Visibility } from "./schema.ts";

/** Importance at or above which a memory counts as highly important in the stats. */
export const HIGH_IMPORTANCE = 0.7;

/** `memory.get_stats`. */
export interface PersonaMemoryStats {
  persona_id: string;
  total_memories: number;
  memory_types: Record<string, number>;
  average_importance: number;
  high_importance_count: number;
  oldest_memory: string | null;
  newest_memory: string | null;
  by_visibility: Record<Visibility, number>;
  total_accesses: number;
  /** The embedder new memories and searches use. */
  embedder: string;
  /** Memories embedded by another embedder: not searchable until `memory.reindex`. */
  needs_reindex: number;
  backend: string;
}

const round3 = (value: number) => Math.round(value * 1000) / 1000;

/** Statistics of one persona's `records`. */
export function personaStats(
  personaId: string,
  records: readonly MemoryRecord[],
  context: { embedder: string; backend: string },
): PersonaMemoryStats {
  const memoryTypes: Record<string, number> = {};
  const byVisibility: Record<Visibility, number> = { private: 0, shared: 0, public: 0 };
  let importance = 0;
  let high = 0;
  let accesses = 0;
  let stale = 0;
  let oldest: string | null = null;
  let newest: string | null = null;
  for (const record of records) {
    memoryTypes[record.memory_type] = (memoryTypes[record.memory_type] ?? 0) + 1;
    byVisibility[record.visibility]++;
    importance += record.importance;
    if (record.importance >= HIGH_IMPORTANCE) high++;
    accesses += record.accessed_count;
    if (record.embedder !== context.embedder) stale++;
    if (oldest === null || record.created_at < oldest) oldest = record.created_at;
    if (newest === null || record.created_at > newest) newest = record.created_at;
  }
  return {
    persona_id: personaId,
    total_memories: records.length,
    memory_types: memoryTypes,
    average_importance: records.length ? round3(importance / records.length) : 0,
    high_importance_count: high,
    oldest_memory: oldest,
    newest_memory: newest,
    by_visibility: byVisibility,
    total_accesses: accesses,
    embedder: context.embedder,
    needs_reindex: stale,
    backend: context.backend,
  };
}

/** `memory.shared_stats`. */
export interface SharedStats {
  total_personas: number;
  personas_with_memories: number;
  shared_memories: number;
  public_memories: number;
  cross_references: number;
  /** One entry per persona with memories, by name. */
  by_persona: Array<
    { persona_id: string; name: string; shared: number; public: number; cross_references: number }
  >;
}

/** The sharing overview from per-persona summaries; `names` maps ids to names. */
export function sharedStats(
  summaries: readonly PersonaSummary[],
  names: ReadonlyMap<string, string>,
): SharedStats {
  const stats: SharedStats = {
    total_personas: names.size,
    personas_with_memories: summaries.length,
    shared_memories: 0,
    public_memories: 0,
    cross_references: 0,
    by_persona: [],
  };
  for (const summary of summaries) {
    stats.shared_memories += summary.shared;
    stats.public_memories += summary.public;
    stats.cross_references += summary.cross_references;
    stats.by_persona.push({
      persona_id: summary.persona_id,
      name: names.get(summary.persona_id) ?? "",
      shared: summary.shared,
      public: summary.public,
      cross_references: summary.cross_references,
    });
  }
  stats.by_persona.sort((a, b) => a.name.localeCompare(b.name));
  return stats;
}
