/**
 * The `jobs` table, one definition for both dialects: SQLite's `seq` is its rowid, PostgreSQL's
 * an identity (`postgresTypes` rewrites the SQLite types).
 *
 * @module
 */
import { type Migration, postgresTypes } from "../storage/mod.ts";
import { QUEUE_CAP_REASON } from "./schema.ts";

/**
 * The jobs the queue cap dropped: skipped with its reason, as their error's JSON text has it (a
 * message quoting it has its quotes escaped). A constant, so that the partial index
 * `jobs_dropped` (whose WHERE is this text) serves the count each metrics scrape reads.
 */
export const DROPPED_JOBS = `state = 'skipped' AND last_error LIKE '%"reason":${
  JSON.stringify(QUEUE_CAP_REASON)
}%'`;

/** The persona's last claim (0: never claimed, or no persona), as the fair order reads it. */
const LAST_CLAIM = "COALESCE((SELECT MAX(l.claimed_at) FROM jobs l " +
  "WHERE l.persona_id = NEW.persona_id AND l.claimed_at IS NOT NULL), 0)";

/**
 * `lane_at` on SQLite: a job joining the queue (inserted, requeued, retried) takes its persona's
 * last claim (`jobs_claims`: one index lookup); a claim or a stall hold (`claimed_at` set) moves
 * the persona's queued jobs (`jobs_queued_by_persona`: at most the cap per kind) and its own row
 * up to it. Triggers, so that every writer of `claimed_at` (and another process sharing the
 * file) keeps them, in the same statement.
 */
const LANES = `
  ALTER TABLE jobs ADD COLUMN lane_at INTEGER NOT NULL DEFAULT 0;
  UPDATE jobs SET lane_at = COALESCE((SELECT MAX(l.claimed_at) FROM jobs l
    WHERE l.persona_id = jobs.persona_id AND l.claimed_at IS NOT NULL), 0)
    WHERE state IN ('queued', 'running') AND persona_id IS NOT NULL;
  CREATE INDEX jobs_lanes ON jobs (lane_at, run_after, seq) WHERE state = 'queued';
  CREATE TRIGGER jobs_lane_joined AFTER INSERT ON jobs WHEN NEW.persona_id IS NOT NULL BEGIN
    UPDATE jobs SET lane_at = ${LAST_CLAIM} WHERE seq = NEW.seq;
  END;
  CREATE TRIGGER jobs_lane_requeued AFTER UPDATE OF state ON jobs
    WHEN NEW.state = 'queued' AND OLD.state <> 'queued' AND NEW.persona_id IS NOT NULL BEGIN
    UPDATE jobs SET lane_at = ${LAST_CLAIM} WHERE seq = NEW.seq;
  END;
  CREATE TRIGGER jobs_lane_claimed AFTER UPDATE OF claimed_at ON jobs
    WHEN NEW.claimed_at IS NOT NULL AND NEW.persona_id IS NOT NULL BEGIN
    UPDATE jobs SET lane_at = NEW.claimed_at
      WHERE persona_id = NEW.persona_id AND state = 'queued' AND lane_at < NEW.claimed_at;
    UPDATE jobs SET lane_at = NEW.claimed_at WHERE seq = NEW.seq AND lane_at < NEW.claimed_at;
  END;
`;

/** The persona's last claim seen from a row trigger on PostgreSQL (the row's own claim too). */
const PG_LAST_CLAIM = "GREATEST(COALESCE(NEW.claimed_at, 0), COALESCE((SELECT MAX(l.claimed_at) " +
  "FROM jobs l WHERE l.persona_id = NEW.persona_id AND l.claimed_at IS NOT NULL), 0))";

/**
 * `lane_at` on PostgreSQL, the same rule as SQLite's {@linkcode LANES}: a job joining the queue
 * takes its persona's last claim, and a claim or a stall hold sets the row's own lane (BEFORE
 * triggers, no second write of the row) and moves the persona's queued jobs up to it (AFTER).
 * That move takes only the rows no other transaction holds (`FOR UPDATE SKIP LOCKED`): two
 * nodes claiming two jobs of one persona at once would otherwise each wait for the other's row
 * (a deadlock). A row passed over is being claimed (its own trigger sets its lane), trimmed or
 * merged into; a merged one, or one written while its persona is being claimed, keeps the
 * older lane until the persona's next claim moves it (at most one place early in the order).
 */
