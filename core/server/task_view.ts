/**
 * A task's view and its row of the `tasks` table (core/server/task_store.ts): a new task's
 * both, and a row as clients see it, a lost node's task read as failed.
 *
 * @module
 */
import { isoTime } from "../clock.ts";
import type { TaskRecord } from "../tasks/mod.ts";
import { NODE_LOST, type TaskView } from "./task_types.ts";

/** What deciding whether a working task's node is lost takes. */
export interface ViewContext {
  now: number;
  /** This process among the runners. */
  runner: string;
  /** True on PostgreSQL (several nodes), false on SQLite (one). */
  shared: boolean;
  /** A heartbeat this old means the node is gone (PostgreSQL). */
  staleMs: number;
}

/** A task just started: its first view (`working`) and its row. */
export function startingTask(task: {
  taskId: string;
  runner: string;
  /** Its owner's digest, or null. */
  owner: string | null;
  now: number;
  ttlMs: number;
  pollIntervalMs: number;
}): { view: TaskView; record: TaskRecord } {
  const { taskId, now, ttlMs, pollIntervalMs } = task;
  const view: TaskView = {
    taskId,
    status: "working",
    createdAt: isoTime(now),
    lastUpdatedAt: isoTime(now),
    ttlMs,
    pollIntervalMs,
  };
  const record: TaskRecord = {
    id: taskId,
    runner: task.runner,
    owner: task.owner,
    status: "working",
    statusMessage: null,
    resultJson: null,
    error: null,
    createdAt: now,
    updatedAt: now,
    expiresAt: now + ttlMs,
    ttlMs,
    pollIntervalMs,
    heartbeatAt: now,
    cancelRequested: false,
  };
  return { view, record };
}

/**
 * A stored task as clients see it, without its result (the store adds the row's text, see
 * `TaskStore.get`); undefined once expired.
 */
export function viewOf(record: TaskRecord, context: ViewContext): TaskView | undefined {
  const { now } = context;
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
  if (record.error !== null) view.error = record.error;
  if (record.status === "working" && lost(record, context)) {
    view.status = "failed";
    view.error = { ...NODE_LOST };
  }
  return view;
}

/**
 * True when the node running a working task is gone: another process on SQLite (one node:
 * this process would hold it), a heartbeat `staleMs` old on PostgreSQL (by its clock). A row of
 * this process is read only when it holds the task no more (a running task is never forgotten):
 * its end was given up and the task forgotten, so it is not running (review24 F1).
 */
function lost(record: TaskRecord, context: ViewContext): boolean {
  if (record.runner === context.runner) return true;
  if (!context.shared) return true;
  // By the database's clock when the row says (no two nodes' clocks compared), else by ours.
  return record.heartbeatAgeMs !== undefined
    ? record.heartbeatAgeMs > context.staleMs
    : record.heartbeatAt < context.now - context.staleMs;
}
