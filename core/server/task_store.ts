/**
 * Work that outlives the request that started it: each task has an unguessable id, a status
 * (`working`, then `completed`, `failed` or `cancelled`), a status message that follows its
 * progress, and its result or error once it ends. Clients poll and cancel by id (MCP's tasks
 * extension, `io.modelcontextprotocol/tasks`). Tasks live in this process and are cancelled when
 * the server stops. Running tasks are bounded (a new one is refused while the store is full of
 * running ones); finished ones are kept until their time to live passes, and the oldest finished
 * are forgotten early when there are too many, so finished tasks never lock clients out. A task
 * is a capability: whoever holds its id (a random UUID) may read and cancel it, from any
 * connection. No session owns it, so a client can poll its task again after reconnecting.
 *
 * @module
 */
import { type Clock, isoTime } from "../clock.ts";
import { Busy } from "../errors.ts";

/** A task's state. */
export type TaskStatus = "working" | "completed" | "failed" | "cancelled";

/** A task as clients see it (the extension's `Task`, with the terminal payload inlined). */
export interface TaskView {
  taskId: string;
  status: TaskStatus;
  statusMessage?: string;
  createdAt: string;
  lastUpdatedAt: string;
  /** Time to live from creation, in ms; the task is forgotten after it. */
  ttlMs: number;
  pollIntervalMs: number;
  /** The result, when `completed`. */
  result?: Record<string, unknown>;
  /** The JSON-RPC error, when `failed`. */
  error?: Record<string, unknown>;
}

/** What a task's work gets: its signal and a way to say how far it got. */
export interface TaskControl {
  signal: AbortSignal;
  /** Updates the status message (shown to polling clients). */
  report(message: string): void;
}

/** How a task's failure is turned into the JSON-RPC error clients see. */
export type ErrorMapper = (error: unknown) => Record<string, unknown>;

/** Options of a {@linkcode TaskStore}. */
export interface TaskStoreOptions {
  clock: Clock;
  /** Aborted when the server stops: running tasks are cancelled with it. */
  lifetime: AbortSignal;
  /** Most tasks running at once (32); one more is refused with `Busy`. */
  maxTasks?: number;
  /** Most finished tasks kept (256); past it those that finished first are forgotten. */
  maxFinished?: number;
  /** Time to live of a task from its creation, in ms. */
  ttlMs?: number;
  /** How often clients should poll, in ms. */
  pollIntervalMs?: number;
}

interface Entry {
  view: TaskView;
  controller: AbortController;
  expiresAt: number;
}

/** The tasks of one server. */
export class TaskStore {
  readonly #tasks = new Map<string, Entry>();
  readonly #clock: Clock;
  readonly #lifetime: AbortSignal;
  readonly #maxTasks: number;
  readonly #maxFinished: number;
  readonly #ttlMs: number;
  readonly #pollIntervalMs: number;

  /** Creates an empty store. */
  constructor(options: TaskStoreOptions) {
    this.#clock = options.clock;
    this.#lifetime = options.lifetime;
    this.#maxTasks = options.maxTasks ?? 32;
    this.#maxFinished = options.maxFinished ?? 256;
    this.#ttlMs = options.ttlMs ?? 3_600_000;
    this.#pollIntervalMs = options.pollIntervalMs ?? 1_000;
  }

  /**
   * Starts `work` as a task and returns its first view (`working`) at once; the task is
   * retrievable by id, by any caller, from then on. Throws {@linkcode Busy} when the store is
   * full of tasks still running.
   */
  start(
    work: (control: TaskControl) => Promise<Record<string, unknown>>,
    toError: ErrorMapper,
  ): TaskView {
    this.#sweep();
    if (this.counts().running >= this.#maxTasks) {
      throw new Busy(`Too many tasks (${this.#maxTasks}); wait for one to finish or cancel one`);
    }
    const now = this.#clock.now();
    const controller = new AbortController();
    const entry: Entry = {
      view: {
        taskId: crypto.randomUUID(),
        status: "working",
        createdAt: isoTime(now),
        lastUpdatedAt: isoTime(now),
        ttlMs: this.#ttlMs,
        pollIntervalMs: this.#pollIntervalMs,
      },
      controller,
      expiresAt: now + this.#ttlMs,
    };
    this.#tasks.set(entry.view.taskId, entry);
    const stop = () => controller.abort(this.#lifetime.reason);
    this.#lifetime.addEventListener("abort", stop, { once: true });
    if (this.#lifetime.aborted) stop();
    const control: TaskControl = {
      signal: controller.signal,
      report: (message) => {
        if (entry.view.status === "working") this.#update(entry, { statusMessage: message });
      },
    };
    work(control).then(
      (result) => this.#finish(entry, { status: "completed", result }),
      (error) => {
        if (controller.signal.aborted) {
          this.#finish(entry, { status: "cancelled", statusMessage: "Cancelled" });
        } else this.#finish(entry, { status: "failed", error: toError(error) });
      },
    ).finally(() => this.#lifetime.removeEventListener("abort", stop));
    return { ...entry.view };
  }

  /**
   * Tasks by state, as the metrics read a job queue (`persona_mcp_jobs`): a task starts at
   * once, so none is ever queued; `running` is the tasks still working.
   */
  counts(): { queued: number; running: number } {
    let running = 0;
    for (const entry of this.#tasks.values()) if (entry.view.status === "working") running++;
    return { queued: 0, running };
  }

  /** The task's current view; undefined when unknown or expired. */
  get(taskId: string): TaskView | undefined {
    this.#sweep();
    const entry = this.#tasks.get(taskId);
    return entry ? { ...entry.view } : undefined;
  }

  /** Asks a running task to stop; false when the id is unknown. */
  cancel(taskId: string): boolean {
    const entry = this.#tasks.get(taskId);
    if (!entry) return false;
    if (entry.view.status === "working") {
      entry.controller.abort(new Error("cancelled by the client"));
    }
    return true;
  }

  /** Number of tasks held (running or finished). */
  get size(): number {
    return this.#tasks.size;
  }

  #finish(entry: Entry, change: Partial<TaskView>): void {
    if (entry.view.status !== "working") return;
    this.#update(entry, change);
    // Moved to the map's end, so that the map lists finished tasks in the order they finished.
    this.#tasks.delete(entry.view.taskId);
    this.#tasks.set(entry.view.taskId, entry);
    this.#trimFinished();
  }

  /** Forgets the earliest finished tasks past `maxFinished` (the map keeps finishing order). */
  #trimFinished(): void {
    let finished = this.#tasks.size - this.counts().running;
    for (const [id, entry] of this.#tasks) {
      if (finished <= this.#maxFinished) return;
      if (entry.view.status === "working") continue;
      this.#tasks.delete(id);
      finished--;
    }
  }

  #update(entry: Entry, change: Partial<TaskView>): void {
    entry.view = { ...entry.view, ...change, lastUpdatedAt: isoTime(this.#clock.now()) };
  }

  /** Forgets finished tasks whose time to live ended (running ones are kept while they run). */
  #sweep(): void {
    const now = this.#clock.now();
    for (const [id, entry] of this.#tasks) {
      if (entry.expiresAt <= now && entry.view.status !== "working") this.#tasks.delete(id);
    }
  }
}
