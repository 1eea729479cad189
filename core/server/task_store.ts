/**
 * Work that outlives the request that started it: each task has an unguessable id, a status
 * (`working`, then `completed`, `failed` or `cancelled`), a status message that follows its
 * progress, and its result or error once it ends. Clients poll and cancel by id (MCP's tasks
 * extension, `io.modelcontextprotocol/tasks`). A task runs in the process that started it and is
 * cancelled when that server stops. Running tasks are bounded (a new one is refused while this
 * process runs `maxTasks`); finished ones are kept until their time to live passes, and the
 * oldest finished are forgotten early when there are too many, so finished tasks never lock
 * clients out. A result is kept as its JSON text, serialized once (not as the object tree), and
 * sent as it is. Results held in memory are bounded in bytes (`maxKeptBytes`): past it the
 * earliest finished results are dropped and read back from the table (without a table, or not
 * yet written, their tasks are forgotten), and a result larger than a reply may be (`maxResultBytes`,
 * MAX_REPLY_BYTES) is not kept: the task fails with the -32005 "too large" error instead
 * (task_result.ts). A task belongs to its owner, given when it starts: to anyone else its id answers
 * exactly as an unknown one (task_owner.ts).
 *
 * With {@linkcode TaskStoreOptions.records} each task is also a row of the `tasks` table
 * (core/tasks/records.ts), so that every node of a PostgreSQL deployment answers for it: this
 * process answers its own tasks from memory (as fast as without the table) and any other task
 * from the table. The running node writes a task's start before answering it, its end at once,
 * and (on PostgreSQL) its progress message and a heartbeat each tick (task_table.ts). Another
 * node's cancel sets the row's `cancel_requested` and tells the running node through the relay;
 * the running node also reads the flag each tick, in case the message was lost. A task whose node
 * died reads as `failed` once its heartbeat is `staleMs` old (on SQLite, one node: at once after
 * a restart).
 *
 * @module
 */
import { type Clock, isoTime } from "../clock.ts";
import { Busy } from "../errors.ts";
import type { Relay } from "../storage/mod.ts";
import type { TaskRecord, TaskRecords } from "../tasks/mod.ts";
import { mayUse, newTaskId, ownerDigest } from "./task_owner.ts";
import type { ErrorMapper, TaskControl, TaskStoreOptions, TaskView } from "./task_types.ts";
import { startingTask, viewOf } from "./task_view.ts";
import { TaskTable } from "./task_table.ts";
import { MAX_KEPT_BYTES, serializedResult } from "./task_result.ts";
import { keepJsonText, utf8Bytes } from "./rpc/kept_json.ts";

export { newTaskId } from "./task_owner.ts";
export * from "./task_types.ts";
export { MAX_KEPT_BYTES, resultTooLarge } from "./task_result.ts";

interface Entry {
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
  /** A digest of who owns it (null: nobody; see {@linkcode TaskStore.start}). */
  owner: string | null;
  controller: AbortController;
  expiresAt: number;
  /** The status message not yet written to the table. */
  unsaved: boolean;
  /** The table writes of this task, one after another. */
  writes: Promise<void>;
}

/**
 * `view` with its `result` given as JSON `text`: a getter parses it when read, and the view is a
 * kept result (rpc/kept_json.ts) whose JSON is spliced around `text`, so that a reply (a poll of
 * a large result, by many clients) sends the text as it is, never parsed and serialized again.
 */
function withResultText(view: TaskView, text: string, bytes: number): TaskView {
  const head = `${JSON.stringify(view).slice(0, -1)},"result":`;
  Object.defineProperty(view, "result", {
    enumerable: true,
    configurable: true,
    get: () => JSON.parse(text),
  });
  return keepJsonText(view, `${head}${text}}`, utf8Bytes(head) + bytes + 1);
}

/** The relayed message that asks the node running a task to stop it. */
const CANCEL_KIND = "task.cancel";

