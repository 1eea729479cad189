/**
 * The `tasks` table: the state of every MCP task (see core/server/task_store.ts) as every node
 * sees it. The node running a task writes its status as it changes (its progress message at most
 * once a tick, its end at once) and beats a heartbeat; any node reads it, and asks for a cancel
 * by setting `cancel_requested`, which the running node reads again each tick. Portable SQL:
 * SQLite for one node, PostgreSQL for several.
 *
 * @module
 */
import type { Database } from "../storage/database.ts";
import { COLUMNS, HEAD_COLUMNS, record, type Row, type TaskRecord } from "./record_rows.ts";

export { taskMigrations, type TaskRecord } from "./record_rows.ts";

/**
 * The database's clock in epoch ms (PostgreSQL): heartbeats are written and judged by one clock,
 * so a node whose own clock is behind (or ahead) is not taken for dead (or alive) by the others.
 * A subquery, evaluated once per statement, so comparisons with it can use an index.
 */
const DB_NOW_MS = "(SELECT (EXTRACT(EPOCH FROM clock_timestamp()) * 1000)::bigint)";

/** The end of a task, as written once. */
export interface TaskEnd {
  status: "completed" | "failed" | "cancelled";
  statusMessage: string | null;
  /** The result's JSON text (serialized once, by whoever holds the result). */
  resultJson: string | null;
  error: Record<string, unknown> | null;
  at: number;
  /**
   * The node that ran it (its `runner`): its end also replaces a `failed` that another node's
   * sweep wrote while this node could not reach the database (its heartbeat went stale), so
   * every node ends up answering the end the task really had. Without it, only a working row is
   * written.
   */
  runner?: string;
}

/** What {@linkcode TaskRecords.sweep} cleans up, for the node `runner`. */
export interface TaskCleanup {
  /** The node cleaning up (a random id per server process). */
  runner: string;
  /**
   * Other nodes' working tasks whose heartbeat is older than this are failed: an epoch ms, or
   * (PostgreSQL) `{ ms }` ago by the database's clock.
   */
  stale: number | { ms: number };
  /** The error of those tasks. */
  lostError: Record<string, unknown>;
  /** Ended tasks of `runner` kept (its newest). */
  keepEnded: number;
}

/** Options of {@linkcode TaskRecords}. */
export interface TaskRecordOptions {
  /**
   * This node's clock, when a task's expiry is written and judged by the database's clock
   * (PostgreSQL, several nodes): an expiry this node sets is stored as that long from the
   * database's now, and one read back as that long from this node's. So a node whose clock is
   * ahead or behind neither sweeps other nodes' tasks early nor keeps its own late (attack19 F3).
   * Absent: times are stored and compared as given (one node; tests with a manual clock).
   */
  databaseClock?: () => number;
}

/** Reads and writes the `tasks` table. */
export class TaskRecords {
  readonly #db: Database;
  readonly #nodeNow: (() => number) | undefined;

  /** Records over `db` (migrated). */
  constructor(db: Database, options: TaskRecordOptions = {}) {
    this.#db = db;
    this.#nodeNow = db.dialect === "postgres" ? options.databaseClock : undefined;
  }

  /** True when several nodes may share the table (PostgreSQL). */
  get shared(): boolean {
    return this.#db.dialect === "postgres";
  }

