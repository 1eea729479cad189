/**
 * The `tasks` table writes of a {@linkcode TaskStore}: each task's writes run one after another
 * (its start, its progress, its end), and the store's close waits for all of them.
 *
 * @module
 */
import type { TaskEnd, TaskRecords } from "../tasks/mod.ts";
import type { TaskEntry } from "./task_entries.ts";

/** The table writes of one store's tasks (none without a table). */
export class TaskWrites {
  readonly #records: TaskRecords | undefined;
  readonly #onError: (error: unknown) => void;
  /** Table writes under way, of every task (forgotten ones too). */
  readonly #writes = new Set<Promise<void>>();

  /** Writes to `records` (none when undefined); a failed write is given to `onError`. */
  constructor(records: TaskRecords | undefined, onError: (error: unknown) => void) {
    this.#records = records;
    this.#onError = onError;
  }

  /** Queues a write of `entry` to the table (after its earlier ones). */
  queue(entry: TaskEntry, write: (records: TaskRecords) => Promise<void>): void {
    const records = this.#records;
    if (!records) return;
    const writes = entry.writes.then(() => write(records)).catch(this.#onError);
    entry.writes = writes;
    this.#writes.add(writes);
    writes.finally(() => this.#writes.delete(writes));
  }

  /**
   * Writes the end of `entry`, which just finished (`resultJson`: its result's JSON, or null).
   * Its result is held in memory until the table holds it (past the byte bound too: forgotten
   * before, the task would read as unknown); `settled` runs once the write ended, written or not.
   */
  end(entry: TaskEntry, resultJson: string | null, settled: () => void): void {
    const { view } = entry;
    const end: TaskEnd = {
      status: view.status as TaskEnd["status"],
      statusMessage: view.statusMessage ?? null,
      resultJson,
      error: view.error ?? null,
      at: Date.parse(view.lastUpdatedAt),
    };
    entry.writing = this.#records !== undefined;
    this.queue(entry, async (records) => {
      try {
        entry.stored = await records.finish(view.taskId, end);
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

  /** Resolves once the writes under way now have ended. */
  async settled(): Promise<void> {
    await Promise.all([...this.#writes]);
  }
}
