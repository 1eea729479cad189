/**
 * The periodic work a task store does on the `tasks` table (core/server/task_store.ts): on
 * PostgreSQL, while tasks run here, a tick each `tickMs` writes their changed progress messages,
 * beats their heartbeat each `heartbeatMs` and stops those whose cancel another node asked for;
 * on any database, at most once per `sweepMs`, the table is cleaned up (tasks of a lost node
 * failed, expired and surplus finished tasks deleted).
 *
 * @module
 */
import type { Clock } from "../clock.ts";
import type { TaskRecords } from "../tasks/mod.ts";
import type { TaskEntry } from "./task_entries.ts";
import { NODE_LOST } from "./task_types.ts";

/** The table work's settings (the store's; see `TaskStoreOptions`). */
export interface TaskTableOptions {
  clock: Clock;
  /** This process among the runners. */
  runner: string;
  tickMs?: number;
  heartbeatMs?: number;
  staleMs: number;
  sweepMs?: number;
  /** Most finished tasks kept in the table. */
  keepEnded: number;
  onError: (error: unknown) => void;
}

/** What the table work asks of the store. */
export interface TaskTableHooks {
  /** Tasks running in this process now. */
  running(): number;
  /** The tasks this process holds (the heartbeat beats those still `working`). */
  held(): Iterable<TaskEntry>;
  /** Writes the progress messages that changed since the last tick. */
  saveProgress(now: number): void;
  /** Stops a task running here (another node asked for its cancel). */
  abort(taskId: string): void;
}

/** The table side of one task store. */
export class TaskTable {
  readonly #records: TaskRecords;
  readonly #options: TaskTableOptions;
  readonly #hooks: TaskTableHooks;
  readonly #tickMs: number;
  readonly #heartbeatMs: number;
  readonly #sweepMs: number;
  #ticker: ReturnType<typeof setInterval> | undefined;
  #ticking = false;
  #lastBeat = 0;
  #lastSweep = Number.NEGATIVE_INFINITY;

  /** Work on `records` for the store that gives `hooks`. */
  constructor(records: TaskRecords, options: TaskTableOptions, hooks: TaskTableHooks) {
    this.#records = records;
    this.#options = options;
    this.#hooks = hooks;
    this.#tickMs = options.tickMs ?? 1_000;
    this.#heartbeatMs = options.heartbeatMs ?? 10_000;
    this.#sweepMs = options.sweepMs ?? 60_000;
  }

  /** Cleans the table up, at most once per `sweepMs`. */
  sweep(): void {
    const { clock, runner, staleMs, keepEnded, onError } = this.#options;
    const now = clock.now();
    if (now - this.#lastSweep < this.#sweepMs) return;
    this.#lastSweep = now;
    // On SQLite (one node) no other runner is alive; on PostgreSQL one whose heartbeat stopped.
    // PostgreSQL judges heartbeats by its own clock, not this node's (review19).
    const stale = this.#records.shared ? { ms: staleMs } : Number.MAX_SAFE_INTEGER;
    const lostError = { ...NODE_LOST };
    this.#records.sweep(now, { runner, stale, lostError, keepEnded }).catch(onError);
  }

  /** On PostgreSQL, while tasks run here: a tick each `tickMs`. */
  startTicking(): void {
    if (!this.#records.shared || this.#ticker !== undefined) return;
    this.#ticker = setInterval(() => {
      if (this.#ticking) return;
      this.#ticking = true;
      this.#tick().catch(this.#options.onError).finally(() => this.#ticking = false);
    }, this.#tickMs);
    Deno.unrefTimer(this.#ticker);
  }

  /** Stops the ticks. */
  stop(): void {
    clearInterval(this.#ticker);
    this.#ticker = undefined;
  }

  /** Writes progress messages (and the heartbeat when due), then stops tasks cancelled elsewhere. */
  async #tick(): Promise<void> {
    if (this.#hooks.running() === 0) return this.stop();
    const now = this.#options.clock.now();
    this.#hooks.saveProgress(now);
    if (now - this.#lastBeat >= this.#heartbeatMs) {
      this.#lastBeat = now;
      await this.#records.heartbeat(this.#options.runner, now, runningIds(this.#hooks.held()));
    }
    for (const id of await this.#records.cancelsFor(this.#options.runner)) this.#hooks.abort(id);
    this.sweep();
  }
}

/**
 * The ids of the tasks still running among `entries`: the heartbeat's. A task whose end was given
 * up (task_writes.ts) is not among them, so its row goes stale and is swept as its node's loss
 * (review24 F1), rather than read `working` forever.
 */
export function runningIds(entries: Iterable<TaskEntry>): string[] {
  const ids: string[] = [];
  for (const entry of entries) if (entry.view.status === "working") ids.push(entry.view.taskId);
  return ids;
}
