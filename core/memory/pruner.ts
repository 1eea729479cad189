/**
 * Pruning runs (`memory.prune`, `memory.prune_recommendations`, `memory.prune_all`,
 * `memory.prune_stats`, the decay cycle's auto-prune): the plan from `prune.ts`, really deleted
 * from the backend under the persona's write lock, supersession chains kept whole
 * (`prune_delete.ts`).
 *
 * @module
 */
import { type Clock, isoTime } from "../clock.ts";
import type { Logger } from "../log.ts";
import { mean, roundTo } from "../numbers.ts";
import type { MemoryBackend } from "./backend.ts";
import { planPrune } from "./prune.ts";
import { PruneDeleter } from "./prune_delete.ts";
import type { MemoryRecord } from "./schema.ts";

/** Pruning limits from the settings. */
export interface PruneSettings {
  pruneThreshold: number;
  pruneTarget: number;
}

/** The result of pruning one persona. */
export interface PruneResult {
  status: "pruning_completed" | "no_pruning_needed";
  persona_id: string;
  memories_before: number;
  memories_after: number;
  memories_pruned: number;
  protected_memories: number;
  threshold: number;
  target_count: number;
  average_importance_pruned: number | null;
  average_importance_kept: number | null;
}

interface PruneTotals {
  total_pruning_operations: number;
  total_memories_pruned: number;
  last_prune: string | null;
  last_global_prune: string | null;
  personas_last_pruned: Array<{ persona_id: string; at: string; memories_pruned: number }>;
}

function average(records: readonly MemoryRecord[]): number | null {
  if (records.length === 0) return null;
  return roundTo(mean(records.map((record) => record.importance)), 3);
}

/** Prunes personas' memories down to the target. */
export class Pruner {
  readonly #backend: MemoryBackend;
  readonly #clock: Clock;
  readonly #log: Logger;
  readonly #settings: PruneSettings;
  readonly #deleter: PruneDeleter;
  readonly #totals: PruneTotals = {
    total_pruning_operations: 0,
    total_memories_pruned: 0,
    last_prune: null,
    last_global_prune: null,
    personas_last_pruned: [],
  };

  /** A pruner over `deps.backend`. */
  constructor(
    deps: { backend: MemoryBackend; clock: Clock; log: Logger; settings: PruneSettings },
  ) {
    this.#backend = deps.backend;
    this.#clock = deps.clock;
    this.#log = deps.log;
    this.#settings = deps.settings;
    this.#deleter = new PruneDeleter(deps.backend);
  }

  #limits(force: boolean) {
    return { threshold: this.#settings.pruneThreshold, target: this.#settings.pruneTarget, force };
  }

  /**
   * Prunes one persona when it is above the threshold (or `force` and above the target).
   * `listed` are its memories when the caller has just read them (the decay cycle).
   */
  async prune(
    personaId: string,
    force = false,
    listed?: readonly MemoryRecord[],
  ): Promise<PruneResult> {
    const now = this.#clock.now();
    const records = listed ?? await this.#backend.list(personaId);
    const plan = planPrune(records, this.#limits(force), now);
    // What was really deleted: the plan less what changed since it was read.
    plan.victims = await this.#deleter.delete(personaId, plan.victims, now);
    const gone = new Set(plan.victims.map((record) => record.id));
    const kept = records.filter((record) => !gone.has(record.id));
    if (plan.needed) {
      const at = isoTime(now);
      this.#totals.total_pruning_operations++;
      this.#totals.total_memories_pruned += plan.victims.length;
      this.#totals.last_prune = at;
      const last = this.#totals.personas_last_pruned.filter((item) =>
        item.persona_id !== personaId
      );
      last.push({ persona_id: personaId, at, memories_pruned: plan.victims.length });
      this.#totals.personas_last_pruned = last;
      this.#log.info("Pruned memories", { persona_id: personaId, pruned: plan.victims.length });
    }
    return {
      status: plan.needed ? "pruning_completed" : "no_pruning_needed",
      persona_id: personaId,
      memories_before: records.length,
      memories_after: kept.length,
      memories_pruned: plan.victims.length,
      protected_memories: plan.protectedCount,
      threshold: this.#settings.pruneThreshold,
      target_count: this.#settings.pruneTarget,
      average_importance_pruned: average(plan.victims),
      average_importance_kept: average(kept),
    };
  }

  /** What pruning one persona would do, without doing it. */
  async recommendations(personaId: string) {
    const records = await this.#backend.list(personaId);
    const plan = planPrune(records, this.#limits(false), this.#clock.now());
    const importances = plan.victims.map((record) => record.importance);
    return {
      needs_pruning: plan.needed,
      current_count: plan.count,
      threshold: this.#settings.pruneThreshold,
      target_count: this.#settings.pruneTarget,
      would_prune: plan.victims.length,
      protected_memories: plan.protectedCount,
      average_importance_to_prune: average(plan.victims),
      importance_range_to_prune: importances.length
        ? [Math.min(...importances), Math.max(...importances)]
        : null,
      recommendation: plan.needed
        ? `Would prune ${plan.victims.length} memories with average importance ${
          average(plan.victims) ?? 0
        }`
        : "No pruning needed",
    };
  }

  /** Prunes every persona that has memories; returns the totals. */
  async pruneAll(force = false) {
    const summaries = await this.#backend.summaries();
    const totals = { before: 0, after: 0, pruned: 0, errors: 0 };
    for (const summary of summaries) {
      try {
        const result = await this.prune(summary.persona_id, force);
        totals.before += result.memories_before;
        totals.after += result.memories_after;
        totals.pruned += result.memories_pruned;
      } catch (error) {
        totals.errors++;
        this.#log.warn("Cannot prune a persona", { persona_id: summary.persona_id, error });
      }
    }
    this.#totals.last_global_prune = isoTime(this.#clock.now());
    return {
      status: "global_pruning_completed",
      personas_processed: summaries.length,
      total_memories_before: totals.before,
      total_memories_after: totals.after,
      total_memories_pruned: totals.pruned,
      errors_encountered: totals.errors,
    };
  }

  /** Totals since the server started. */
  stats() {
    return {
      ...structuredClone(this.#totals),
      threshold: this.#settings.pruneThreshold,
      target_count: this.#settings.pruneTarget,
    };
  }
}
