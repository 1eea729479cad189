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
 * persona count as never claimed. Of personas of one last claim, the one whose lane was set first
 * goes first (`turn`: the seq of the job that set it), then as ever by due time and seq.
 *
 * Both dialects walk the lanes of personas with queued jobs (`jobs_persona_lanes`, one row each,
 * kept by triggers: `sql_lanes.ts`) to the first with a due job of the kinds, then take its first
 * due job (`jobs_persona_queue`); plus the first due job of no persona and the first running job
 * whose lease lapsed: index walks, never every due row (attack32 M2, fix135), and no write of the
 * persona's other queued rows (review46 R11). PostgreSQL locks what it picks, the lane
 * (`FOR NO KEY UPDATE SKIP LOCKED`) and the job (`FOR UPDATE SKIP LOCKED`): a persona another
 * node is claiming at that moment is passed over for the next in the order, never waited for,
 * and a job is never claimed twice. Parameters: {@linkcode claimPickParams}.
 */
export function claimPick(dialect: Dialect): string {
  const texts = jsonTexts(dialect);
  const postgres = dialect === "postgres";
  const due = (row: string) =>
    `${row}.state = 'queued' AND ${row}.run_after <= ? AND ${row}.kind IN ${texts}`;
  const hint = (index: string) => postgres ? "" : `INDEXED BY ${index}`;
  const lock = (mode: string) => postgres ? `FOR ${mode} SKIP LOCKED` : "";
  const alone = `SELECT 0 AS lane_at, c.seq AS turn, c.run_after, c.seq
    FROM jobs c ${hint("jobs_queue_alone")} WHERE ${due("c")} AND c.persona_id IS NULL
    ORDER BY c.run_after, c.seq LIMIT 1 ${lock("UPDATE")}`;
  const lane = `SELECT w.persona_id, w.lane_at, w.turn
    FROM jobs_persona_lanes w ${hint("jobs_lanes_due")} WHERE w.queued > 0 AND EXISTS (
      SELECT 1 FROM jobs d ${hint("jobs_persona_queue")}
      WHERE d.persona_id = w.persona_id AND ${due("d")})
    ORDER BY w.lane_at, w.turn LIMIT 1 ${lock("NO KEY UPDATE")}`;
  const head = (columns: string) =>
    `SELECT ${columns} FROM jobs d ${hint("jobs_persona_queue")}
    WHERE d.persona_id = l.persona_id AND ${due("d")}
    ORDER BY d.run_after, d.seq LIMIT 1 ${lock("UPDATE")}`;
  const persona = postgres
    ? `SELECT l.lane_at, l.turn, h.run_after, h.seq FROM (${lane}) AS l
       CROSS JOIN LATERAL (${head("d.run_after, d.seq")}) AS h`
    : `SELECT l.lane_at, l.turn, h.run_after, h.seq FROM (${lane}) AS l
       JOIN jobs h ON h.seq = (${head("d.seq")})`;
  const lapsed = `SELECT CASE WHEN c.persona_id IS NULL THEN 0 ELSE COALESCE(c.claimed_at, 0) END
      AS lane_at, c.seq AS turn, c.run_after, c.seq
    FROM jobs c WHERE c.state = 'running' AND c.lease_until < ? AND c.kind IN ${texts}
    ORDER BY lane_at, c.run_after, c.seq LIMIT 1 ${lock("UPDATE")}`;
  return `SELECT seq FROM (
      SELECT * FROM (${alone}) AS a UNION ALL SELECT * FROM (${persona}) AS p
      UNION ALL SELECT * FROM (${lapsed}) AS r
    ) AS picks ORDER BY lane_at, run_after, seq LIMIT 1`;
}

/** The parameters of {@linkcode claimPick}: now and the kinds (JSON) for each of its walks. */
export function claimPickParams(now: number, kinds: string): (number | string)[] {
  return [now, kinds, now, kinds, now, kinds, now, kinds];
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
 * worker, lease until, now, now, then the pick's ({@linkcode claimPickParams}), then now, now.
 */
export function claimStatement(dialect: Dialect): string {
  return `UPDATE jobs SET state = 'running', attempts = attempts + 1, worker = ?, lease_until = ?,
         updated_at = ?, claimed_at = ?
       WHERE seq = (${claimPick(dialect)}) AND ${RUNNABLE}
       RETURNING ${JOB_COLUMNS}`;
}
