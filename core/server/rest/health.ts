/**
 * `GET /api/health`: what a load balancer's health check reads. The database is "ok" when it
 * answers within {@linkcode HEALTH_QUERY_TIMEOUT_MS}; on PostgreSQL the check runs on a
 * connection of its own once every pooled connection is busy (`Database.health`), so a node
 * whose pool is saturated by slow work (one long table lock) stays in rotation instead of
 * reporting the database down (attack16 F5); the pool's load is reported beside it, in
 * `storage.pool`. A database that answers but cannot serve everything is `degraded` (still 200:
 * only a database that does not answer takes a node out of rotation): writes fail for a full
 * disk, a read-only file or disk errors (until one succeeds again), or the PostgreSQL pool's
 * queue is full and calls are refused at once (`storage.reason`).
 *
 * With AUTH_TOKEN set, a request that carries no token still gets an answer (a load balancer's
 * health check has no secret), in short: `{status}` and the same 200 or 503, nothing about the
 * version, uptime or storage; the token gets the details. Checks asked for at once share one
 * probe ({@linkcode sharedDatabaseHealth}): a flood of health checks, which anyone may send,
 * costs one database query at a time (on a saturated PostgreSQL pool, one connection of its own),
 * not one each.
 *
 * @module
 */
import type { Database, StorageHealth } from "../../storage/mod.ts";

/** The health route's path on the REST port. */
export const HEALTH_PATH = "/api/health";

/** Longest wait for the health check before it says the database is unavailable. */
export const HEALTH_QUERY_TIMEOUT_MS = 2_000;

/** The database as the health route reports it. */
export interface DatabaseHealth {
  /** `components.database`: "ok", "unavailable" (failed or too slow), "closed". */
  database: "ok" | "unavailable" | "closed";
  /**
   * `storage`: up, degraded (`reason` says why) or down, and on PostgreSQL the pool's size and
   * load.
   */
  storage: {
    status: "up" | "degraded" | "down" | "closed";
    reason?: NonNullable<StorageHealth["degraded"]>;
    pool?: { size: number; busy: number; waiting: number };
  };
}

/**
 * Checks `db` within `timeoutMs`: its own `health()` where it has one (PostgreSQL), else a
 * trivial query.
 */
export async function databaseHealth(
  db: Database,
  timeoutMs = HEALTH_QUERY_TIMEOUT_MS,
): Promise<DatabaseHealth> {
  if (!db.isOpen) return { database: "closed", storage: { status: "closed" } };
  const check: Promise<StorageHealth> = db.health
    ? db.health().catch(() => ({ up: false }))
    : db.get("SELECT 1 AS ok").then(() => ({ up: true }), () => ({ up: false }));
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<undefined>((resolve) =>
    timer = setTimeout(() => resolve(undefined), timeoutMs)
  );
  try {
    const answer = await Promise.race([check, late]);
    const up = answer?.up === true;
    const degraded = up ? answer?.degraded : undefined;
    return {
      database: up ? "ok" : "unavailable",
      storage: {
        status: up ? (degraded ? "degraded" : "up") : "down",
        ...(degraded ? { reason: degraded } : {}),
        ...(answer?.pool ? { pool: answer.pool } : {}),
      },
    };
  } finally {
    clearTimeout(timer);
  }
}

/** The check running now, per database: the callers that come meanwhile wait for it too. */
const running = new WeakMap<Database, Promise<DatabaseHealth>>();

/**
 * {@linkcode databaseHealth} shared by the checks asked for while one runs: they all get its
 * answer, and the next check after it settles probes again.
 */
export function sharedDatabaseHealth(db: Database): Promise<DatabaseHealth> {
  let check = running.get(db);
  if (check === undefined) {
    check = databaseHealth(db).finally(() => running.delete(db));
    running.set(db, check);
  }
  return check;
}
