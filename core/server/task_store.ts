/**
 * Work that outlives the request that started it: each task has an unguessable id, a status
 * (`working`, then `completed`, `failed` or `cancelled`), a status message that follows its
 * progress, and its result or error once it ends. Clients poll and cancel by id (MCP's tasks
 * extension, `io.modelcontextprotocol/tasks`). A task runs in the process that started it and is
 * cancelled when that server stops. Running tasks are bounded (a new one is refused while this
 * process runs `maxTasks`); finished ones are kept until their time to live passes, and the
 * oldest finished are forgotten early when there are too many, so finished tasks never lock
 * clients out. A result is kept as its JSON text, serialized once (not as the object tree, which
 * took about twelve times its size), and only until the table holds it: from then on it is read
 * back from the table. Results held in memory are bounded in bytes too (`maxKeptBytes`, oldest
 * finished forgotten first), and a result larger than a reply may be (`maxResultBytes`,
 * MAX_REPLY_BYTES) is not kept: the task fails with the -32005 "too large" error instead. A task belongs to its owner, given when it starts (the session that started it,
 * or the client's authenticated principal): only that owner may read and cancel it, and to
 * anyone else its id answers exactly as an unknown one. A task started with no owner (a
 * stateless request without a credential) is a capability: its id, 256 random bits, is the only
 * key to it.
 *
 * With {@linkcode TaskStoreOptions.records} each task is also a row of the `tasks` table
 * (core/tasks/records.ts), so that every node of a PostgreSQL deployment answers for it: this
 * process answers its own tasks from memory (as fast as without the table) and any other task
 * from the table. The running node writes a task's start before answering it, its end at once,
 * and (on PostgreSQL) its progress message and a heartbeat each tick. Another node's cancel sets
 * the row's `cancel_requested` and tells the running node through the relay; the running node
 * also reads the flag each tick, in case the message was lost. A task whose node died reads as
 * `failed` once its heartbeat is `staleMs` old (on SQLite, one node: at once after a restart).
 *
 * @module
 */
import { createHash, randomBytes } from "node:crypto";
import { type Clock, isoTime } from "../clock.ts";
import { Busy } from "../errors.ts";
import type { Relay } from "../storage/mod.ts";
import type { TaskRecord, TaskRecords } from "../tasks/mod.ts";
import { utf8Bytes } from "./rpc/kept_json.ts";
import { RpcCode } from "./rpc/wire_errors.ts";

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

/** How a task's failure is turned into the JSON-RPC error clients see (`taskId`: the task's). */
export type ErrorMapper = (error: unknown, taskId: string) => Record<string, unknown>;

/** Options of a {@linkcode TaskStore}. */
export interface TaskStoreOptions {
  clock: Clock;
  /** Aborted when the server stops: running tasks are cancelled with it. */
  lifetime: AbortSignal;
  /** Most tasks running at once in this process (32); one more is refused with `Busy`. */
  maxTasks?: number;
  /** Most finished tasks kept (256); past it those that finished first are forgotten. */
  maxFinished?: number;
  /**
   * Largest result kept, in UTF-8 bytes of its JSON (MAX_REPLY_BYTES; default 1 MiB): a larger
   * one could never be sent, and its task fails with {@linkcode resultTooLarge} instead.
   */
  maxResultBytes?: number;
  /**
   * Most bytes of results held in memory at once (64 MiB): results not (yet) in the table. Past
   * it those that finished first are forgotten.
   */
  maxKeptBytes?: number;
  /** Time to live of a task from its creation, in ms. */
  ttlMs?: number;
  /** How often clients should poll, in ms. */
  pollIntervalMs?: number;
  /** Where tasks are stored for every node to see; without it they live in this process only. */
  records?: TaskRecords;
  /** Tells the node running a task of another node's cancel at once (PostgreSQL). */
  relay?: Relay;
  /** How often a node with running tasks writes their progress and reads cancels (1 s). */
  tickMs?: number;
  /** How often the heartbeat of running tasks is written (10 s). */
  heartbeatMs?: number;
  /** A working task whose heartbeat is this old has lost its node: it reads `failed` (60 s). */
  staleMs?: number;
  /** How often the table is cleaned up (expired and surplus finished tasks; 60 s). */
  sweepMs?: number;
  /** Told of a failed write to the table (the task itself goes on). */
  onError?: (error: unknown) => void;
}

