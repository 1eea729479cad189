/**
 * Decay runs: one persona on demand (`memory.decay_force`), or a full cycle over every persona
 * (retry pending purges, decay, then auto-prune), run by a background schedule that
 * `memory.decay_start` / `memory.decay_stop` control and `memory.decay_stats` reports on.
 *
 * @module
 */
import { type Clock, isoTime } from "../clock.ts";
import type { Logger } from "../log.ts";
import type { MemoryBackend } from "./backend.ts";
import type { DecayMode } from "./decay.ts";
import { decayRecords, type PersonaDecay, settleDecay } from "./decay_pass.ts";
import {
  MAX_CATCH_UP_PERIODS,
  type PeriodClaim,
  realTimers,
  type ScheduleTimers,
} from "./decay_schedule.ts";
import { PersonaWriteLocks } from "./persona_write_locks.ts";
import type { Pruner } from "./pruner.ts";
import type { PurgeQueue } from "./purges.ts";
import type { MemoryRecord } from "./schema.ts";

export type { PersonaDecay } from "./decay_pass.ts";
export { MAX_CATCH_UP_PERIODS, type PeriodClaim, type ScheduleTimers } from "./decay_schedule.ts";

/** Decay settings. */
export interface DecaySettings {
  decayMode: DecayMode;
  decayFloor: number;
  /** Between background cycles. */
  decayIntervalMs: number;
  /** Whether a cycle also prunes personas above the threshold. */
  autoPrune: boolean;
}

/** What one full cycle did. */
export interface DecayCycle {
  started_at: string;
  personas_processed: number;
  memories_processed: number;
  memories_decayed: number;
  auto_prunes_triggered: number;
  memories_pruned: number;
  purges_completed: number;
}

/**
 * Runs decay, by hand or on a schedule. The schedule's ticks fall on the period boundaries of the
 * wall clock (multiples of the interval since the epoch), the same instants on every node; with
 * `claims`, the node that claims a period runs it and the others skip it: one cycle per period
 * across the cluster.
 */
export class DecayRunner {
  readonly #backend: MemoryBackend;
  /** The persona write locks `memory.delete`, `update` and pruning take (shared per backend). */
  readonly #locks: PersonaWriteLocks;
  readonly #clock: Clock;
  readonly #log: Logger;
  readonly #settings: DecaySettings;
  readonly #pruner: Pruner;
  readonly #purges: PurgeQueue;
  readonly #purge: (personaId: string) => Promise<void>;
  readonly #claims: PeriodClaim | undefined;
  readonly #timers: ScheduleTimers;
  #timer: unknown;
  /** Periods whose boundary has passed and that this process has not tried to claim yet. */
  #backlog: { interval: number; from: number; to: number } | undefined;
  /** Claims and runs the backlog's periods one after another (at most one per process). */
  #worker: Promise<void> | undefined;
  #skipped = 0;
  #intervalMs: number;
  /** The cycle running now, which a second `runCycle` joins (not whether the schedule is on). */
  #cycleInFlight: Promise<DecayCycle> | undefined;
  #cycles = 0;
  #decayed = 0;
  #autoPrunes = 0;
  #lastRun: string | null = null;
  #recent: DecayCycle | null = null;
  #lastError: string | null = null;

  /** A runner over `deps.backend`; `purge` deletes a deleted persona's memories. */
  constructor(deps: {
    backend: MemoryBackend;
    clock: Clock;
    log: Logger;
    settings: DecaySettings;
    pruner: Pruner;
    purges: PurgeQueue;
    purge: (personaId: string) => Promise<void>;
    claims?: PeriodClaim;
    timers?: ScheduleTimers;
  }) {
    this.#claims = deps.claims;
    this.#timers = deps.timers ?? realTimers;
    this.#backend = deps.backend;
    this.#locks = new PersonaWriteLocks(deps.backend);
    this.#clock = deps.clock;
    this.#log = deps.log;
    this.#settings = deps.settings;
    this.#pruner = deps.pruner;
    this.#purges = deps.purges;
    this.#purge = deps.purge;
    this.#intervalMs = deps.settings.decayIntervalMs;
  }

