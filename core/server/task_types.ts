/**
 * What a task is to its clients and to the work it runs (core/server/task_store.ts): its view,
 * its control, the store's options, and the error of a task whose node was lost.
 *
 * @module
 */
import type { Clock } from "../clock.ts";
import type { Relay } from "../storage/mod.ts";
import type { TaskRecords } from "../tasks/mod.ts";
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
  /**
   * The most bytes the result's JSON may take to be kept, as the task stands now (its view goes
   * in every reply carrying the result): work that can shorten its result (a tool's error
   * answer) fits it in; a longer one fails the task (`task_result.ts`).
   */
  resultBytes(): number;
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
   * Largest `tasks/get` reply carrying a result (MAX_REPLY_BYTES; default 1 MiB): a result is
   * kept only when it fits in it with the reply's envelope and the task's view (and in
   * `maxKeptBytes`); a larger one could never be sent (or held), and its task fails with -32005
   * instead (task_result.ts `resultRoom`).
   */
  maxResultBytes?: number;
  /**
   * Most bytes of results held in memory at once (64 MiB). Past it those that finished first are
   * dropped, read from the table from then on (without a table: their tasks are forgotten); a
   * result whose write is under way is held until it lands.
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

/**
 * The error of a task whose node stopped while it ran: -32008 (`RpcCode.ShuttingDown`), as a
 * call cut by a server stopping is answered; the work did not finish, run it again.
 */
export const NODE_LOST = {
  code: RpcCode.ShuttingDown,
  message: "Server stopped: the node running the task stopped before it ended; run it again",
  data: { reason: "The server running the task stopped before it ended" },
} as const;