interface Entry {
  /** Its view, without the result (see `resultJson`). */
  view: TaskView;
  /**
   * The result's JSON while it is held here: from the task's end until the table holds it (for
   * good without a table, or when the write failed). Undefined otherwise: a `completed` task's
   * result is then read from the table.
   */
  resultJson: string | undefined;
  /** UTF-8 bytes of `resultJson` (0 without one). */
  resultBytes: number;
  /** A digest of who owns it (null: nobody; see {@linkcode TaskStore.start}). */
  owner: string | null;
  controller: AbortController;
  expiresAt: number;
  /** The status message not yet written to the table. */
  unsaved: boolean;
  /** The table writes of this task, one after another. */
  writes: Promise<void>;
}

/** The error of a task whose node stopped while it ran. */
export const NODE_LOST = {
  code: -32603,
  message: "Internal error",
  data: { reason: "The server running the task stopped before it ended" },
} as const;

/** Default of {@linkcode TaskStoreOptions.maxKeptBytes}: 64 MiB. */
export const MAX_KEPT_BYTES = 64 * 1024 * 1024;

/**
 * The error of a task whose result is over `limit` bytes (MAX_REPLY_BYTES): the reply budget's
 * -32005, as a reply carrying that result would have been answered.
 */
export function resultTooLarge(bytes: number, limit: number): Record<string, unknown> {
  return {
    code: RpcCode.ReplyTooLarge,
    message: `Reply too large: the task's result is ${bytes} bytes, over ${limit} ` +
      "(MAX_REPLY_BYTES); ask for less (a shorter run, a smaller limit)",
    data: { max_reply_bytes: limit, ran: true },
  };
}

/** Random bytes in a task id: 256 bits from the CSPRNG, past guessing and enumeration. */
const TASK_ID_BYTES = 32;

/** A new task id: {@linkcode TASK_ID_BYTES} random bytes in base64url (43 characters). */
export function newTaskId(): string {
  return randomBytes(TASK_ID_BYTES).toString("base64url");
}

/** What is kept of an owner: its SHA-256 (an owner may be a session id, a credential). */
function ownerDigest(owner: string | null): string | null {
  return owner === null ? null : createHash("sha256").update(owner, "utf8").digest("base64url");
}

