/**
 * The fair order's lanes, one row per persona (review46 R11): `jobs_persona_lanes` holds each
 * persona's last claim (`lane_at`), a tie-break (`turn`: the seq of the job that set it) and how
 * many of its jobs are queued, kept by triggers on `jobs`. A claim walks the lanes of personas
 * with queued jobs (`jobs_lanes_due`) to the first one with a due job, then takes that persona's
 * first due job (`jobs_persona_queue`): two index walks, and a claim writes one lane row.
 *
 * Before (fix129 on SQLite, fix135 on PostgreSQL), every queued job carried its persona's lane,
 * so each claim rewrote all the persona's queued rows: a claim's cost grew with one persona's
 * backlog (PostgreSQL: 800 jobs of one persona 99 ms a claim, 5,000: 676 ms). Migration
 * `jobs_7_persona_lanes` drops that column, its index and triggers, and fills the lanes from the
 * jobs (a store of base32, without PostgreSQL's column, and one of fix135, with it).
 *
 * @module
 */

/** The persona's last claim (0: never claimed) from its jobs (`jobs_claims`: one lookup). */
const LAST_CLAIM = "COALESCE((SELECT MAX(l.claimed_at) FROM jobs l " +
  "WHERE l.persona_id = NEW.persona_id AND l.claimed_at IS NOT NULL), 0)";

/** The lanes table, its index and its rows from the jobs of a store migrated before it. */
function lanesTable(time: string): string {
  return `
  CREATE TABLE jobs_persona_lanes (
    persona_id TEXT PRIMARY KEY REFERENCES personas(id) ON DELETE CASCADE,
    lane_at ${time} NOT NULL,
    turn ${time} NOT NULL,
    queued INTEGER NOT NULL
  );
  INSERT INTO jobs_persona_lanes (persona_id, lane_at, turn, queued)
    SELECT q.persona_id, COALESCE((SELECT MAX(l.claimed_at) FROM jobs l
      WHERE l.persona_id = q.persona_id AND l.claimed_at IS NOT NULL), 0), MIN(q.seq), COUNT(*)
    FROM jobs q WHERE q.state = 'queued' AND q.persona_id IS NOT NULL GROUP BY q.persona_id;
  CREATE INDEX jobs_lanes_due ON jobs_persona_lanes (lane_at, turn) WHERE queued > 0;
  CREATE INDEX jobs_persona_queue ON jobs (persona_id, run_after, seq) WHERE state = 'queued';
  CREATE INDEX jobs_queue_alone ON jobs (run_after, seq)
    WHERE state = 'queued' AND persona_id IS NULL;
`;
}

/** SQLite: a job of `NEW.persona_id` joins the queue (see {@linkcode SQLITE_LANES}). */
const SQLITE_JOINED = `INSERT INTO jobs_persona_lanes (persona_id, lane_at, turn, queued)
      VALUES (NEW.persona_id, ${LAST_CLAIM}, NEW.seq, 1)
      ON CONFLICT (persona_id) DO UPDATE SET queued = queued + 1,
        lane_at = CASE WHEN queued = 0 THEN excluded.lane_at ELSE lane_at END,
        turn = CASE WHEN queued = 0 THEN excluded.turn ELSE turn END;`;

/**
 * SQLite's triggers: a job joining the queue (inserted queued, requeued, retried) counts in its
 * persona's lane, which takes the persona's last claim when none of its jobs was queued (its
 * jobs' greatest `claimed_at`, as fix129's lanes read it: a stalled job claimed again since no
 * longer holds its persona back); one leaving it (claimed, trimmed, deleted) counts no more; a
 * claim or a stall hold (`claimed_at` set) moves the lane up to it while jobs are queued.
 */
const SQLITE_LANES = `
  DROP TRIGGER IF EXISTS jobs_lane_joined;
  DROP TRIGGER IF EXISTS jobs_lane_requeued;
  DROP TRIGGER IF EXISTS jobs_lane_claimed;
  DROP INDEX IF EXISTS jobs_lanes;
  ALTER TABLE jobs DROP COLUMN lane_at;
  ${lanesTable("INTEGER")}
  CREATE TRIGGER jobs_lane_joined AFTER INSERT ON jobs
    WHEN NEW.state = 'queued' AND NEW.persona_id IS NOT NULL BEGIN
    ${SQLITE_JOINED}
  END;
  CREATE TRIGGER jobs_lane_requeued AFTER UPDATE OF state ON jobs
    WHEN NEW.state = 'queued' AND OLD.state <> 'queued' AND NEW.persona_id IS NOT NULL BEGIN
    ${SQLITE_JOINED}
  END;
  CREATE TRIGGER jobs_lane_left AFTER UPDATE OF state ON jobs
    WHEN OLD.state = 'queued' AND NEW.state <> 'queued' AND OLD.persona_id IS NOT NULL BEGIN
    UPDATE jobs_persona_lanes SET queued = queued - 1 WHERE persona_id = OLD.persona_id;
  END;
  CREATE TRIGGER jobs_lane_gone AFTER DELETE ON jobs
    WHEN OLD.state = 'queued' AND OLD.persona_id IS NOT NULL BEGIN
    UPDATE jobs_persona_lanes SET queued = queued - 1 WHERE persona_id = OLD.persona_id;
  END;
  CREATE TRIGGER jobs_lane_claimed AFTER UPDATE OF claimed_at ON jobs
    WHEN NEW.claimed_at IS NOT NULL AND NEW.persona_id IS NOT NULL BEGIN
    UPDATE jobs_persona_lanes SET lane_at = NEW.claimed_at, turn = NEW.seq
      WHERE persona_id = NEW.persona_id AND lane_at < NEW.claimed_at;
  END;
`;

