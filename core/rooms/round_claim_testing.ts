/**
 * Test helpers of the round claim tests: a database whose claim heartbeats can be made to fail,
 * and a wait for a cancellation bounded by an event (not a time), so that a broken claim fails a
 * test with a clear message instead of hanging it.
 *
 * @module
 */
import { AssertionError } from "node:assert/strict";
import { personaMigrations } from "../personas/mod.ts";
import type { Database } from "../storage/database.ts";
import { storageMigrations } from "../storage/mod.ts";
import { roomMigrations } from "./migrations.ts";
import { RoundClaims } from "./round_claim.ts";

/** Migrates `db` and creates room `r1`. */
export async function setup(db: Database): Promise<void> {
  await db.migrate([...storageMigrations, ...personaMigrations, ...roomMigrations]);
  await db.run(
    `INSERT INTO rooms (id, name, scenario, reply_mode, max_replies, created_at)
     VALUES ('r1', 'Roof', '', 'everyone', 3, '2026-01-01T00:00:00.000Z')`,
  );
}

/**
 * Another node's round of room `r1` (claims on `db`): it waits for the claim, then does a few
 * reads; resolves when it has ended.
 */
export async function roundElsewhere(db: Database, leaseMs: number): Promise<void> {
  await new RoundClaims(db, leaseMs).run("r1", async () => {
    for (let k = 0; k < 3; k++) await db.get("SELECT 1 AS one");
  });
}

/** Whether `sql` is the claim's heartbeat (the renewal, not the release). */
function isBeat(sql: string): boolean {
  return /^\s*UPDATE room_round_claims SET claim_until = \(EXTRACT/.test(sql);
}

/** `db` whose heartbeats throw, as an unreachable database's would, while `failing` is set. */
export function breakableBeats(db: Database): { db: Database; failing: boolean } {
  const spy = {
    failing: false,
    db: new Proxy(db, {
      get(target, key) {
        if (key === "run") {
          return (sql: string, ...params: never[]) => {
            if (spy.failing && isBeat(sql)) {
              return Promise.reject(new Error("connection refused (test)"));
            }
            return target.run(sql, ...params);
          };
        }
        const value = Reflect.get(target, key, target);
        return typeof value === "function" ? value.bind(target) : value;
      },
    }),
  };
  return spy;
}

/**
 * The reason `signal` aborts with; rejects with `message` if `until` settles first (the event
 * by which the abort must have come).
 */
export function cancelledBefore(
  signal: AbortSignal,
  until: Promise<unknown>,
  message: string,
): Promise<unknown> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return resolve(signal.reason);
    signal.addEventListener("abort", () => resolve(signal.reason), { once: true });
    until.then(() => {
      if (!signal.aborted) reject(new AssertionError({ message }));
    }, reject);
  });
}
