/**
 * The `tasks` table's schema and its rows: the migrations, the stored task
 * ({@linkcode TaskRecord}) and how a row reads as one. Read and written by `records.ts`.
 *
 * @module
 */
import type { Migration } from "../storage/database.ts";

/** The table (both dialects). */
export const taskMigrations: Migration[] = [{
  name: "tasks_1",
  sql: `
    CREATE TABLE tasks (
      id TEXT PRIMARY KEY,
      runner TEXT NOT NULL,
      status TEXT NOT NULL,
      status_message TEXT,
      result TEXT,
      error TEXT,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL,
      expires_at INTEGER NOT NULL,
      ttl_ms INTEGER NOT NULL,
      poll_interval_ms INTEGER NOT NULL,
      heartbeat_at INTEGER NOT NULL,
      cancel_requested INTEGER NOT NULL DEFAULT 0
    );
    CREATE INDEX tasks_by_runner ON tasks (runner, status);
    CREATE INDEX tasks_by_expiry ON tasks (expires_at);
  `,
}, {
  // Who may read and cancel the task (a digest; NULL: whoever holds its id).
  name: "tasks_2_owner",
  sql: "ALTER TABLE tasks ADD COLUMN owner TEXT",
}];

/**
 * A stored task. Times are epoch ms; `error` is a JSON object, the result its JSON text (never
 * parsed here: it is sent as it is, and may be as large as a reply).
 */
export interface TaskRecord {
  id: string;
  /** The process running it (a random id per server process). */
  runner: string;
  /** A digest of who started it, who alone may read and cancel it; null: whoever holds its id. */
  owner: string | null;
  status: "working" | "completed" | "failed" | "cancelled";
  statusMessage: string | null;
  /** The result's JSON text; null without one (or when read without it, `{ result: false }`). */
  resultJson: string | null;
  error: Record<string, unknown> | null;
  createdAt: number;
  updatedAt: number;
  expiresAt: number;
  ttlMs: number;
  pollIntervalMs: number;
  heartbeatAt: number;
  /**
   * How old the heartbeat is by the database's clock (PostgreSQL, when read): what another node
   * judges liveness by, whatever its own clock says (review19).
   */
  heartbeatAgeMs?: number;
  cancelRequested: boolean;
}

/** A row of the `tasks` table as the driver returns it (numbers may come as text). */
export interface Row {
  id: string;
  runner: string;
  owner: string | null;
  status: TaskRecord["status"];
  status_message: string | null;
  result?: string | null;
  error: string | null;
  created_at: number | string;
  updated_at: number | string;
  expires_at: number | string;
  ttl_ms: number | string;
  poll_interval_ms: number | string;
  heartbeat_at: number | string;
  cancel_requested: number | string;
  heartbeat_age_ms?: number | string;
}

/** The columns of a task row, in order. */
export const COLUMNS =
  "id, runner, owner, status, status_message, result, error, created_at, updated_at, " +
  "expires_at, ttl_ms, poll_interval_ms, heartbeat_at, cancel_requested";

/** Every column but `result` (the largest by far: read only when asked for). */
export const HEAD_COLUMNS = COLUMNS.replace(" result,", "");

function parsed(text: string | null): Record<string, unknown> | null {
  return text === null ? null : JSON.parse(text) as Record<string, unknown>;
}

/** The task `row` reads as (numbers as numbers, `error` parsed). */
export function record(row: Row): TaskRecord {
  return {
    id: row.id,
    runner: row.runner,
    owner: row.owner,
    status: row.status,
    statusMessage: row.status_message,
    resultJson: row.result ?? null,
    error: parsed(row.error),
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
    expiresAt: Number(row.expires_at),
    ttlMs: Number(row.ttl_ms),
    pollIntervalMs: Number(row.poll_interval_ms),
    heartbeatAt: Number(row.heartbeat_at),
    ...(row.heartbeat_age_ms === undefined ? {} : { heartbeatAgeMs: Number(row.heartbeat_age_ms) }),
    cancelRequested: Number(row.cancel_requested) !== 0,
  };
}
