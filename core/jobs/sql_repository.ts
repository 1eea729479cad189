/**
 * Jobs in SQL, on either database of the storage seam: {@linkcode SqlJobRepository} (the `jobs`
 * table is `sql_schema.ts`, its rows `sql_rows.ts`, the claim's and the trim's SQL `sql_claim.ts`).
 * The claim is one statement per dialect. SQLite:
 * `UPDATE … WHERE seq = (SELECT … LIMIT 1) RETURNING …`, run under its write lock, so two
 * workers (in one process or two sharing `persona.db`) never claim the same job. PostgreSQL:
 * the same `UPDATE` whose subquery takes the row `FOR UPDATE SKIP LOCKED`, so nodes claiming at
 * once each lock a different job without waiting on each other, and a job another node holds
 * is skipped, not claimed twice. Both take the due job of the persona claimed least recently
 * (`claimed_at`), so one persona's backlog cannot hold back the others'.
 *
 * @module
 */
import type { Database } from "../storage/mod.ts";
import type {
  ClaimRequest,
  JobEnd,
  JobFilter,
  JobRepository,
  NewJob,
  Requeue,
} from "./repository.ts";
import {
  emptyCounts,
  type Job,
  JOB_STATES,
  type JobCounts,
  type JobError,
  type JobState,
  type JsonObject,
} from "./schema.ts";
import { claimStatement, OVER_CAP, trimStatement } from "./sql_claim.ts";
import {
  DROPPED_COUNT,
  HELD,
  INSERT_JOB,
  JOB_COLUMNS,
  jobFromRow,
  type JobRow,
  jobWhere,
  jsonTexts,
  newJobValues,
  WAITING_REASON,
} from "./sql_rows.ts";

export { DROPPED_COUNT, jsonTexts, WAITING_REASON } from "./sql_rows.ts";
export { jobMigrations } from "./sql_schema.ts";

/** Jobs in the server's database (SQLite or PostgreSQL). */
export class SqlJobRepository implements JobRepository {
  readonly #db: Database;
  /** A JSON array parameter (job kinds, ids) as a subquery of the dialect. */
  readonly #texts: string;
  /** The claim of the dialect ({@linkcode claimStatement}). */
  readonly #claim: string;
  /** The queue cap's trim of the dialect ({@linkcode trimStatement}). */
  readonly #trim: string;

  /** A repository over `db`, which must have {@linkcode jobMigrations} applied. */
  constructor(db: Database) {
    this.#db = db;
    this.#texts = jsonTexts(db.dialect);
    this.#claim = claimStatement(db.dialect);
    this.#trim = trimStatement(db.dialect);
  }

