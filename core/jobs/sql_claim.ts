/**
 * The SQL of a job claim and of the queue cap's trim (see `sql_repository.ts` for how each
 * dialect claims): which job is runnable, which one a claim picks (fair across personas), the
 * claim itself, and the trim of a persona's oldest queued jobs past the cap.
 *
 * @module
 */
import type { Dialect } from "../storage/mod.ts";
import { JOB_COLUMNS, jsonTexts } from "./sql_rows.ts";

/**
 * A runnable job: queued and due, or running with a lapsed lease (its worker died mid-run: the
 * job is claimed again and the attempt counts, so a job that kills its worker cannot loop for
 * ever). Two parameters: now, now.
 */
export const RUNNABLE =
  "((state = 'queued' AND run_after <= ?) OR (state = 'running' AND lease_until < ?))";

/**
 * The claim's pick: the seq of the next job to claim. Fair across personas: the runnable job of
 * the persona whose last claim is oldest (never claimed: first), so one persona's backlog (a
 * model that hangs each job to its time limit) delays another persona's job by at most one of
 * its jobs; a persona's own jobs keep their order (due first, then queued first). Jobs of no
 * persona count as never claimed.
 *
 * Both dialects walk `jobs_lanes` (each queued job carries its persona's last claim, `lane_at`,
 * kept by triggers: `sql_schema.ts`) to its first due entry of the kinds, and the few running
 * jobs for a lapsed lease: an index walk, not every due row with a MAX each (SQLite: 84 ms at
 * 50,000 due jobs, attack32 M2; PostgreSQL's former heads by `DISTINCT ON`: 77 ms, fix135).
 * PostgreSQL locks what it picks (`FOR UPDATE SKIP LOCKED`): a job another node is claiming at
 * that moment is passed over for the next in the order, never claimed twice. Parameters:
 * kinds, now, kinds, now.
 */
export function claimPick(dialect: Dialect): string {
  const texts = jsonTexts(dialect);
  const postgres = dialect === "postgres";
  const first = (where: string, index: string) =>
    `SELECT * FROM (SELECT c.seq, c.lane_at, c.run_after FROM jobs c ${postgres ? "" : index}
      WHERE c.kind IN ${texts} AND ${where} ORDER BY c.lane_at, c.run_after, c.seq LIMIT 1
      ${postgres ? "FOR UPDATE SKIP LOCKED" : ""}) ${postgres ? "AS p" : ""}`;
  return `SELECT seq FROM (
      ${first("c.state = 'queued' AND c.run_after <= ?", "INDEXED BY jobs_lanes")}
      UNION ALL ${first("c.state = 'running' AND c.lease_until < ?", "")}
    ) ${postgres ? "AS picks" : ""} ORDER BY lane_at, run_after, seq LIMIT 1`;
}

/** Jobs one trim drops at most (one insert adds one job: a cap passed is passed by one). */
const TRIM_BATCH = 1000;

/**
 * Whether the persona has more than `keep` queued jobs of a kind: the entry past its newest
 * `keep` in `jobs_queued_by_persona` (a walk of at most `keep` + 1 entries), read first on its
 * own, so that an enqueue under the cap (nearly every one) only reads and never takes the write
 * lock. Parameters: persona, kind, keep.
 */
export const OVER_CAP = `SELECT seq FROM jobs WHERE persona_id = ? AND kind = ? AND state = 'queued'
  ORDER BY seq DESC LIMIT 1 OFFSET ?`;

/**
 * The cap's trim: the persona's oldest queued jobs of a kind beyond the newest `keep` are
 * skipped. Reads only the persona's queued rows of the kind (`jobs_queued_by_persona`); the
 * outer condition leaves a job claimed meanwhile (PostgreSQL re-checks it on a row another node
 * changed). On SQLite it is written `+state`: a plain `state = 'queued'` made SQLite walk
 * `jobs_due` over every queued job (of every persona) and test each against the list, instead of
 * looking the listed ones up by rowid. Parameters: error, now, now, persona, kind, keep.
 */
export function trimStatement(dialect: Dialect): string {
  const state = dialect === "sqlite" ? "+state" : "state";
  return `UPDATE jobs SET state = 'skipped', last_error = ?, waiting = NULL,
    updated_at = ?, finished_at = ?
  WHERE seq IN (
    SELECT seq FROM jobs WHERE persona_id = ? AND kind = ? AND state = 'queued'
    ORDER BY seq DESC LIMIT ${TRIM_BATCH} OFFSET ?)
    AND ${state} = 'queued'`;
}

/**
 * The claim: the picked job ({@linkcode claimPick}) set running for a worker, returned. The outer
 * condition repeats the pick's: a row changed since the pick read it is not taken. Parameters:
 * worker, lease until, now, now, then the pick's ({@linkcode claimPick}), then now, now.
 */
export function claimStatement(dialect: Dialect): string {
  return `UPDATE jobs SET state = 'running', attempts = attempts + 1, worker = ?, lease_until = ?,
         updated_at = ?, claimed_at = ?
       WHERE seq = (${claimPick(dialect)}) AND ${RUNNABLE}
       RETURNING ${JOB_COLUMNS}`;
}