/**
 * PostgreSQL's triggers, the same rules (AFTER row triggers: a statement takes its job rows'
 * locks before the lane row's, so a claim, which locks its lane first and then its job with
 * SKIP LOCKED, never waits in a cycle with a trim or a retry).
 */
const POSTGRES_LANES = `
  DROP TRIGGER IF EXISTS jobs_lane_joined ON jobs;
  DROP TRIGGER IF EXISTS jobs_lane_requeued ON jobs;
  DROP TRIGGER IF EXISTS jobs_lane_claimed ON jobs;
  DROP TRIGGER IF EXISTS jobs_lane_moved ON jobs;
  DROP FUNCTION IF EXISTS jobs_lane_joined();
  DROP FUNCTION IF EXISTS jobs_lane_claimed();
  DROP FUNCTION IF EXISTS jobs_lane_moved();
  DROP INDEX IF EXISTS jobs_lanes;
  ALTER TABLE jobs DROP COLUMN IF EXISTS lane_at;
  ${lanesTable("BIGINT")}
  CREATE FUNCTION jobs_lane_joined() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    INSERT INTO jobs_persona_lanes AS l (persona_id, lane_at, turn, queued)
      VALUES (NEW.persona_id, ${LAST_CLAIM}, NEW.seq, 1)
      ON CONFLICT (persona_id) DO UPDATE SET queued = l.queued + 1,
        lane_at = CASE WHEN l.queued = 0 THEN excluded.lane_at ELSE l.lane_at END,
        turn = CASE WHEN l.queued = 0 THEN excluded.turn ELSE l.turn END;
    RETURN NULL;
  END $$;
  CREATE FUNCTION jobs_lane_left() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    UPDATE jobs_persona_lanes SET queued = queued - 1 WHERE persona_id = OLD.persona_id;
    RETURN NULL;
  END $$;
  CREATE FUNCTION jobs_lane_claimed() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    UPDATE jobs_persona_lanes SET lane_at = NEW.claimed_at, turn = NEW.seq
      WHERE persona_id = NEW.persona_id AND lane_at < NEW.claimed_at;
    RETURN NULL;
  END $$;
  CREATE TRIGGER jobs_lane_joined AFTER INSERT ON jobs FOR EACH ROW
    WHEN (NEW.state = 'queued' AND NEW.persona_id IS NOT NULL) EXECUTE FUNCTION jobs_lane_joined();
  CREATE TRIGGER jobs_lane_requeued AFTER UPDATE OF state ON jobs FOR EACH ROW
    WHEN (NEW.state = 'queued' AND OLD.state <> 'queued' AND NEW.persona_id IS NOT NULL)
    EXECUTE FUNCTION jobs_lane_joined();
  CREATE TRIGGER jobs_lane_left AFTER UPDATE OF state ON jobs FOR EACH ROW
    WHEN (OLD.state = 'queued' AND NEW.state <> 'queued' AND OLD.persona_id IS NOT NULL)
    EXECUTE FUNCTION jobs_lane_left();
  CREATE TRIGGER jobs_lane_gone AFTER DELETE ON jobs FOR EACH ROW
    WHEN (OLD.state = 'queued' AND OLD.persona_id IS NOT NULL) EXECUTE FUNCTION jobs_lane_left();
  CREATE TRIGGER jobs_lane_claimed AFTER UPDATE OF claimed_at ON jobs FOR EACH ROW
    WHEN (NEW.claimed_at IS NOT NULL AND NEW.persona_id IS NOT NULL)
    EXECUTE FUNCTION jobs_lane_claimed();
`;

/** The migration of the lanes to one row per persona (see the module doc). */
export const PERSONA_LANES = { sqlite: SQLITE_LANES, postgres: POSTGRES_LANES };
