/**
 * The SQL of a job claim and of the queue cap's trim (see `sql_repository.ts` for how each
 * dialect claims): which job is runnable, which one a claim picks (fair across personas), the
 * claim itself, and the trim of a stalled persona's oldest queued jobs.
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
 * persona count as never claimed. Parameters: kinds, now, now (PostgreSQL: now, now again).
 *
 * SQLite reads every runnable row with its persona's last claim (`jobs_claims`), under its write
 * lock. PostgreSQL first takes each persona's head (its first runnable job: the global first is
 * always a head) and looks up the last claim of the heads only, then locks the first head it
 * can (`FOR UPDATE SKIP LOCKED`: a head another node is claiming at that moment is passed over,
 * and when every head is, the claim finds nothing and the worker looks again at once).
 */
export function claimPick(dialect: Dialect): string {
  const texts = jsonTexts(dialect);
  const lastClaim = (alias: string) =>
    "COALESCE((SELECT MAX(l.claimed_at) FROM jobs l " +
    `WHERE l.persona_id = ${alias}.persona_id AND l.claimed_at IS NOT NULL), 0)`;
  if (dialect !== "postgres") {
    return `SELECT c.seq FROM jobs c WHERE c.kind IN ${texts} AND ${RUNNABLE}
      ORDER BY ${lastClaim("c")}, c.run_after, c.seq LIMIT 1`;
  }
  return `SELECT h.seq FROM jobs h WHERE h.seq IN (
      SELECT DISTINCT ON (c.persona_id) c.seq FROM jobs c WHERE c.kind IN ${texts} AND ${RUNNABLE}
      ORDER BY c.persona_id, c.run_after, c.seq)
    AND ${RUNNABLE}
    ORDER BY ${lastClaim("h")}, h.run_after, h.seq LIMIT 1 FOR UPDATE SKIP LOCKED`;
}

/** Jobs one trim drops at most (one insert adds one job: a cap passed is passed by one). */
const TRIM_BATCH = 1000;

/**
 * Whether the persona is under a stall hold (a claim of its jobs dated ahead of now,
 * `jobs_claims`): {@linkcode trimStatement}'s own condition, read first on its own. Without a hold
 * the trim changes nothing but still costs what grows with the queue (SQLite tests the hold on
 * each of the persona's queued jobs of the kind, and its outer condition walks `jobs_due` over
 * every queued job) and takes the write lock: ~0.3 ms an enqueue at 1,000 queued, ~1 ms at
 * 3,000, on every chat of a busy server. Parameters: persona, now.
 */
export const STALL_HELD =
  "SELECT 1 AS held FROM jobs WHERE persona_id = ? AND claimed_at > ? LIMIT 1";

/**
 * The cap's trim, only under a stall hold (`jobs_claims` finds the persona's last claim): the
 * persona's oldest queued jobs of a kind beyond the newest `keep` are skipped. Reads only the
 * persona's queued rows of the kind (`jobs_queued_by_persona`); the outer condition leaves a job
 * claimed meanwhile (PostgreSQL re-checks it on a row another node changed). On SQLite it is
 * written `+state`: a plain `state = 'queued'` made SQLite walk `jobs_due` over every queued job
 * (of every persona) and test each against the list, instead of looking the listed ones up by
 * rowid. Parameters: error, now, now, persona, kind, persona, now, keep.
 */
export function trimStatement(dialect: Dialect): string {
  const state = dialect === "sqlite" ? "+state" : "state";
  return `UPDATE jobs SET state = 'skipped', last_error = ?, waiting = NULL,
    updated_at = ?, finished_at = ?
  WHERE seq IN (
    SELECT seq FROM jobs WHERE persona_id = ? AND kind = ? AND state = 'queued'
      AND EXISTS (SELECT 1 FROM jobs h WHERE h.persona_id = ? AND h.claimed_at > ?)
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