  async insert(job: NewJob): Promise<{ job: Job; created: boolean }> {
    // One statement when the key is new (every chat's extraction): the row comes back with it.
    const inserted = await this.#db.get<JobRow>(INSERT_JOB, ...newJobValues(job));
    if (inserted) return { job: jobFromRow(inserted), created: true };
    const row = await this.#db.get<JobRow>(
      `SELECT ${JOB_COLUMNS} FROM jobs WHERE key = ?`,
      job.key,
    );
    return { job: jobFromRow(row!), created: false };
  }

  async openBatch(batchKey: string): Promise<Job | undefined> {
    const row = await this.#db.get<JobRow>(
      // The newest: an older one still queued is full (a new one is made only then).
      `SELECT ${JOB_COLUMNS} FROM jobs WHERE batch_key = ? AND state = 'queued'
       ORDER BY seq DESC LIMIT 1`,
      batchKey,
    );
    return row && jobFromRow(row);
  }

  async extendBatch(
    id: string,
    change: { payload: JsonObject; runAfter: number; now: number },
  ): Promise<boolean> {
    return await this.#db.run(
      "UPDATE jobs SET payload = ?, run_after = ?, updated_at = ? WHERE id = ? AND state = 'queued'",
      JSON.stringify(change.payload),
      change.runAfter,
      change.now,
      id,
    ) > 0;
  }

  async claimNext(request: ClaimRequest): Promise<Job | undefined> {
    const kinds = JSON.stringify(request.kinds);
    const row = await this.#db.get<JobRow>(
      this.#claim,
      request.worker,
      request.now + request.leaseMs,
      request.now,
      request.now,
      kinds,
      request.now,
      kinds,
      request.now,
      request.now,
      request.now,
    );
    return row && jobFromRow(row);
  }

  async trimQueued(
    cap: { personaId: string; kind: string; keep: number; error: JobError; now: number },
  ): Promise<number> {
    // Nearly always under the cap: then one short indexed read, not the trim's write lock.
    if (!await this.#db.get(OVER_CAP, cap.personaId, cap.kind, cap.keep)) return 0;
    return await this.#db.run(
      this.#trim,
      JSON.stringify(cap.error),
      cap.now,
      cap.now,
      cap.personaId,
      cap.kind,
      cap.keep,
    );
  }

  async queued(personaId: string, kind: string, upTo: number): Promise<number> {
    const row = await this.#db.get<{ n: number }>(
      `SELECT COUNT(*) AS n FROM (SELECT 1 FROM jobs
         WHERE persona_id = ? AND kind = ? AND state = 'queued' LIMIT ?) q`,
      personaId,
      kind,
      upTo,
    );
    return Number(row?.n ?? 0);
  }

  async renew(id: string, lease: { worker: string; until: number; now: number }) {
    return await this.#db.run(
      `UPDATE jobs SET lease_until = ?, updated_at = ? WHERE ${HELD}`,
      lease.until,
      lease.now,
      id,
      lease.worker,
    ) > 0;
  }

  complete(id: string, end: { worker: string; result: JsonObject; now: number }) {
    return this.#finish(id, end.worker, {
      state: "done",
      error: null,
      result: end.result,
      now: end.now,
    });
  }

  fail(id: string, end: JobEnd & { error: JobError }) {
    return this.#finish(id, end.worker, {
      state: "failed",
      error: end.error,
      now: end.now,
      holdUntil: end.holdUntil,
    });
  }

  skip(id: string, end: { worker: string; error: JobError; now: number }) {
    return this.#finish(id, end.worker, { state: "skipped", error: end.error, now: end.now });
  }

  async #finish(
    id: string,
    worker: string,
    end: {
      state: JobState;
      error: JobError | null;
      result?: JsonObject;
      now: number;
      holdUntil?: number;
    },
  ): Promise<boolean> {
    return await this.#db.run(
      `UPDATE jobs SET state = ?, last_error = COALESCE(CAST(? AS TEXT), last_error), result = ?,
         waiting = NULL, lease_until = NULL, worker = NULL, updated_at = ?, finished_at = ?,
         claimed_at = COALESCE(?, claimed_at)
       WHERE ${HELD}`,
      end.state,
      end.error === null ? null : JSON.stringify(end.error),
      end.result === undefined ? null : JSON.stringify(end.result),
      end.now,
      end.now,
      end.holdUntil ?? null,
      id,
      worker,
    ) > 0;
  }

  async requeue(id: string, worker: string, change: Requeue): Promise<boolean> {
    return await this.#db.run(
      `UPDATE jobs SET state = 'queued', run_after = ?,
         last_error = COALESCE(CAST(? AS TEXT), last_error), waiting = ?, attempts = attempts - ?,
         lease_until = NULL, worker = NULL, updated_at = ?, claimed_at = COALESCE(?, claimed_at)
       WHERE ${HELD}`,
      change.runAfter,
      change.error === null ? null : JSON.stringify(change.error),
      change.waiting,
      change.countAttempt ? 0 : 1,
      change.now,
      change.holdUntil ?? null,
      id,
      worker,
    ) > 0;
  }

  retryFailed(filter: { ids?: readonly string[]; now: number }): Promise<number> {
    const ids = filter.ids === undefined ? null : JSON.stringify(filter.ids);
    return this.#db.run(
      `UPDATE jobs SET state = 'queued', attempts = 0, run_after = ?, finished_at = NULL,
         updated_at = ?
       WHERE state = 'failed' AND (CAST(? AS TEXT) IS NULL OR id IN ${this.#texts})`,
      filter.now,
      filter.now,
      ids,
      ids,
    );
  }

  async get(id: string): Promise<Job | undefined> {
    const row = await this.#db.get<JobRow>(`SELECT ${JOB_COLUMNS} FROM jobs WHERE id = ?`, id);
    return row && jobFromRow(row);
  }

  async list(
    filter: JobFilter,
    page: { limit: number; offset: number },
  ): Promise<{ jobs: Job[]; total: number }> {
    const { clause, params } = jobWhere(filter);
    const rows = await this.#db.all<JobRow>(
      `SELECT ${JOB_COLUMNS} FROM jobs ${clause} ORDER BY seq DESC LIMIT ? OFFSET ?`,
      ...params,
      page.limit,
      page.offset,
    );
    const total = await this.#db.get<{ n: number }>(
      `SELECT COUNT(*) AS n FROM jobs ${clause}`,
      ...params,
    );
    return { jobs: rows.map(jobFromRow), total: total?.n ?? 0 };
  }

  async counts(personaId?: string): Promise<JobCounts> {
    const rows = await this.#db.all<{ state: JobState; n: number }>(
      `SELECT state, COUNT(*) AS n FROM jobs
       WHERE (CAST(? AS TEXT) IS NULL OR persona_id = ?) GROUP BY state`,
      personaId ?? null,
      personaId ?? null,
    );
    const counts = emptyCounts();
    for (const row of rows) if (JOB_STATES.includes(row.state)) counts[row.state] = row.n;
    return counts;
  }

  async dropped(personaId?: string): Promise<number> {
    const row = await this.#db.get<{ n: number | string }>(
      DROPPED_COUNT,
      personaId ?? null,
      personaId ?? null,
    );
    return Number(row?.n ?? 0);
  }

  async nextDue(kinds: readonly string[]): Promise<number | undefined> {
    const row = await this.#db.get<{ at: number | null }>(
      `SELECT MIN(CASE state WHEN 'queued' THEN run_after ELSE lease_until END) AS at
       FROM jobs WHERE state IN ('queued', 'running') AND kind IN ${this.#texts}`,
      JSON.stringify(kinds),
    );
    return row?.at ?? undefined;
  }

  async waitingReason(): Promise<string | null> {
    const row = await this.#db.get<{ waiting: string }>(WAITING_REASON);
    return row?.waiting ?? null;
  }

  purgeFinished(before: number): Promise<number> {
    return this.#db.run(
      "DELETE FROM jobs WHERE finished_at IS NOT NULL AND finished_at < ?",
      before,
    );
  }
}
