/**
 * MAX_SESSIONS with a shared store (two nodes over one database, PostgreSQL and SQLite): the cap
 * ends a session everywhere only if no node used it within EVICTION_GRACE_MS, as the store says
 * when it deletes (not as this node last saw it); resuming agrees with the in-memory registry.
 */
import assert from "node:assert/strict";
import { AtCapacity } from "../errors.ts";
import { ManualClock } from "../clock.ts";
import type { Database } from "../storage/database.ts";
import { personaMigrations } from "../personas/mod.ts";
import { storageMigrations } from "../storage/mod.ts";
import { eachSharedDatabase } from "../storage/testing/databases.ts";
import { EVICTION_GRACE_MS, SessionRegistry } from "./registry.ts";
import { sharedSessionMigrations, SharedSessionStore } from "./shared_sessions.ts";

async function nodes(db: Database, other: Database, maxDetached: number) {
  await db.migrate([...storageMigrations, ...personaMigrations, ...sharedSessionMigrations]);
  const clock = new ManualClock();
  const now = () => clock.now();
  const first = new SessionRegistry(now, { maxDetached, shared: new SharedSessionStore(db) });
  const second = new SessionRegistry(now, { maxDetached, shared: new SharedSessionStore(other) });
  const stored = async () =>
    (await db.all<{ id: string }>("SELECT id FROM sessions ORDER BY id")).map((row) => row.id);
  return { clock, first, second, stored };
}

eachSharedDatabase(
  "shared sessions: the cap never ends a session another node used within the grace; when none may go, AtCapacity",
  async (db, other) => {
    const { clock, first, second, stored } = await nodes(db, other, 2);
    const a = await first.openShared("rest");
    clock.advance(1);
    const b = await first.openShared("rest");
    clock.advance(EVICTION_GRACE_MS);
    // Idle here for the grace, but used on the other node just now.
    const elsewhere = await second.resume(a.id, "rest");
    assert.ok(elsewhere && await second.persist(elsewhere));
    const c = await first.openShared("rest");
    assert.ok(!a.closed, "the least recently used here is in use elsewhere: it stays");
    assert.ok(b.closed, "the next one, idle everywhere, made room");
    assert.deepEqual(await stored(), [a.id, c.id].sort());

    clock.advance(EVICTION_GRACE_MS);
    for (const id of [a.id, c.id]) {
      const session = await second.resume(id, "rest");
      assert.ok(session && await second.persist(session));
    }
    await assert.rejects(
      first.openShared("rest"),
      (error: Error) =>
        // It learned from the store when they were used: it tells when the first may go.
        error instanceof AtCapacity && error.retryAfterMs === EVICTION_GRACE_MS &&
        /used within the last 5 minutes/.test(error.message),
    );
    assert.deepEqual(await stored(), [a.id, c.id].sort(), "nothing ended, nothing added");
    assert.equal(first.counts().total, 2);
  },
);

eachSharedDatabase(
  "shared sessions: resuming at the cap drops only a copy idle for the grace and is never refused",
  async (db, other) => {
    const { clock, first, second } = await nodes(db, other, 1);
    const a = await first.openShared("rest");
    const b = await second.openShared("rest");
    const copyOfB = await first.resume(b.id, "rest");
    assert.ok(copyOfB, "resumed over the cap: the session it holds is not refused");
    assert.ok(!a.closed, "nor is the one used just now put aside for it");
    assert.equal(first.counts().total, 2);
    clock.advance(EVICTION_GRACE_MS);
    first.close(copyOfB);
    assert.ok(await first.resume(b.id, "rest"));
    assert.ok(a.closed, "a copy idle for the grace made room (it ends nothing)");
    assert.equal(first.counts().total, 1);
    assert.ok(await second.resume(a.id, "rest"), "still in the store");
  },
);

Deno.test("without a shared store the cap's victim is chosen alike: idle for the grace, none busy", () => {
  const clock = new ManualClock();
  const registry = new SessionRegistry(() => clock.now(), { maxDetached: 1 });
  const a = registry.open("http");
  const running = a.track(1);
  clock.advance(EVICTION_GRACE_MS * 2);
  assert.throws(() => registry.open("rest"), /each with a request running/);
  a.untrack(running);
  assert.throws(() => registry.open("rest"), /used within the last 5 minutes/);
  clock.advance(EVICTION_GRACE_MS);
  registry.open("rest");
  assert.ok(a.closed);
});

eachSharedDatabase(
  "shared sessions: a request running past the grace keeps its session from every node's cap and expiry",
  async (db, other) => {
    const { clock, first, second, stored } = await nodes(db, other, 1);
    const a = await first.openShared("rest");
    assert.ok(await second.resume(a.id, "rest"), "the other node holds a copy");
    const running = a.track(1); // a chat that runs for minutes on the first node
    for (let minute = 0; minute < 12; minute++) {
      clock.advance(60_000);
      await first.keepAlive(); // the server's sweep, each minute
    }
    await assert.rejects(second.openShared("rest"), AtCapacity, "its copy is not ended");
    assert.equal(await first.expireIdle("rest", EVICTION_GRACE_MS), 0);
    // The opening refused on the second node learned from the store that its copy is in use.
    assert.equal(await second.expireIdle("rest", EVICTION_GRACE_MS), 0);
    assert.deepEqual(await stored(), [a.id]);
    a.untrack(running);
    assert.ok(!a.closed && await first.persist(a));
  },
);
