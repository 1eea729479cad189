/**
 * The `tasks` table writes of a {@linkcode TaskStore}: each task's writes run one after another
 * (its start, its progress, its end), and the store's close waits for all of them.
 *
 * A task's end is durable (attack16 F3): an end write that fails (the database is out of reach)
 * is tried again with backoff, from `retryMs` doubling up to `maxRetryMs` (longer when the
 * outage circuit says when to come back), until it lands, the task's time to live passes (its
 * row would be gone) or the store closes (one last try each, then given up and logged). As soon
 * as any table write lands again, the storage is back: every end waiting for its next try is
 * tried at once. At most one end per task waits, and at most `maxPending` in all (the store's
 * `maxTasks`; past it the longest waiting is given up), each holding its result in memory (past
 * the byte bound, see task_entries.ts) until it lands. Meanwhile the row reads `working` (its
 * node is alive and holds the end); on other nodes it reads `failed` (node lost) only once its
 * heartbeat is `staleMs` old, and then the end, once written, replaces that failure, and the
 * sweep's too: the node that ran a task has the last word on how it ended (core/tasks/records.ts
 * `finish`). An end given up is not left `working` in the table: as soon as a table write lands
 * again, its row is written `failed` with {@linkcode NODE_LOST} (what its node answers once it
 * forgot the task, task_view.ts), on SQLite too, where no other node sweeps it. Until then (and
 * should the store close first) the heartbeat beats only the tasks still running (task_table.ts),
 * so the row goes stale and is swept as its node's loss (PostgreSQL) or at the next start.
 * At most {@linkcode MAX_GIVEN_UP} such rows wait; past it the oldest is left to those sweeps.
 *
 * @module
 */
import type { Clock } from "../clock.ts";
import { StorageUnavailable } from "../errors.ts";
import type { TaskEnd, TaskRecords } from "../tasks/mod.ts";
import type { TaskEntry } from "./task_entries.ts";
import { NODE_LOST } from "./task_types.ts";

/** The first wait before an end is tried again (ms): it doubles each try. */
export const END_RETRY_MS = 250;
/** The longest wait between two tries of an end (ms): the outage circuit's window. */
export const END_MAX_RETRY_MS = 2_000;
/** Most given-up ends whose rows wait to be written `failed` (ids only, in memory). */
export const MAX_GIVEN_UP = 1_024;

/** The options of {@linkcode TaskWrites}. */
export interface TaskWritesOptions {
  /** Where to write (nothing is written without). */
  records?: TaskRecords;
  /** This process among the runners: its ends replace another node's sweep's failure. */
  runner: string;
  /** The store's clock (a task's time to live is by it). */
  clock: Clock;
  /** Told of a failed write (an end's: on its first failure and when it is given up). */
  onError: (error: unknown) => void;
  /** First wait before an end is tried again, in ms (250); doubles each try. */
  retryMs?: number;
  /** Longest wait between two tries of an end, in ms (2 000: the outage circuit's window). */
  maxRetryMs?: number;
  /**
   * Most ends waiting to be tried again (32); past it the longest waiting is given up. The store
   * passes its `maxTasks`: the tasks an outage can catch running (none starts during one).
   */
  maxPending?: number;
}

/** An end waiting for its next try. */
interface Pending {
  /** Ends the wait now (the storage is back, or the store closes). */
  wake(): void;
  /** Set when it is given up (past `maxPending`): no more tries. */
  givenUp: boolean;
}

/** The table writes of one store's tasks (none without a table). */
export class TaskWrites {
  readonly #records: TaskRecords | undefined;
  readonly #runner: string;
  readonly #clock: Clock;
  readonly #onError: (error: unknown) => void;
  readonly #retryMs: number;
  readonly #maxRetryMs: number;
  readonly #maxPending: number;
  /** Table writes under way, of every task (forgotten ones too). */
  readonly #writes = new Set<Promise<void>>();
  /** Ends waiting for their next try, by task id, the longest waiting first. */
  readonly #pending = new Map<string, Pending>();
  /** Tasks whose end was given up, their rows still `working`: written `failed` on the next landing. */
  readonly #givenUp = new Set<string>();
  #failing = false;
  #closed = false;

  /** Writes to `options.records` (none when undefined). */
  constructor(options: TaskWritesOptions) {
    this.#records = options.records;
    this.#runner = options.runner;
    this.#clock = options.clock;
    this.#onError = options.onError;
    this.#retryMs = options.retryMs ?? END_RETRY_MS;
    this.#maxRetryMs = options.maxRetryMs ?? END_MAX_RETRY_MS;
    this.#maxPending = options.maxPending ?? 32;
  }

  /** Ends waiting to be tried again now (the storage was out of reach when they were written). */
  get pending(): number {
    return this.#pending.size;
  }