const PG_LANES = `
  ALTER TABLE jobs ADD COLUMN lane_at BIGINT NOT NULL DEFAULT 0;
  UPDATE jobs SET lane_at = COALESCE((SELECT MAX(l.claimed_at) FROM jobs l
    WHERE l.persona_id = jobs.persona_id AND l.claimed_at IS NOT NULL), 0)
    WHERE state IN ('queued', 'running') AND persona_id IS NOT NULL;
  CREATE INDEX jobs_lanes ON jobs (lane_at, run_after, seq) WHERE state = 'queued';
  CREATE FUNCTION jobs_lane_joined() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    NEW.lane_at := ${PG_LAST_CLAIM};
    RETURN NEW;
  END $$;
  CREATE FUNCTION jobs_lane_claimed() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    NEW.lane_at := GREATEST(NEW.lane_at, NEW.claimed_at);
    RETURN NEW;
  END $$;
  CREATE FUNCTION jobs_lane_moved() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    UPDATE jobs SET lane_at = NEW.claimed_at WHERE seq IN (
      SELECT q.seq FROM jobs q WHERE q.persona_id = NEW.persona_id AND q.state = 'queued'
        AND q.lane_at < NEW.claimed_at FOR UPDATE SKIP LOCKED);
    RETURN NULL;
  END $$;
  CREATE TRIGGER jobs_lane_joined BEFORE INSERT ON jobs FOR EACH ROW
    WHEN (NEW.persona_id IS NOT NULL) EXECUTE FUNCTION jobs_lane_joined();
  CREATE TRIGGER jobs_lane_requeued BEFORE UPDATE OF state ON jobs FOR EACH ROW
    WHEN (NEW.state = 'queued' AND OLD.state <> 'queued' AND NEW.persona_id IS NOT NULL)
    EXECUTE FUNCTION jobs_lane_joined();
  CREATE TRIGGER jobs_lane_claimed BEFORE UPDATE OF claimed_at ON jobs FOR EACH ROW
    WHEN (NEW.claimed_at IS NOT NULL AND NEW.persona_id IS NOT NULL)
    EXECUTE FUNCTION jobs_lane_claimed();
  CREATE TRIGGER jobs_lane_moved AFTER UPDATE OF claimed_at ON jobs FOR EACH ROW
    WHEN (NEW.claimed_at IS DISTINCT FROM OLD.claimed_at AND NEW.claimed_at IS NOT NULL
      AND NEW.persona_id IS NOT NULL)
    EXECUTE FUNCTION jobs_lane_moved();
`;

function jobsTable(seq: string): string {
  return `
    CREATE TABLE jobs (
      seq ${seq},
      id TEXT NOT NULL UNIQUE,
      kind TEXT NOT NULL,
      persona_id TEXT REFERENCES personas(id) ON DELETE CASCADE,
      key TEXT NOT NULL UNIQUE,
      batch_key TEXT,
      payload TEXT NOT NULL,
      state TEXT NOT NULL CHECK (state IN ('queued', 'running', 'done', 'failed', 'skipped')),
      attempts INTEGER NOT NULL DEFAULT 0,
      max_attempts INTEGER NOT NULL,
      run_after INTEGER NOT NULL,
      lease_until INTEGER,
      worker TEXT,
      last_error TEXT,
      waiting TEXT,
      result TEXT,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL,
      finished_at INTEGER
    );
    CREATE INDEX jobs_due ON jobs (state, run_after, seq);
    CREATE INDEX jobs_by_persona ON jobs (persona_id, seq);
    CREATE INDEX jobs_open_batches ON jobs (batch_key) WHERE state = 'queued';
    CREATE INDEX jobs_finished ON jobs (finished_at) WHERE finished_at IS NOT NULL;
  `;
}

/** Tables owned by the job runner (SQLite's `seq` is its rowid; PostgreSQL's an identity). */
export const jobMigrations: Migration[] = [{
  name: "jobs_1",
  sql: {
    sqlite: jobsTable("INTEGER PRIMARY KEY"),
    postgres: postgresTypes(jobsTable("INTEGER PRIMARY KEY AUTOINCREMENT")),
  },
}, {
  // `waitingReason` runs after every job: without this it read every queued row (a backlog held
  // off behind busy chats grows to thousands), with it one index entry.
  name: "jobs_2_waiting",
  sql: "CREATE INDEX jobs_waiting ON jobs (state, updated_at) WHERE waiting IS NOT NULL;",
}, {
  // Fairness across personas: the claim takes the due job of the persona whose last claim
  // (`claimed_at`) is oldest (`jobs_claims` finds it), and the cap on a persona's queued jobs of
  // a kind reads only its queued rows (`jobs_queued_by_persona`).
  name: "jobs_3_fair",
  sql: {
    sqlite: fairness("INTEGER"),
    postgres: fairness("BIGINT"),
  },
}, {
  // The `dropped` figure, read each metrics scrape: the dropped jobs' index entries, not a LIKE
  // over every job's error.
  name: "jobs_4_dropped",
  sql: `CREATE INDEX jobs_dropped ON jobs (state, persona_id) WHERE ${DROPPED_JOBS};`,
}, {
  // SQLite's claim walks an index (attack32 M2): each queued job carries its persona's last
  // claim (`lane_at`), kept by triggers, so the fair order is the order of `jobs_lanes` and a
  // claim reads its first due entry instead of every due row with a MAX per row. PostgreSQL
  // kept its claim by persona heads here (recorded, nothing run), until `jobs_6_lanes_pg`.
  name: "jobs_5_lanes",
  sql: { sqlite: LANES },
}, {
  // PostgreSQL's claim walks `jobs_lanes` too (fix135): its claim by persona heads read every
  // due row (`DISTINCT ON`), 77 ms at 50,000 due jobs of 500 personas. A store made before it
  // gets the column filled from its claims here.
  name: "jobs_6_lanes_pg",
  sql: { postgres: PG_LANES },
}];

function fairness(time: string): string {
  return `
    ALTER TABLE jobs ADD COLUMN claimed_at ${time};
    CREATE INDEX jobs_claims ON jobs (persona_id, claimed_at) WHERE claimed_at IS NOT NULL;
    CREATE INDEX jobs_queued_by_persona ON jobs (persona_id, kind, seq) WHERE state = 'queued';
  `;
}