  /** Now, as heartbeats are written: the database's clock on PostgreSQL, else `at`. */
  get #beat(): string {
    return this.shared ? DB_NOW_MS : "?";
  }

  /** Stores a new task (`working`; on PostgreSQL its heartbeat by the database's clock). */
  async insert(task: TaskRecord): Promise<void> {
    await this.#db.run(
      `INSERT INTO tasks (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ${
        this.#nodeNow ? `${DB_NOW_MS} + ?` : "?"
      }, ?, ?, ${this.shared ? `COALESCE(?, ${DB_NOW_MS})` : "?"}, ?)`,
      task.id,
      task.runner,
      task.owner,
      task.status,
      task.statusMessage,
      null,
      null,
      task.createdAt,
      task.updatedAt,
      this.#nodeNow ? task.expiresAt - this.#nodeNow() : task.expiresAt,
      task.ttlMs,
      task.pollIntervalMs,
      this.shared ? null : task.heartbeatAt,
      0,
    );
  }

  /**
   * The task `id`, if stored; with `result: false` without its result (`resultJson` null), which
   * is then neither read nor sent by the database (a poll's fingerprint, a cancel).
   */
  async get(id: string, options: { result?: boolean } = {}): Promise<TaskRecord | undefined> {
    const columns = options.result === false ? HEAD_COLUMNS : COLUMNS;
    const age = this.shared ? `, ${DB_NOW_MS} - heartbeat_at AS heartbeat_age_ms` : "";
    const left = this.#nodeNow ? `, expires_at - ${DB_NOW_MS} AS expires_in_ms` : "";
    const row = await this.#db.get<Row & { expires_in_ms?: number | string }>(
      `SELECT ${columns}${age}${left} FROM tasks WHERE id = ?`,
      id,
    );
    if (!row) return undefined;
    const read = record(row);
    // As long from this node's now as it is from the database's.
    if (this.#nodeNow) read.expiresAt = this.#nodeNow() + Number(row.expires_in_ms);
    return read;
  }

  /** The result of the task `id` as its stored JSON text (null: none; undefined: no such task). */
  async resultJson(id: string): Promise<string | null | undefined> {
    const row = await this.#db.get<{ result: string | null }>(
      "SELECT result FROM tasks WHERE id = ?",
      id,
    );
    return row?.result;
  }

  /** Writes a running task's status message (and beats its heartbeat). */
  async progress(id: string, message: string, at: number): Promise<void> {
    const beat = this.shared ? [] : [at];
    await this.#db.run(
      `UPDATE tasks SET status_message = ?, updated_at = ?, heartbeat_at = ${this.#beat} ` +
        "WHERE id = ? AND status = 'working'",
      message,
      at,
      ...beat,
      id,
    );
  }

  /**
   * Writes a task's end (once: a task that already ended keeps its end, unless `end.runner` ran
   * it and the end there is a failure: another node's sweep's, which the runner's end replaces;
   * a failure the runner wrote itself is only ever written again as the same end, when a try
   * whose answer was lost is repeated); false when nothing was written (it ended already, or its
   * row is not there).
   */
  async finish(id: string, end: TaskEnd): Promise<boolean> {
    const changed = await this.#db.run(
      "UPDATE tasks SET status = ?, status_message = ?, result = ?, error = ?, updated_at = ? " +
        "WHERE id = ? AND (status = 'working' OR (status = 'failed' AND runner = ?))",
      end.status,
      end.statusMessage,
      end.resultJson,
      end.error === null ? null : JSON.stringify(end.error),
      end.at,
      id,
      end.runner ?? null,
    );
    return changed > 0;
  }

  /** Asks the runner of a working task to stop; false when it is not working (or unknown). */
  async requestCancel(id: string): Promise<boolean> {
    const changed = await this.#db.run(
      "UPDATE tasks SET cancel_requested = 1 WHERE id = ? AND status = 'working'",
      id,
    );
    return changed > 0;
  }

  /** The working tasks of `runner` whose cancel was asked for. */
  async cancelsFor(runner: string): Promise<string[]> {
    const rows = await this.#db.all<{ id: string }>(
      "SELECT id FROM tasks WHERE runner = ? AND status = 'working' AND cancel_requested = 1",
      runner,
    );
    return rows.map((row) => row.id);
  }

  /**
   * Beats the heartbeat of the working tasks `ids` of `runner`: those it still runs, never a row
   * whose end it gave up (review24 F1: beaten, such a row would never go stale).
   */
  async heartbeat(runner: string, at: number, ids: readonly string[]): Promise<void> {
    const beat = this.shared ? [] : [at];
    for (let from = 0; from < ids.length; from += 500) {
      const chunk = ids.slice(from, from + 500);
      await this.#db.run(
        `UPDATE tasks SET heartbeat_at = ${this.#beat} WHERE runner = ? AND status = 'working' ` +
          `AND id IN (${chunk.map(() => "?").join(", ")})`,
        ...beat,
        runner,
        ...chunk,
      );
    }
  }

  /**
   * Cleans up at `now` (epoch ms): working tasks of runners other than `runner` whose heartbeat
   * stopped before `stale` (their node died) become `failed` with `lostError`: before an epoch
   * ms, or (PostgreSQL) `{ ms }` ago by the database's clock; ended tasks whose time to live
   * passed are deleted, and so are the earliest ended of `runner` past its newest `keepEnded`
   * (those that ended in the same ms as the last kept are kept too).
   * Each node trims only its own (as it keeps its own `keepEnded` in memory): a trim of the whole
   * table would leave each of k nodes only about `keepEnded / k`, and a task its node still
   * answers would be unknown to the others. Rows of other runners, dead ones too, go with their
   * time to live.
   */
  async sweep(now: number, cleanup: TaskCleanup): Promise<void> {
    const { runner, stale, lostError, keepEnded } = cleanup;
    const byDatabase = typeof stale !== "number" && this.shared;
    await this.#db.run(
      "UPDATE tasks SET status = 'failed', error = ?, updated_at = ? " +
        `WHERE status = 'working' AND runner <> ? AND heartbeat_at < ${
          byDatabase ? `${DB_NOW_MS} - ?` : "?"
        }`,
      JSON.stringify(lostError),
      now,
      runner,
      typeof stale === "number" ? stale : byDatabase ? stale.ms : now - stale.ms,
    );
    await this.#db.run(
      `DELETE FROM tasks WHERE status <> 'working' AND expires_at <= ${
        this.#nodeNow ? `${DB_NOW_MS} - ?` : "?"
      }`,
      this.#nodeNow ? this.#nodeNow() - now : now,
    );
    if (keepEnded <= 0) {
      await this.#db.run("DELETE FROM tasks WHERE runner = ? AND status <> 'working'", runner);
      return;
    }
    // The newest `keepEnded`, and any that ended in the same ms as the last of them: every task
    // the node holds in memory (its newest `keepEnded`, in the order they ended) keeps its row.
    const cut = await this.#db.get<{ updated_at: number | string }>(
      "SELECT updated_at FROM tasks WHERE runner = ? AND status <> 'working' " +
        "ORDER BY updated_at DESC LIMIT 1 OFFSET ?",
      runner,
      keepEnded - 1,
    );
    if (cut) {
      await this.#db.run(
        "DELETE FROM tasks WHERE runner = ? AND status <> 'working' AND updated_at < ?",
        runner,
        Number(cut.updated_at),
      );
    }
  }
}