  /** Decays one persona now: by the mode's formula, or by `factor` once when given. */
  async decayPersona(personaId: string, factor?: number): Promise<PersonaDecay> {
    return (await this.#decay(personaId, factor)).result;
  }

  /**
   * Decays one persona under its write lock (this process's writers, and other nodes' on
   * PostgreSQL, wait): reads its memories, writes only the importance fields that change, each
   * only while as read. Returns its memories as they are now (decayed ones updated).
   */
  #decay(
    personaId: string,
    factor?: number,
  ): Promise<{ result: PersonaDecay; records: MemoryRecord[] }> {
    return this.#locks.run([personaId], async () => {
      const now = this.#clock.now();
      const records = await this.#backend.list(personaId);
      const pass = decayRecords(personaId, records, {
        mode: this.#settings.decayMode,
        floor: this.#settings.decayFloor,
        now,
        factor,
      });
      const written = pass.writes.length > 0
        ? await this.#backend.writeImportance(pass.writes)
        : [];
      return settleDecay(pass, written);
    });
  }

  /** Decays every persona that has memories once by `factor` (no auto-prune); the totals. */
  async decayAllBy(factor: number) {
    const totals = { personas_processed: 0, memories_processed: 0, memories_decayed: 0 };
    for (const summary of await this.#backend.summaries()) {
      const result = await this.decayPersona(summary.persona_id, factor);
      totals.personas_processed++;
      totals.memories_processed += result.memories_processed;
      totals.memories_decayed += result.memories_decayed;
    }
    return totals;
  }

  /** Runs one full cycle now (or joins the one already running). */
  runCycle(): Promise<DecayCycle> {
    this.#cycleInFlight ??= this.#cycle().finally(() => this.#cycleInFlight = undefined);
    return this.#cycleInFlight;
  }

  async #cycle(): Promise<DecayCycle> {
    const cycle: DecayCycle = {
      started_at: isoTime(this.#clock.now()),
      personas_processed: 0,
      memories_processed: 0,
      memories_decayed: 0,
      auto_prunes_triggered: 0,
      memories_pruned: 0,
      purges_completed: 0,
    };
    for (const personaId of await this.#purges.pending()) {
      await this.#purge(personaId);
      cycle.purges_completed++;
    }
    for (const summary of await this.#backend.summaries()) {
      const decay = await this.#decay(summary.persona_id);
      cycle.personas_processed++;
      cycle.memories_processed += decay.result.memories_processed;
      cycle.memories_decayed += decay.result.memories_decayed;
      if (this.#settings.autoPrune) {
        // Pruning plans on the memories just read and decayed: no second list of the persona.
        const pruned = await this.#pruner.prune(summary.persona_id, false, decay.records);
        if (pruned.status === "pruning_completed") cycle.auto_prunes_triggered++;
        cycle.memories_pruned += pruned.memories_pruned;
      }
    }
    this.#cycles++;
    this.#decayed += cycle.memories_decayed;
    this.#autoPrunes += cycle.auto_prunes_triggered;
    this.#lastRun = cycle.started_at;
    this.#recent = cycle;
    return cycle;
  }

  /** One scheduled tick: a failure is logged and reported in the stats, never thrown. */
  async #tick(interval: number, period: number): Promise<void> {
    try {
      const name = `memory_decay:${interval}`;
      if (this.#claims && !await this.#claims.claim(name, period, this.#clock.now())) {
        this.#skipped++;
        return;
      }
      // The period claimed gets a cycle of its own, never half of one already running.
      while (this.#cycleInFlight) await this.#cycleInFlight.catch(() => {});
      await this.runCycle();
      this.#lastError = null;
    } catch (error) {
      this.#lastError = error instanceof Error ? error.message : String(error);
      this.#log.warn("Background memory decay failed", { error: this.#lastError });
    }
  }

  /** Starts the background schedule (every `intervalMs`, default the setting); idempotent. */
  start(intervalMs?: number): void {
    if (intervalMs !== undefined) this.#intervalMs = intervalMs;
    if (this.#timer !== undefined) {
      if (intervalMs === undefined) return;
      this.stop();
    }
    this.#arm(Math.floor(this.#clock.now() / this.#intervalMs) + 1);
  }

  /**
   * Sets the timer for the boundary of `period`. When it fires, the timer for the next boundary
   * is set from the period grid before anything runs, and every boundary passed since (more than
   * one when the timer fired late) joins the backlog: however long a claim and its cycle take, no
   * period is left out.
   */
  #arm(period: number): void {
    const interval = this.#intervalMs;
    const delay = Math.max(0, period * interval - this.#clock.now());
    this.#timer = this.#timers.set(() => {
      const current = Math.max(period, Math.floor(this.#clock.now() / interval));
      this.#arm(current + 1);
      this.#due(interval, period, current);
    }, delay);
  }

  /** Adds periods `from`..`to` to the backlog and makes sure a worker claims them. */
  #due(interval: number, from: number, to: number): void {
    const oldest = Math.max(this.#backlog?.from ?? from, to - MAX_CATCH_UP_PERIODS + 1);
    const first = this.#backlog?.from ?? from;
    if (oldest > first) {
      this.#log.warn("Memory decay fell behind; older periods are left to other nodes", {
        periods: oldest - first,
      });
    }
    this.#backlog = { interval, from: oldest, to };
    this.#worker ??= this.#work().finally(() => this.#worker = undefined);
  }

  async #work(): Promise<void> {
    while (this.#timer !== undefined && this.#backlog !== undefined) {
      const { interval, from, to } = this.#backlog;
      this.#backlog = from < to ? { interval, from: from + 1, to } : undefined;
      await this.#tick(interval, from);
    }
  }

  /** Stops the background schedule (a running cycle finishes). */
  stop(): void {
    if (this.#timer !== undefined) this.#timers.clear(this.#timer);
    this.#timer = undefined;
    this.#backlog = undefined;
  }

  /** Whether the background schedule is on. */
  get running(): boolean {
    return this.#timer !== undefined;
  }

  /** The schedule's settings and what the cycles did so far. */
  stats() {
    return {
      background_running: this.running,
      interval_s: this.#intervalMs / 1000,
      mode: this.#settings.decayMode,
      floor: this.#settings.decayFloor,
      auto_pruning: this.#settings.autoPrune,
      total_decay_cycles: this.#cycles,
      periods_run_elsewhere: this.#skipped,
      total_memories_decayed: this.#decayed,
      total_auto_prunes_triggered: this.#autoPrunes,
      last_run: this.#lastRun,
      recent_cycle: this.#recent,
      last_error: this.#lastError,
    };
  }

  /** Stops the schedule and waits for a running cycle to end. */
  async close(): Promise<void> {
    this.stop();
    await this.#worker;
    await this.#cycleInFlight?.catch(() => {});
  }
}
