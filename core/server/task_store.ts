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
 * earliest finished results are dropped and read back from the table (without a table, their
 * tasks are forgotten; while their write is under way, they are held), and a result with no room
 * in a `tasks/get` reply (`maxResultBytes`, MAX_REPLY_BYTES, less the reply's envelope and the
 * task's view), or over `maxKeptBytes`, is not kept: the task fails with the -32005 "too large"
 * error instead (task_result.ts). A task belongs to its owner,
 * given when it starts: to anyone else its id answers exactly as an unknown one (task_owner.ts).
 *
 * With {@linkcode TaskStoreOptions.records} each task is also a row of the `tasks` table
 * (core/tasks/records.ts), so that every node of a PostgreSQL deployment answers for it: this
 * process answers its own tasks from memory (as fast as without the table) and any other task
 * from the table. The running node writes a task's start before answering it, its end at once
 * (tried again until it lands while the database is out of reach, task_writes.ts), and (on
 * PostgreSQL) its progress message and a heartbeat each tick (task_table.ts). Another
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
import { completedResult, keptRoom, MAX_KEPT_BYTES, type ResultLimits } from "./task_result.ts";
import {
  startingEntry,
  TaskEntries,
  type TaskEntry as Entry,
  withResultText,
} from "./task_entries.ts";
import { TaskWrites } from "./task_writes.ts";

/** The relayed message that asks the node running a task to stop it. */
const CANCEL_KIND = "task.cancel";

/** The tasks of one server. */
export class TaskStore {
  readonly #tasks: TaskEntries;
  readonly #clock: Clock;
  readonly #lifetime: AbortSignal;
  readonly #maxTasks: number;
  readonly #maxFinished: number;
  /** The bytes a result may take (`maxResultBytes`, `maxKeptBytes`). */
  readonly #limits: ResultLimits;
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
  readonly #writes: TaskWrites;

  /** Creates an empty store. */
  constructor(options: TaskStoreOptions) {
    this.#clock = options.clock;
    this.#lifetime = options.lifetime;
    this.#maxTasks = options.maxTasks ?? 32;
    this.#maxFinished = options.maxFinished ?? 256;
    const maxKeptBytes = options.maxKeptBytes ?? MAX_KEPT_BYTES;
    this.#limits = { maxResultBytes: options.maxResultBytes ?? 1_048_576, maxKeptBytes };
    this.#tasks = new TaskEntries({ maxFinished: this.#maxFinished, maxKeptBytes });
    this.#ttlMs = options.ttlMs ?? 3_600_000;
    this.#pollIntervalMs = options.pollIntervalMs ?? 1_000;
    this.#records = options.records;
    this.#relay = options.records?.shared ? options.relay : undefined;
    this.#staleMs = options.staleMs ?? 60_000;
    this.#onError = options.onError ?? (() => {});
    const writes = { runner: this.#runner, onError: this.#onError, maxPending: this.#maxTasks };
    this.#writes = new TaskWrites({ ...options, ...writes });
    this.#table = options.records && new TaskTable(options.records, {
      ...options,
      runner: this.#runner,
      staleMs: this.#staleMs,
      keepEnded: this.#maxFinished,
      onError: this.#onError,
    }, {
      running: () => this.#running,
      held: () => this.#tasks.values(),
      saveProgress: (now) => this.#writes.saveProgress(this.#tasks.values(), now),
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
    const entry = startingEntry(view, { owner, controller, expiresAt: now + this.#ttlMs });
    if (!shared) this.#writes.queue(entry, (records) => records.insert(record));
    this.#tasks.add(entry);
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
      resultBytes: () => keptRoom(entry.view, this.#limits),
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
   * With `result: false` the view comes without its result, which is then neither parsed nor
   * read from the table, for a task of this process or another node's (a listen's fingerprint,
   * read each second: the status and `lastUpdatedAt` tell every change; a cancel's check).
   */
  async get(
    taskId: string,
    owner: string | null,
    options: { result?: boolean } = {},
  ): Promise<TaskView | undefined> {
    this.#tasks.sweep(this.#clock.now());
    const asker = ownerDigest(owner);
    const entry = this.#tasks.get(taskId);
    const result = options.result !== false;
    if (entry && mayUse(entry.owner, asker)) {
      return result ? await this.#tasks.view(entry, this.#records) : { ...entry.view };
    }
    // Another owner's task held here is looked up as an unknown one is: no faster answer.
    const record = await this.#records?.get(taskId, { result });
    const view = record && mayUse(record.owner, asker) ? this.#viewOf(record) : undefined;
    // Sent as the row's text, never parsed and serialized again (see `withResultText`).
    if (view?.status !== "completed" || record?.resultJson == null) return view;
    return withResultText(view, record.resultJson);
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
    const record = await this.#records?.get(taskId, { result: false });
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

  /** UTF-8 bytes of the results held in memory (at most `maxKeptBytes`, writes under way aside). */
  get keptBytes(): number {
    return this.#tasks.keptBytes;
  }

  /**
   * Stops the periodic work and waits for the table writes under way, after giving the tasks
   * cancelled by the server's stop up to `graceMs` to end (so that their end is written); an end
   * still waiting to be tried again (the database out of reach) is tried once more, then given up.
   */
  async close(graceMs = 1_000): Promise<void> {
    this.#table?.stop();
    const until = performance.now() + graceMs;
    while (this.#running > 0 && performance.now() < until) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    this.#writes.close();
    await this.#writes.settled();
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
    const serialized = completedResult(entry.view, result, this.#limits);
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
    this.#writes.end(entry, result?.text ?? null, () => this.#tasks.trim(this.#running));
    this.#tasks.finished(entry, result);
    this.#tasks.trim(this.#running);
  }

  #update(entry: Entry, change: Partial<TaskView>): void {
    entry.view = { ...entry.view, ...change, lastUpdatedAt: isoTime(this.#clock.now()) };
  }

  /** Cleans up here, and the table at most once per `sweepMs`. */
  #sweep(): void {
    this.#tasks.sweep(this.#clock.now());
    this.#table?.sweep();
  }
}
