/**
 * Job rows in SQL: the column list, the row mapper, the list filter and the statements the
 * repository shares, so `sql_repository.ts` holds only the queries.
 *
 * @module
 */
import type { Dialect, SqlValue } from "../storage/mod.ts";
import type { JobFilter, NewJob } from "./repository.ts";
import type { Job } from "./schema.ts";
import { DROPPED_JOBS } from "./sql_schema.ts";

/** The texts of a JSON array bound as one parameter, as a subquery `x IN (…)` reads. */
export function jsonTexts(dialect: Dialect): string {
  return dialect === "postgres"
    ? "(SELECT jsonb_array_elements_text(CAST(CAST(? AS TEXT) AS jsonb)))"
    : "(SELECT value FROM json_each(?))";
}

/** The columns of a job, for SELECT and RETURNING. */
export const JOB_COLUMNS = [
  "id",
  "kind",
  "persona_id",
  "key",
  "batch_key",
  "payload",
  "state",
  "attempts",
  "max_attempts",
  "run_after",
  "lease_until",
  "worker",
  "last_error",
  "waiting",
  "result",
  "created_at",
  "updated_at",
  "finished_at",
].join(", ");

/**
 * A new job's row, queued, unless a job holds its key already (then nothing, and no row comes
 * back); returns the row. Parameters: {@linkcode newJobValues}.
 */
export const INSERT_JOB =
  `INSERT INTO jobs (id, kind, persona_id, key, batch_key, payload, state, max_attempts,
         run_after, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, 'queued', ?, ?, ?, ?) ON CONFLICT (key) DO NOTHING
       RETURNING ${JOB_COLUMNS}`;

/** The parameters of {@linkcode INSERT_JOB} for `job` (its update time is its creation time). */
export function newJobValues(job: NewJob): SqlValue[] {
  return [
    job.id,
    job.kind,
    job.persona_id,
    job.key,
    job.batch_key,
    JSON.stringify(job.payload),
    job.max_attempts,
    job.run_after,
    job.created_at,
    job.created_at,
  ];
}

/** A job as stored: its payload, last error and result are JSON text. */
export type JobRow = Omit<Job, "payload" | "last_error" | "result"> & {
  payload: string;
  last_error: string | null;
  result: string | null;
};

/** A stored row as a job, its JSON parsed. */
export function jobFromRow(row: JobRow): Job {
  return {
    ...row,
    payload: JSON.parse(row.payload),
    last_error: row.last_error === null ? null : JSON.parse(row.last_error),
    result: row.result === null ? null : JSON.parse(row.result),
  };
}

/** The WHERE clause and its parameters for `filter` (empty when it filters nothing). */
export function jobWhere(filter: JobFilter): { clause: string; params: SqlValue[] } {
  const parts: string[] = [];
  const params: SqlValue[] = [];
  if (filter.personaId !== undefined) {
    parts.push("persona_id = ?");
    params.push(filter.personaId);
  }
  if (filter.state !== undefined) {
    parts.push("state = ?");
    params.push(filter.state);
  }
  if (filter.kind !== undefined) {
    parts.push("kind = ?");
    params.push(filter.kind);
  }
  return { clause: parts.length ? `WHERE ${parts.join(" AND ")}` : "", params };
}

/** The newest reason a queued job waits (read after every job; `jobs_waiting` serves it). */
export const WAITING_REASON =
  `SELECT waiting FROM jobs WHERE state = 'queued' AND waiting IS NOT NULL
  ORDER BY updated_at DESC LIMIT 1`;

/** How many jobs the queue cap dropped (of the persona `?` given twice; null: all). */
export const DROPPED_COUNT = `SELECT COUNT(*) AS n FROM jobs WHERE ${DROPPED_JOBS}
  AND (CAST(? AS TEXT) IS NULL OR persona_id = ?)`;

/** A held job: running, for this worker. */
export const HELD = "id = ? AND state = 'running' AND worker = ?";
