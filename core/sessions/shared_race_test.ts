/**
 * Requests of one shared session at once (attack19 F1), on one node and on two over one database
 * (SQLite file, PostgreSQL schema): each keeps the field it set, none takes back another's, and
 * the counters count every request. Interleavings are laid out step by step, so each is certain.
 */
import assert from "node:assert/strict";
import type { Database } from "../storage/database.ts";
import { personaMigrations } from "../personas/mod.ts";
import { storageMigrations } from "../storage/mod.ts";
import { eachSharedDatabase } from "../storage/testing/databases.ts";
import { SessionRegistry } from "./registry.ts";
import { sharedSessionMigrations, SharedSessionStore } from "./shared_sessions.ts";
import type { VisualContext } from "./session.ts";

async function nodes(db: Database, other: Database) {
  await db.migrate([...storageMigrations, ...personaMigrations, ...sharedSessionMigrations]);
  let now = Date.UTC(2026, 0, 1);
  const clock = () => now++;
  const first = new SessionRegistry(clock, { shared: new SharedSessionStore(db) });
  const second = new SessionRegistry(clock, { shared: new SharedSessionStore(other) });
  const third = new SessionRegistry(clock, { shared: new SharedSessionStore(other) });
  return { first, second, third };
}

const scene = (round: number): VisualContext => ({
  type: "scene",
  data: { round },
  updated_at: "2026-01-01T00:00:00.000Z",
});

eachSharedDatabase(
  "shared sessions: two requests at once on one node keep both changes; a resume takes back neither",
  async (db, other) => {
    const { first, third } = await nodes(db, other);
    const opened = await first.openShared("rest");
    // A: resumed, sets the protocol state (as persona.switch sets the persona), still running.
    const a = (await first.resume(opened.id, "rest"))!;
    a.requestCount++;
    a.protocolState = { level: "debug" };
    // B: resumed meanwhile (the row read predates A's write), sets the scene, ends first.
    const b = (await first.resume(opened.id, "rest"))!;
    assert.deepEqual(b.protocolState, { level: "debug" }, "A's change in flight is not taken back");
    b.requestCount++;
    b.visualContext = scene(1);
    assert.ok(await first.persist(b));
    assert.ok(await first.persist(a));
    const seen = (await third.resume(opened.id, "rest"))!;
    assert.deepEqual(seen.protocolState, { level: "debug" }, "A's change kept");
    assert.deepEqual(seen.visualContext, scene(1), "B's change kept");
    assert.equal(seen.requestCount, 2, "each request counted once");
  },
);

eachSharedDatabase(
  "shared sessions: two requests at once on two nodes write only their own fields",
  async (db, other) => {
    const { first, second, third } = await nodes(db, other);
    const opened = await first.openShared("rest");
    opened.visualContext = scene(0);
    assert.ok(await first.persist(opened));
    const a = (await first.resume(opened.id, "rest"))!;
    const b = (await second.resume(opened.id, "rest"))!;
    a.protocolState = { level: "info" };
    a.messageCount++;
    b.visualContext = scene(2);
    b.messageCount++;
    // B writes first, then A, whose copy still holds scene 0: A leaves the scene alone.
    assert.ok(await second.persist(b));
    assert.ok(await first.persist(a));
    const seen = (await third.resume(opened.id, "rest"))!;
    assert.deepEqual(seen.protocolState, { level: "info" });
    assert.deepEqual(seen.visualContext, scene(2));
    assert.equal(seen.messageCount, 2);
    // A later resume on the first node brings B's scene there too (nothing of A's is pending).
    assert.deepEqual((await first.resume(opened.id, "rest"))!.visualContext, scene(2));
  },
);

eachSharedDatabase(
  "shared sessions: counters stay exact when many requests of one session interleave on two nodes",
  async (db, other) => {
    const { first, second, third } = await nodes(db, other);
    const opened = await first.openShared("rest");
    const running = [];
    // 20 requests resumed (each resume reading the row again) before any of them is written.
    for (let i = 0; i < 20; i++) {
      const node = i % 2 === 0 ? first : second;
      const session = (await node.resume(opened.id, "rest"))!;
      session.requestCount++;
      if (i % 4 === 0) session.messageCount++;
      running.push({ node, session });
    }
    // Written in another order, each write followed by a resume elsewhere (a new request).
    for (const [i, { node, session }] of running.reverse().entries()) {
      assert.ok(await node.persist(session));
      await (i % 2 === 0 ? second : first).resume(opened.id, "rest");
    }
    const seen = (await third.resume(opened.id, "rest"))!;
    assert.deepEqual([seen.messageCount, seen.requestCount], [5, 20]);
  },
);
