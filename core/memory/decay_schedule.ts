/**
 * What the decay schedule runs on: its timers, the cluster-wide claim of each period, and how far
 * a late process catches up.
 *
 * @module
 */

/**
 * Who runs a period of the schedule when several processes or nodes share the database: each
 * period is claimed once (`core/storage/periods.ts`), and only the claimant runs the cycle.
 */
export interface PeriodClaim {
  /** True when this process claimed period `period` of schedule `name` (at `at` ms). */
  claim(name: string, period: number, at: number): Promise<boolean>;
}

/** Timers of the schedule: the real ones by default; tests drive them with a manual clock. */
export interface ScheduleTimers {
  /** Calls `callback` after `ms`; returns a handle for {@linkcode ScheduleTimers.clear}. */
  set(callback: () => void, ms: number): unknown;
  /** Cancels a timer set by {@linkcode ScheduleTimers.set}. */
  clear(handle: unknown): void;
}

/** The runtime's own `setTimeout` and `clearTimeout`. */
export const realTimers: ScheduleTimers = {
  set: (callback, ms) => setTimeout(callback, ms),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/**
 * How many past periods a late process still claims one after another. A cycle that outlasts a
 * period (or a boundary that fires late) costs no period: the next ones are claimed as soon as it
 * ends. Only past this many (a process asleep for hours) are the oldest let go, with a warning.
 */
export const MAX_CATCH_UP_PERIODS = 4;
