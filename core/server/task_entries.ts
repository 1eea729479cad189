/**
 * The tasks a {@linkcode TaskStore} holds in this process, and the bound on the results they keep
 * in memory: finished tasks are listed in the order they finished, the earliest forgotten past
 * `maxFinished`, and past `maxKeptBytes` the earliest results are dropped, to be read back from
 * the table (without a table, or when its write failed: their tasks are forgotten). A result
 * whose end is being written is held until the write lands, even past `maxKeptBytes`: forgetting
 * it then would make a completed task read as unknown.
 *
 * @module
 */
import type { TaskRecords } from "../tasks/mod.ts";
import type { TaskView } from "./task_types.ts";
import { keepJsonText, utf8Bytes } from "./rpc/kept_json.ts";

/** One task of this process, as the store holds it. */
export interface TaskEntry {
  /** Its view, without the result (see `resultJson`). */
  view: TaskView;
  /**
   * The result's JSON while it is held here: from the task's end while the results held stay
   * within `maxKeptBytes`. Undefined once dropped: a `completed` task's result is then read from
   * the table (a task whose end is not in the table is forgotten instead).
   */
  resultJson: string | undefined;
  /** UTF-8 bytes of `resultJson` (0 without one). */
  resultBytes: number;
  /** True once the table holds its end (and result). */
  stored: boolean;
  /** True while its end is being written: its result is held until then, whatever the bound. */
  writing: boolean;
  /** A digest of who owns it (null: nobody; see {@linkcode TaskStore.start}). */
  owner: string | null;
  /** Aborted to cancel the task. */
  controller: AbortController;
  /** When it is forgotten once finished (milliseconds of the store's clock). */
  expiresAt: number;
  /** The status message not yet written to the table. */
  unsaved: boolean;
  /** The table writes of this task, one after another. */
  writes: Promise<void>;
}

/** What a task's entry starts with besides its view (see {@linkcode TaskEntry}). */
export interface StartingEntry {
  owner: string | null;
  controller: AbortController;
  expiresAt: number;
}

/** The entry of a task as it starts: working, nothing kept or written yet. */
export function startingEntry(view: TaskView, start: StartingEntry): TaskEntry {
  return {
    view,
    resultJson: undefined,
    resultBytes: 0,
    stored: false,
    writing: false,
    owner: start.owner,
    controller: start.controller,
    expiresAt: start.expiresAt,
    unsaved: false,
    writes: Promise.resolve(),
  };
}

/**
 * `view` with its `result` given as JSON `text`: a getter parses it when read, and the view is a
 * kept result (rpc/kept_json.ts) whose JSON is spliced around `text`, so that a reply (a poll of
 * a large result, by many clients) sends the text as it is, never parsed and serialized again.
 */
export function withResultText(view: TaskView, text: string, bytes?: number): TaskView {
  const head = `${JSON.stringify(view).slice(0, -1)},"result":`;
  Object.defineProperty(view, "result", {
    enumerable: true,
    configurable: true,
    get: () => JSON.parse(text),
  });
  return keepJsonText(view, `${head}${text}}`, utf8Bytes(head) + (bytes ?? utf8Bytes(text)) + 1);
}

/** The bounds of {@linkcode TaskEntries.trim} (see `TaskStoreOptions`). */
export interface TaskBounds {
  /** Most finished tasks held. */
  maxFinished: number;
  /** Most bytes of results held in memory (writes under way aside). */
  maxKeptBytes: number;
}

/** The tasks of this process by id, with the bytes of the results they hold in memory. */
export class TaskEntries {
  readonly #tasks = new Map<string, TaskEntry>();
  readonly #bounds: TaskBounds;
  /** Bytes of the results held in memory (`TaskEntry.resultBytes` summed). */
  #keptBytes = 0;

  /** No tasks yet; {@linkcode TaskEntries.trim} keeps them within `bounds`. */
  constructor(bounds: TaskBounds) {
    this.#bounds = bounds;
  }

  /** The entry of `taskId`, if this process holds it. */
  get(taskId: string): TaskEntry | undefined {
    return this.#tasks.get(taskId);
  }

  /** Holds `entry` (a task just started). */
  add(entry: TaskEntry): void {
    this.#tasks.set(entry.view.taskId, entry);
  }

  /** Every entry held, in the map's order. */
  values(): IterableIterator<TaskEntry> {
    return this.#tasks.values();
  }

  /** Number of tasks held (running or finished). */
  get size(): number {
    return this.#tasks.size;
  }

  /** UTF-8 bytes of the results held in memory. */
  get keptBytes(): number {
    return this.#keptBytes;
  }

  /**
   * Records that `entry` finished (with `result` kept in memory, if given): moved to the map's
   * end, so that the map lists finished tasks in the order they finished.
   */
  finished(entry: TaskEntry, result?: { text: string; bytes: number }): void {
    if (result) {
      entry.resultJson = result.text;
      entry.resultBytes = result.bytes;
      this.#keptBytes += result.bytes;
    }
    this.#tasks.delete(entry.view.taskId);
    this.#tasks.set(entry.view.taskId, entry);
  }

  /**
   * A task of this process as clients see it: its result's JSON from memory or from `records`,
   * sent as it is (see {@linkcode withResultText}); undefined once its row is gone.
   */
  async view(entry: TaskEntry, records: TaskRecords | undefined): Promise<TaskView | undefined> {
    const view = { ...entry.view };
    const { taskId } = view;
    if (view.status !== "completed") return view;
    if (entry.resultJson !== undefined) {
      return withResultText(view, entry.resultJson, entry.resultBytes);
    }
    const text = await records?.resultJson(taskId);
    // Its row is gone (cleaned up by another process): as gone here.
    if (typeof text !== "string") {
      this.forget(taskId, entry);
      return undefined;
    }
    return withResultText(view, text);
  }

  /** Forgets the task of `entry`, and the result it held. */
  forget(id: string, entry: TaskEntry): void {
    this.#release(entry);
    this.#tasks.delete(id);
  }

  /**
   * Forgets the earliest finished tasks past `maxFinished` (`running`: tasks running now); while
   * the results held in memory are over `maxKeptBytes`, drops the earliest finished results, to
   * be read from the table (those the table does not hold: their tasks are forgotten). A task
   * whose end is being written is neither forgotten nor dropped, past either bound: held until
   * the write lands, when the store trims again. The map keeps finishing order.
   */
  trim(running: number): void {
    const { maxFinished, maxKeptBytes } = this.#bounds;
    let finished = this.#tasks.size - running;
    for (const [id, entry] of this.#tasks) {
      if (finished <= maxFinished && this.#keptBytes <= maxKeptBytes) return;
      if (entry.view.status === "working") continue;
      // Its end is being written: its row still reads `working`, so it is held here (past
      // either bound) until the write lands and the store trims again (review21).
      if (entry.writing) continue;
      if (finished <= maxFinished) {
        if (entry.resultJson === undefined) continue;
        if (entry.stored) {
          this.#release(entry);
          continue;
        }
      }
      this.forget(id, entry);
      finished--;
    }
  }

  /** Forgets finished tasks whose time to live ended (running ones are kept while they run). */
  sweep(now: number): void {
    for (const [id, entry] of this.#tasks) {
      if (entry.expiresAt <= now && entry.view.status !== "working") this.forget(id, entry);
    }
  }

  /** Drops the result held in memory for `entry` (the table holds it, or the task is forgotten). */
  #release(entry: TaskEntry): void {
    this.#keptBytes -= entry.resultBytes;
    entry.resultJson = undefined;
    entry.resultBytes = 0;
  }
}