  /** Queues a write of `entry` to the table (after its earlier ones). */
  queue(entry: TaskEntry, write: (records: TaskRecords) => Promise<void>): void {
    const records = this.#records;
    if (!records) return;
    const writes = entry.writes.then(() => write(records)).then(
      () => this.#landed(),
      this.#onError,
    );
    entry.writes = writes;
    this.#writes.add(writes);
    writes.finally(() => this.#writes.delete(writes));
  }

  /**
   * Writes the end of `entry`, which just finished (`resultJson`: its result's JSON, or null),
   * tried again until it lands (see the module's doc). Its result is held in memory until the
   * table holds it (past the byte bound too: forgotten before, the task would read as unknown);
   * `settled` runs once the write ended, written or given up.
   */
  end(entry: TaskEntry, resultJson: string | null, settled: () => void): void {
    const { view } = entry;
    const end: TaskEnd = {
      status: view.status as TaskEnd["status"],
      statusMessage: view.statusMessage ?? null,
      resultJson,
      error: view.error ?? null,
      at: Date.parse(view.lastUpdatedAt),
      runner: this.#runner,
    };
    entry.writing = this.#records !== undefined;
    this.queue(entry, async (records) => {
      try {
        entry.stored = await this.#durably(records, entry, end);
      } finally {
        entry.writing = false;
        settled();
      }
    });
  }

  /** Writes the status message of each running task whose message changed since. */
  saveProgress(entries: Iterable<TaskEntry>, now: number): void {
    for (const entry of entries) {
      if (entry.view.status !== "working" || !entry.unsaved) continue;
      entry.unsaved = false;
      const message = entry.view.statusMessage ?? "";
      this.queue(entry, (records) => records.progress(entry.view.taskId, message, now));
    }
  }

  /**
   * Stops trying ends again: each waiting one is tried once more at once, then given up. Called
   * by the store's close, before it waits for {@linkcode TaskWrites.settled}.
   */
  close(): void {
    this.#closed = true;
    for (const pending of this.#pending.values()) pending.wake();
  }

  /** Resolves once the writes under way now have ended. */
  async settled(): Promise<void> {
    await Promise.all([...this.#writes]);
  }

  /** Writes `end` until it lands (true when the row took it; false when the row is gone). */
  async #durably(records: TaskRecords, entry: TaskEntry, end: TaskEnd): Promise<boolean> {
    const id = entry.view.taskId;
    const pending: Pending = { wake: () => {}, givenUp: false };
    try {
      for (let attempt = 0;; attempt++) {
        let failure: unknown;
        try {
          return await records.finish(id, end);
        } catch (error) {
          failure = error;
        }
        if (this.#closed || pending.givenUp || this.#clock.now() >= entry.expiresAt) {
          this.#giveUp(id);
          throw new Error(`A task's end was given up after ${attempt + 1} tries: ${failure}`);
        }
        if (attempt === 0) {
          this.#onError(failure);
          this.#hold(id, pending);
        }
        const backoff = { retryMs: this.#retryMs, maxRetryMs: this.#maxRetryMs };
        await this.#wait(pending, retryDelay(attempt, failure, backoff));
      }
    } finally {
      if (this.#pending.get(id) === pending) this.#pending.delete(id);
    }
  }

  /** Lists `pending` as the end of task `id` waiting; past `maxPending` the oldest is given up. */
  #hold(id: string, pending: Pending): void {
    for (const [oldId, old] of this.#pending) {
      if (this.#pending.size < this.#maxPending) break;
      old.givenUp = true;
      old.wake();
      this.#pending.delete(oldId);
    }
    this.#pending.set(id, pending);
  }

  /** Waits `ms`, or until `pending` is woken. */
  #wait(pending: Pending, ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      Deno.unrefTimer(timer);
      pending.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }

  /** A write landed: the storage answers, so every end waiting is tried again at once. */
  #landed(): void {
    for (const pending of this.#pending.values()) pending.wake();
    this.#failGivenUp();
  }

  /** Remembers that task `id`'s end was given up (its row still reads `working`). */
  #giveUp(id: string): void {
    this.#givenUp.add(id);
    for (const oldest of this.#givenUp) {
      if (this.#givenUp.size <= MAX_GIVEN_UP) break;
      this.#givenUp.delete(oldest);
    }
  }

  /**
   * Writes the rows of the given-up ends `failed` (node lost), one write at a time; those that
   * fail wait for the next landing. The write never replaces an end (records.ts `finish`).
   */
  #failGivenUp(): void {
    const records = this.#records;
    if (!records || this.#failing || this.#givenUp.size === 0) return;
    this.#failing = true;
    const write = (async () => {
      for (const id of [...this.#givenUp]) {
        await records.finish(id, {
          status: "failed",
          statusMessage: null,
          resultJson: null,
          error: { ...NODE_LOST },
          at: this.#clock.now(),
          runner: this.#runner,
        });
        this.#givenUp.delete(id);
      }
    })().catch(this.#onError).finally(() => this.#failing = false);
    this.#writes.add(write);
    write.finally(() => this.#writes.delete(write));
  }
}

/**
 * How long an end waits before its next try, after try `attempt` (0 the first) failed with
 * `failure`: `retryMs` doubling per try, longer when the outage circuit says when to come back
 * (`StorageUnavailable.retryAfterMs`), at most `maxRetryMs`.
 */
export function retryDelay(
  attempt: number,
  failure: unknown,
  backoff: { retryMs: number; maxRetryMs: number } = {
    retryMs: END_RETRY_MS,
    maxRetryMs: END_MAX_RETRY_MS,
  },
): number {
  const doubled = backoff.retryMs * 2 ** Math.min(attempt, 20);
  const hint = failure instanceof StorageUnavailable ? failure.retryAfterMs : 0;
  return Math.min(Math.max(doubled, hint), backoff.maxRetryMs);
}
