/**
 * Memory statistics (pure): one persona's (`memory.get_stats`) and the sharing overview
 * (`memory.shared_stats`).
 *
 * @module
 */
import { mean, roundTo } from "../numbers.ts";
import { type MemoryRecord, VISIBILITIES, type Visibility } from "./schema.ts";

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
  /**
   * Memories embedded by another embedder (not found by vector until `memory.reindex`), and by
   * this one from an older analyser's words (`vector_remake.ts`): `memory.reindex` remakes both.
   */
  needs_reindex: number;
  backend: string;
}

/**
 * One persona's memories in figures: `memory.get_stats` less the persona and the context, with
 * `average_importance` not rounded yet (0 for none).
 */
export type MemoryTotals = Omit<PersonaMemoryStats, "persona_id" | "embedder" | "backend">;

/** Counts for one persona that has memories. */
export interface PersonaSummary {
  persona_id: string;
  total: number;
  private: number;
  shared: number;
  public: number;
  /** Memories that name other personas in `related_personas`. */
  cross_references: number;
}

/** The totals of a persona without memories. */
export function emptyTotals(): MemoryTotals {
  return {
    total_memories: 0,
    memory_types: {},
    average_importance: 0,
    high_importance_count: 0,
    oldest_memory: null,
    newest_memory: null,
    by_visibility: { private: 0, shared: 0, public: 0 },
    total_accesses: 0,
    needs_reindex: 0,
  };
}

/** One memory type's figures, as a backend's grouped query returns them. */
export type TypeTotals = Record<Visibility, number> & {
  memory_type: string;
  n: number;
  importance: number;
  high: number;
  oldest: string;
  newest: string;
  accesses: number;
  stale: number;
};

/** The totals of one persona from its figures grouped by type (in first-appearance order). */
export function totalsOfGroups(groups: readonly TypeTotals[]): MemoryTotals {
  const totals = emptyTotals();
  let importance = 0;
  for (const group of groups) {
    totals.total_memories += group.n;
    totals.memory_types[group.memory_type] = group.n;
    importance += group.importance;
    totals.high_importance_count += group.high;
    if (totals.oldest_memory === null || group.oldest < totals.oldest_memory) {
      totals.oldest_memory = group.oldest;
    }
    if (totals.newest_memory === null || group.newest > totals.newest_memory) {
      totals.newest_memory = group.newest;
    }
    for (const visibility of VISIBILITIES) totals.by_visibility[visibility] += group[visibility];
    totals.total_accesses += group.accesses;
    totals.needs_reindex += group.stale;
  }
  if (totals.total_memories > 0) totals.average_importance = importance / totals.total_memories;
  return totals;
}

/**
 * The totals of one persona's `records` (oldest first), for a backend that cannot count them
 * where they are stored; `embedder` is the current one.
 */
export function totalsOf(records: readonly MemoryRecord[], embedder: string): MemoryTotals {
  const totals = emptyTotals();
  const memoryTypes = new Map<string, number>();
  for (const record of records) {
    memoryTypes.set(record.memory_type, (memoryTypes.get(record.memory_type) ?? 0) + 1);
    totals.by_visibility[record.visibility]++;
    if (record.importance >= HIGH_IMPORTANCE) totals.high_importance_count++;
    totals.total_accesses += record.accessed_count;
    if (record.embedder !== embedder) totals.needs_reindex++;
    if (totals.oldest_memory === null || record.created_at < totals.oldest_memory) {
      totals.oldest_memory = record.created_at;
    }
    if (totals.newest_memory === null || record.created_at > totals.newest_memory) {
      totals.newest_memory = record.created_at;
    }
  }
  totals.total_memories = records.length;
  totals.memory_types = Object.fromEntries(memoryTypes);
  totals.average_importance = mean(records.map((record) => record.importance));
  return totals;
}

/** `memory.get_stats` of one persona from its `totals`. */
export function personaStats(
  personaId: string,
  totals: MemoryTotals,
  context: { embedder: string; backend: string },
): PersonaMemoryStats {
  // Spelled out to keep the documented field order.
  return {
    persona_id: personaId,
    total_memories: totals.total_memories,
    memory_types: totals.memory_types,
    average_importance: roundTo(totals.average_importance, 3),
    high_importance_count: totals.high_importance_count,
    oldest_memory: totals.oldest_memory,
    newest_memory: totals.newest_memory,
    by_visibility: totals.by_visibility,
    total_accesses: totals.total_accesses,
    embedder: context.embedder,
    needs_reindex: totals.needs_reindex,
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