/** True when `asker` may read and cancel a task of `owner`: its own, or nobody's. */
function mayUse(owner: string | null, asker: string | null): boolean {
  return owner === null || owner === asker;
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
  readonly #tickMs: number;
  readonly #heartbeatMs: number;
  readonly #staleMs: number;
  readonly #sweepMs: number;
  readonly #onError: (error: unknown) => void;
  /** This process among the runners of the `tasks` table. */
  readonly #runner = crypto.randomUUID();
  #running = 0;
  /** Bytes of the results held in memory (`Entry.resultBytes` summed). */
  #keptBytes = 0;
  /** Table writes under way, of every task (forgotten ones too). */
  readonly #writes = new Set<Promise<void>>();
  #ticker: ReturnType<typeof setInterval> | undefined;
  #ticking = false;
  #lastBeat = 0;
  #lastSweep = Number.NEGATIVE_INFINITY;

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
    this.#tickMs = options.tickMs ?? 1_000;
    this.#heartbeatMs = options.heartbeatMs ?? 10_000;
    this.#staleMs = options.staleMs ?? 60_000;
    this.#sweepMs = options.sweepMs ?? 60_000;
    this.#onError = options.onError ?? (() => {});
    this.#relay?.on((message) => {
      if (message.kind === CANCEL_KIND && typeof message.taskId === "string") {
        this.#abortHere(message.taskId);
      }
    });
  }

  /**
   * Starts `work` as a task of `options.owner` and returns its first view (`working`) once it is
   * stored; the task is retrievable by id, by its owner, from then on. Throws {@linkcode Busy} when this process
   * runs `maxTasks` tasks already.
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
    const view: TaskView = {
      taskId: newTaskId(),
      status: "working",
      createdAt: isoTime(now),
      lastUpdatedAt: isoTime(now),
      ttlMs: this.#ttlMs,
      pollIntervalMs: this.#pollIntervalMs,
    };
    const owner = ownerDigest(options.owner ?? null);
    const record: TaskRecord = {
      id: view.taskId,
      runner: this.#runner,
      owner,
      status: "working",
      statusMessage: null,
      result: null,
      error: null,
      createdAt: now,
      updatedAt: now,
      expiresAt: now + this.#ttlMs,
      ttlMs: this.#ttlMs,
      pollIntervalMs: this.#pollIntervalMs,
      heartbeatAt: now,
      cancelRequested: false,
    };
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
      owner,
      controller,
      expiresAt: now + this.#ttlMs,
      unsaved: false,
      writes: Promise.resolve(),
    };
    if (!shared) this.#write(entry, (records) => records.insert(record));
    this.#tasks.set(view.taskId, entry);
    this.#startTicking();
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

  /**
   * Tasks by state, as the metrics read a job queue (`persona_mcp_jobs`): a task starts at
   * once, so none is ever queued; `running` is the tasks this process runs.
   */
  counts(): { queued: number; running: number } {
    return { queued: 0, running: this.#running };
  }

  /**
   * The task's current view, as `owner` may see it: undefined when unknown, expired, or another
   * owner's (exactly as unknown, so that an id reveals nothing to whoever does not own it).
   */
  async get(taskId: string, owner: string | null): Promise<TaskView | undefined> {
    this.#sweepHere();
    const asker = ownerDigest(owner);
    const entry = this.#tasks.get(taskId);
    if (entry && mayUse(entry.owner, asker)) return await this.#viewHere(taskId, entry);
    // Another owner's task held here is looked up as an unknown one is: no faster answer.
    const record = await this.#records?.get(taskId);
    return record && mayUse(record.owner, asker) ? this.#viewOf(record) : undefined;
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
    clearInterval(this.#ticker);
    this.#ticker = undefined;
    const until = performance.now() + graceMs;
    while (this.#running > 0 && performance.now() < until) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    await Promise.all([...this.#writes]);
  }

  /** A task of this process as clients see it: its result from memory or from the table. */
  async #viewHere(taskId: string, entry: Entry): Promise<TaskView | undefined> {
    const view = { ...entry.view };
    if (entry.resultJson !== undefined) {
      view.result = JSON.parse(entry.resultJson) as Record<string, unknown>;
    } else if (view.status === "completed") {
      const result = (await this.#records?.get(taskId))?.result;
      // Its row is gone (cleaned up by another process): as gone here.
      if (!result) {
        this.#forget(taskId, entry);
        return undefined;
      }
      view.result = result;
    }
    return view;
  }

  /** A stored task as clients see it; undefined once expired. */
  #viewOf(record: TaskRecord): TaskView | undefined {
    const now = this.#clock.now();
    if (record.status !== "working" && record.expiresAt <= now) return undefined;
    const view: TaskView = {
      taskId: record.id,
      status: record.status,
      createdAt: isoTime(record.createdAt),
      lastUpdatedAt: isoTime(record.updatedAt),
      ttlMs: record.ttlMs,
      pollIntervalMs: record.pollIntervalMs,
    };
    if (record.statusMessage !== null) view.statusMessage = record.statusMessage;
    if (record.result !== null) view.result = record.result;
    if (record.error !== null) view.error = record.error;
    if (record.status === "working" && this.#lost(record, now)) {
      view.status = "failed";
      view.error = { ...NODE_LOST };
    }
    return view;
  }

  /**
   * True when the node running a working task is gone: another process on SQLite (one node:
   * this process would hold it), a heartbeat `staleMs` old on PostgreSQL.
   */
  #lost(record: TaskRecord, now: number): boolean {
    if (record.runner === this.#runner) return false;
    return !this.#records!.shared || record.heartbeatAt < now - this.#staleMs;
  }

  #abortHere(taskId: string): void {
    const entry = this.#tasks.get(taskId);
    if (entry?.view.status === "working") {
      entry.controller.abort(new Error("cancelled by the client"));
    }
  }

  /**
   * Ends a task with `result`, serialized once: kept as text (until the table holds it), or the
   * "too large" failure when it is over `maxResultBytes`.
   */
  #complete(entry: Entry, result: Record<string, unknown>): void {
    if (entry.view.status !== "working") return;
    let text: string;
    try {
      text = JSON.stringify(result);
    } catch (error) {
      this.#finish(entry, {
        status: "failed",
        error: { code: -32603, message: "Internal error" },
      });
      this.#onError(error);
      return;
    }
    const bytes = utf8Bytes(text);
    if (bytes > this.#maxResultBytes) {
      this.#finish(entry, { status: "failed", error: resultTooLarge(bytes, this.#maxResultBytes) });
      return;
    }
    this.#finish(entry, { status: "completed" }, { text, bytes });
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
      // In the table now: read from there (a failed write keeps it here).
      this.#release(entry);
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
   * Forgets the earliest finished tasks past `maxFinished`, and while the results held in memory
   * are over `maxKeptBytes` (the map keeps finishing order).
   */
  #trimFinished(): void {
    let finished = this.#tasks.size - this.#running;
    for (const [id, entry] of this.#tasks) {
      if (finished <= this.#maxFinished && this.#keptBytes <= this.#maxKeptBytes) return;
      if (entry.view.status === "working") continue;
      if (finished <= this.#maxFinished && entry.resultJson === undefined) continue;
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

  /** Cleans up here, and the table at most once per `sweepMs`. */
  #sweep(): void {
    this.#sweepHere();
    const records = this.#records;
    const now = this.#clock.now();
    if (!records || now - this.#lastSweep < this.#sweepMs) return;
    this.#lastSweep = now;
    // On SQLite (one node) no other runner is alive; on PostgreSQL one whose heartbeat stopped.
    const staleBefore = records.shared ? now - this.#staleMs : Number.MAX_SAFE_INTEGER;
    records.sweep(now, this.#runner, staleBefore, { ...NODE_LOST }, this.#maxFinished)
      .catch(this.#onError);
  }

  /** On PostgreSQL, while tasks run here: a tick each `tickMs`. */
  #startTicking(): void {
    if (!this.#records?.shared || this.#ticker !== undefined) return;
    this.#ticker = setInterval(() => {
      if (this.#ticking) return;
      this.#ticking = true;
      this.#tick().catch(this.#onError).finally(() => this.#ticking = false);
    }, this.#tickMs);
    Deno.unrefTimer(this.#ticker);
  }

  /** Writes progress messages (and the heartbeat when due), then stops tasks cancelled elsewhere. */
  async #tick(): Promise<void> {
    const records = this.#records!;
    if (this.#running === 0) {
      clearInterval(this.#ticker);
      this.#ticker = undefined;
      return;
    }
    const now = this.#clock.now();
    for (const entry of this.#tasks.values()) {
      if (entry.view.status !== "working" || !entry.unsaved) continue;
      entry.unsaved = false;
      const message = entry.view.statusMessage ?? "";
      this.#write(entry, (records) => records.progress(entry.view.taskId, message, now));
    }
    if (now - this.#lastBeat >= this.#heartbeatMs) {
      this.#lastBeat = now;
      await records.heartbeat(this.#runner, now);
    }
    for (const id of await records.cancelsFor(this.#runner)) this.#abortHere(id);
    this.#sweep();
  }
}