/** The tasks of one server. */
export class TaskStore {
  readonly #tasks = new Map<string, Entry>();
  readonly #clock: Clock;
  readonly #lifetime: AbortSignal;
  readonly #maxTasks: number;
  readonly #maxFinished: number;
  readonly #maxResultBytes: number;
  readonly #maxKeptBytes: number;
  readonly #ttlMs: number;
  readonly #pollIntervalMs: number;
  readonly #records: TaskRecords | undefined;
  readonly #relay: Relay | undefined;
  readonly #staleMs: number;
  readonly #table: TaskTable | undefined;
  readonly #onError: (error: unknown) => void;
  /** This process among the runners of the `tasks` table. */
  readonly #runner = crypto.randomUUID();
  #running = 0;
  /** Bytes of the results held in memory (`Entry.resultBytes` summed). */
  #keptBytes = 0;
  /** Table writes under way, of every task (forgotten ones too). */
  readonly #writes = new Set<Promise<void>>();

  /** Creates an empty store. */
  constructor(options: TaskStoreOptions) {
    this.#clock = options.clock;
    this.#lifetime = options.lifetime;
    this.#maxTasks = options.maxTasks ?? 32;
    this.#maxFinished = options.maxFinished ?? 256;
    this.#maxResultBytes = options.maxResultBytes ?? 1_048_576;
    this.#maxKeptBytes = options.maxKeptBytes ?? MAX_KEPT_BYTES;
    this.#ttlMs = options.ttlMs ?? 3_600_000;
    this.#pollIntervalMs = options.pollIntervalMs ?? 1_000;
    this.#records = options.records;
    this.#relay = options.records?.shared ? options.relay : undefined;
    this.#staleMs = options.staleMs ?? 60_000;
    this.#onError = options.onError ?? (() => {});
    this.#table = options.records && new TaskTable(options.records, {
      ...options,
      runner: this.#runner,
      staleMs: this.#staleMs,
      keepEnded: this.#maxFinished,
      onError: this.#onError,
    }, {
      running: () => this.#running,
      saveProgress: (now) => this.#saveProgress(now),
      abort: (taskId) => this.#abortHere(taskId),
    });
    this.#relay?.on((message) => {
      if (message.kind === CANCEL_KIND && typeof message.taskId === "string") {
        this.#abortHere(message.taskId);
      }
    });
  }

  /**
   * Starts `work` as a task of `options.owner` and returns its first view (`working`) once it is
   * stored; the task is retrievable by id, by its owner, from then on. Throws
   * {@linkcode Busy} when this process runs `maxTasks` tasks already.
   */
  async start(
    work: (control: TaskControl) => Promise<Record<string, unknown>>,
    toError: ErrorMapper,
    options: { owner?: string | null } = {},
  ): Promise<TaskView> {
    this.#sweep();
    if (this.#running >= this.#maxTasks) {
      throw new Busy(`Too many tasks (${this.#maxTasks}); wait for one to finish or cancel one`);
    }
    const now = this.#clock.now();
    const owner = ownerDigest(options.owner ?? null);
    const { view, record } = startingTask({
      taskId: newTaskId(),
      runner: this.#runner,
      owner,
      now,
      ttlMs: this.#ttlMs,
      pollIntervalMs: this.#pollIntervalMs,
    });
    // Counted before the write, so that tasks started together cannot pass the cap.
    this.#running++;
    // Other nodes may be asked for it at once: stored before it is answered. On SQLite (one
    // node) this process answers it from memory, so the row is written after the answer.
    const shared = this.#records?.shared === true;
    try {
      if (shared) await this.#records!.insert(record);
    } catch (error) {
      this.#running--;
      throw error;
    }
    const controller = new AbortController();
    const entry: Entry = {
      view,
      resultJson: undefined,
      resultBytes: 0,
      stored: false,
      owner,
      controller,
      expiresAt: now + this.#ttlMs,
      unsaved: false,
      writes: Promise.resolve(),
    };
    if (!shared) this.#write(entry, (records) => records.insert(record));
    this.#tasks.set(view.taskId, entry);
    this.#table?.startTicking();
    const stop = () => controller.abort(this.#lifetime.reason);
    this.#lifetime.addEventListener("abort", stop, { once: true });
    if (this.#lifetime.aborted) stop();
    const control: TaskControl = {
      signal: controller.signal,
      report: (message) => {
        if (entry.view.status !== "working") return;
        this.#update(entry, { statusMessage: message });
        entry.unsaved = true;
      },
    };
    work(control).then(
      (result) => this.#complete(entry, result),
      (error) => {
        if (controller.signal.aborted) {
          this.#finish(entry, { status: "cancelled", statusMessage: "Cancelled" });
        } else this.#finish(entry, { status: "failed", error: toError(error, view.taskId) });
      },
    ).finally(() => this.#lifetime.removeEventListener("abort", stop));
    return { ...entry.view };
  }

  /** Tasks by state (`persona_mcp_tasks`): none queued (a task starts at once), `running` here. */
  counts(): { queued: number; running: number } {
    return { queued: 0, running: this.#running };
  }

  /**
   * The task's current view, as `owner` may see it: undefined when unknown, expired, or another
   * owner's (exactly as unknown, so that an id reveals nothing to whoever does not own it).
   * With `result: false` the view comes without its result, which a task of this process then
   * needs neither parsed nor read from the table (a listen's fingerprint, read each second: the
   * status and `lastUpdatedAt` tell every change).
   */
  async get(
    taskId: string,
    owner: string | null,
    options: { result?: boolean } = {},
  ): Promise<TaskView | undefined> {
    this.#sweepHere();
    const asker = ownerDigest(owner);
    const entry = this.#tasks.get(taskId);
    if (entry && mayUse(entry.owner, asker)) {
      return options.result === false ? { ...entry.view } : await this.#viewHere(taskId, entry);
    }
    // Another owner's task held here is looked up as an unknown one is: no faster answer.
    const record = await this.#records?.get(taskId);
    const view = record && mayUse(record.owner, asker) ? this.#viewOf(record) : undefined;
    if (view && options.result === false) delete view.result;
    return view;
  }

  /**
   * Asks a running task to stop, on whichever node runs it; false when the id is unknown to
   * `owner` (see {@linkcode TaskStore.get}).
   */
  async cancel(taskId: string, owner: string | null): Promise<boolean> {
    const asker = ownerDigest(owner);
    const entry = this.#tasks.get(taskId);
    if (entry && mayUse(entry.owner, asker)) {
      this.#abortHere(taskId);
      return true;
    }
    const record = await this.#records?.get(taskId);
    if (!record || !mayUse(record.owner, asker)) return false;
    const view = this.#viewOf(record);
    if (!view) return false;
    if (view.status === "working" && await this.#records!.requestCancel(taskId)) {
      await this.#relay?.send({ kind: CANCEL_KIND, taskId }).catch(this.#onError);
    }
    return true;
  }

  /** Number of tasks this process holds (running or finished). */
  get size(): number {
    return this.#tasks.size;
  }

  /** UTF-8 bytes of the results held in memory (at most `maxKeptBytes`). */
  get keptBytes(): number {
    return this.#keptBytes;
  }

  /**
   * Stops the periodic work and waits for the table writes under way, after giving the tasks
   * cancelled by the server's stop up to `graceMs` to end (so that their end is written).
   */
  async close(graceMs = 1_000): Promise<void> {
    this.#table?.stop();
    const until = performance.now() + graceMs;
    while (this.#running > 0 && performance.now() < until) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    await Promise.all([...this.#writes]);
  }

  /**
   * A task of this process as clients see it: its result's JSON from memory or from the table,
   * sent as it is (see {@linkcode withResultText}).
   */
  async #viewHere(taskId: string, entry: Entry): Promise<TaskView | undefined> {
    const view = { ...entry.view };
    if (view.status !== "completed") return view;
    if (entry.resultJson !== undefined) {
      return withResultText(view, entry.resultJson, entry.resultBytes);
    }
    const text = await this.#records?.resultJson(taskId);
    // Its row is gone (cleaned up by another process): as gone here.
    if (typeof text !== "string") {
      this.#forget(taskId, entry);
      return undefined;
    }
    return withResultText(view, text, utf8Bytes(text));
  }

  /** A stored task as clients see it; undefined once expired. */
  #viewOf(record: TaskRecord): TaskView | undefined {
    return viewOf(record, {
      now: this.#clock.now(),
      runner: this.#runner,
      shared: this.#records!.shared,
      staleMs: this.#staleMs,
    });
  }

  #abortHere(taskId: string): void {
    const entry = this.#tasks.get(taskId);
    if (entry?.view.status === "working") {
      entry.controller.abort(new Error("cancelled by the client"));
    }
  }

  /** Ends a task with `result`: kept as its JSON, or failed when that is over `maxResultBytes`. */
  #complete(entry: Entry, result: Record<string, unknown>): void {
    if (entry.view.status !== "working") return;
    const serialized = serializedResult(result, this.#maxResultBytes);
    if ("error" in serialized) {
      this.#finish(entry, { status: "failed", error: serialized.error });
    } else this.#finish(entry, { status: "completed" }, serialized);
  }

  #finish(
    entry: Entry,
    change: Partial<TaskView>,
    result?: { text: string; bytes: number },
  ): void {
    if (entry.view.status !== "working") return;
    this.#running--;
    this.#update(entry, change);
    entry.unsaved = false;
    if (result) {
      entry.resultJson = result.text;
      entry.resultBytes = result.bytes;
      this.#keptBytes += result.bytes;
    }
    const { view } = entry;
    const end = {
      status: view.status as "completed" | "failed" | "cancelled",
      statusMessage: view.statusMessage ?? null,
      resultJson: result?.text ?? null,
      error: view.error ?? null,
      at: Date.parse(view.lastUpdatedAt),
    };
    this.#write(entry, async (records) => {
      await records.finish(view.taskId, end);
      // In the table now: past the byte bound its text may be dropped and read from there.
      entry.stored = true;
    });
    // Moved to the map's end, so that the map lists finished tasks in the order they finished.
    this.#tasks.delete(view.taskId);
    this.#tasks.set(view.taskId, entry);
    this.#trimFinished();
  }

  /** Queues a write of `entry` to the table (after its earlier ones). */
  #write(entry: Entry, write: (records: TaskRecords) => Promise<void>): void {
    const records = this.#records;
    if (!records) return;
    const writes = entry.writes.then(() => write(records)).catch(this.#onError);
    entry.writes = writes;
    this.#writes.add(writes);
    writes.finally(() => this.#writes.delete(writes));
  }

  /** Drops the result held in memory for `entry` (the table holds it, or the task is forgotten). */
  #release(entry: Entry): void {
    this.#keptBytes -= entry.resultBytes;
    entry.resultJson = undefined;
    entry.resultBytes = 0;
  }

  #forget(id: string, entry: Entry): void {
    this.#release(entry);
    this.#tasks.delete(id);
  }

  /**
   * Forgets the earliest finished tasks past `maxFinished`; while the results held in memory are
   * over `maxKeptBytes`, drops the earliest finished results, to be read from the table (those
   * the table does not hold yet: their tasks are forgotten). The map keeps finishing order.
   */
  #trimFinished(): void {
    let finished = this.#tasks.size - this.#running;
    for (const [id, entry] of this.#tasks) {
      if (finished <= this.#maxFinished && this.#keptBytes <= this.#maxKeptBytes) return;
      if (entry.view.status === "working") continue;
      if (finished <= this.#maxFinished) {
        if (entry.resultJson === undefined) continue;
        if (entry.stored) {
          this.#release(entry);
          continue;
        }
      }
      this.#forget(id, entry);
      finished--;
    }
  }

  #update(entry: Entry, change: Partial<TaskView>): void {
    entry.view = { ...entry.view, ...change, lastUpdatedAt: isoTime(this.#clock.now()) };
  }

  /** Forgets finished tasks whose time to live ended (running ones are kept while they run). */
  #sweepHere(): void {
    const now = this.#clock.now();
    for (const [id, entry] of this.#tasks) {
      if (entry.expiresAt <= now && entry.view.status !== "working") this.#forget(id, entry);
    }
  }

  /** Writes the status message of each running task whose message changed since. */
  #saveProgress(now: number): void {
    for (const entry of this.#tasks.values()) {
      if (entry.view.status !== "working" || !entry.unsaved) continue;
      entry.unsaved = false;
      const message = entry.view.statusMessage ?? "";
      this.#write(entry, (records) => records.progress(entry.view.taskId, message, now));
    }
  }

  /** Cleans up here, and the table at most once per `sweepMs`. */
  #sweep(): void {
    this.#sweepHere();
    this.#table?.sweep();
  }
}
