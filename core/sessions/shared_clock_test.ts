/**
 * Shared sessions on PostgreSQL are judged idle by the database's clock (attack19 F3): a node
 * whose own clock is 45 minutes ahead, or behind, neither ends the sessions other nodes use (by
 * expiry or to make room) nor keeps ones idle past their time.
 */
import assert from "node:assert/strict";
import type { Database } from "../storage/database.ts";
import { personaMigrations } from "../personas/mod.ts";
import { storageMigrations } from "../storage/mod.ts";
import { onSharedPostgres } from "../storage/testing/databases.ts";
import { EVICTION_GRACE_MS, SessionRegistry } from "./registry.ts";
import { sharedSessionMigrations, SharedSessionStore } from "./shared_sessions.ts";

const SKEW_MS = 45 * 60_000;
const TTL_MS = 30 * 60_000;

/** A node of the cluster whose clock is `skew` ms off the database's. */
function node(db: Database, skew: number) {
  const now = () => Date.now() + skew;
  const store = new SharedSessionStore(db, { databaseClock: now });
  return { store, registry: new SessionRegistry(now, { shared: store }) };
}

async function ids(db: Database): Promise<string[]> {
  return (await db.all<{ id: string }>("SELECT id FROM sessions ORDER BY id")).map((r) => r.id);
}

onSharedPostgres(
  "shared sessions: a node whose clock is ahead or behind ends no live session, yet ends idle ones",
  async (db, other) => {
    await db.migrate([...storageMigrations, ...personaMigrations, ...sharedSessionMigrations]);
    const right = node(db, 0);
    const ahead = node(other, SKEW_MS);
    const behind = node(other, -SKEW_MS);
    // Used just now: one on the node whose clock is right, one on the node behind.
    const used = await right.registry.openShared("rest");
    const usedBehind = await behind.registry.openShared("http");
    const resumed = (await behind.registry.resume(used.id, "rest"))!;
    resumed.requestCount++;
    assert.ok(await behind.registry.persist(resumed));
    const live = [used.id, usedBehind.id].sort();

    assert.equal(await ahead.registry.expireIdle("rest", TTL_MS), 0, "none idle by the database");
    assert.equal(await ahead.registry.expireIdle("http", TTL_MS), 0);
    assert.equal(await right.registry.expireIdle("http", TTL_MS), 0);
    assert.ok(!await ahead.store.evict(used.id, Date.now() + SKEW_MS - EVICTION_GRACE_MS));
    assert.deepEqual(await ids(db), live, "the node ahead ended nothing in use");
    // What the store says a node's sessions were last used is in that node's own time.
    const seen = (await ahead.store.lastSeen([used.id])).get(used.id)!;
    assert.ok(Math.abs(seen - (Date.now() + SKEW_MS)) < 60_000, `${seen} is the node's now`);

    // Idle past the TTL by the database's clock: any node ends it, the one behind too.
    const idle = await right.registry.openShared("rest");
    await db.run(
      "UPDATE sessions SET last_seen = last_seen - ? WHERE id = ?",
      TTL_MS + 60_000,
      idle.id,
    );
    assert.equal(await behind.registry.expireIdle("rest", TTL_MS), 1, "the idle one goes");
    assert.deepEqual(await ids(db), live);
    assert.equal(await right.registry.resume(idle.id, "rest"), undefined);
  },
);
