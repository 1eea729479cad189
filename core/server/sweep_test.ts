/**
 * The server's minute sweep (`expireIdleSessions`) keeps the sessions with a request running
 * marked used in the shared store, so another node's cap does not take them for idle, and
 * deletes saved states older than `SAVED_STATE_TTL_S`; it also removes the lines room rounds cut
 * off left pending (`removeCutRoomRounds`).
 */
import assert from "node:assert/strict";
import { AtCapacity } from "../errors.ts";
import { ManualClock } from "../clock.ts";
import { personaMigrations } from "../personas/mod.ts";
import { storageMigrations } from "../storage/mod.ts";
import { eachDatabase, eachSharedDatabase } from "../storage/testing/databases.ts";
import { EVICTION_GRACE_MS, SessionRegistry } from "../sessions/registry.ts";
import { sharedSessionMigrations, SharedSessionStore } from "../sessions/shared_sessions.ts";
import { savedSessionMigrations, SavedSessionStore } from "../sessions/saved_sessions.ts";
import { isoTime } from "../clock.ts";
import type { Services } from "../services_types.ts";
import { expireIdleSessions, minuteSweep, removeCutRoomRounds } from "./server.ts";

eachSharedDatabase(
  "the sweep marks a session with a request running as used: another node's cap keeps it",
  async (db, other) => {
    await db.migrate([...storageMigrations, ...personaMigrations, ...sharedSessionMigrations]);
    const clock = new ManualClock();
    const now = () => clock.now();
    const first = new SessionRegistry(now, { maxDetached: 1, shared: new SharedSessionStore(db) });
    const second = new SessionRegistry(now, {
      maxDetached: 1,
      shared: new SharedSessionStore(other),
    });
    const services = {
      sessions: first,
      config: { REST_SESSION_TTL_S: 1800, MCP_SESSION_TTL_S: 1800 },
      log: { warn: () => {} },
    } as unknown as Services;
    const a = await first.openShared("rest");
    assert.ok(await second.resume(a.id, "rest"), "the other node holds a copy");
    const running = a.track(1); // a chat running for minutes on the first node
    for (let minute = 0; minute * 60_000 <= EVICTION_GRACE_MS; minute++) {
      clock.advance(60_000);
      await expireIdleSessions(services);
    }
    await assert.rejects(second.openShared("rest"), AtCapacity);
    assert.ok(!a.closed && !running.signal.aborted);
    a.untrack(running);
    assert.ok(await first.persist(a), "still in the store");
  },
);

eachDatabase("the sweep deletes saved states not saved again for SAVED_STATE_TTL_S", async (db) => {
  await db.migrate([...storageMigrations, ...personaMigrations, ...savedSessionMigrations]);
  const clock = new ManualClock();
  const savedSessions = new SavedSessionStore(db);
  const services = {
    sessions: { keepAlive: async () => {}, expireIdle: async () => {} },
    savedSessions,
    clock,
    config: { REST_SESSION_TTL_S: 1800, MCP_SESSION_TTL_S: 1800, SAVED_STATE_TTL_S: 0 },
    log: { warn: () => {}, debug: () => {} },
  } as unknown as Services;
  const save = (key: string) =>
    savedSessions.save({
      key,
      active_persona_id: null,
      visual_context: null,
      saved_at: isoTime(clock.now()),
    });
  await save("old");
  clock.advance(3_600_000);
  await save("recent");
  clock.advance(60_000);
  await expireIdleSessions(services);
  assert.ok(await savedSessions.load("old"), "0: kept for good");
  (services.config as { SAVED_STATE_TTL_S: number }).SAVED_STATE_TTL_S = 3_600;
  await expireIdleSessions(services);
  assert.equal(await savedSessions.load("old"), undefined, "saved over an hour ago");
  assert.ok(await savedSessions.load("recent"));
  // The boundary, in seconds: a second short of the TTL is kept, a second past it is not.
  await save("edge");
  clock.advance(3_599_000);
  await expireIdleSessions(services);
  assert.ok(await savedSessions.load("edge"), "3,599 s after its save, under a TTL of 3,600 s");
  clock.advance(2_000);
  await expireIdleSessions(services);
  assert.equal(await savedSessions.load("edge"), undefined, "3,601 s after its save");
});

Deno.test("the sweep removes room rounds' cut off lines; a failure is a warning, tried next minute", async () => {
  const warned: string[] = [];
  let removals = 0;
  let reachable = false;
  const services = {
    rooms: {
      removeCutRounds: () => {
        removals++;
        return reachable ? Promise.resolve(2) : Promise.reject(new Error("database down"));
      },
    },
    sessions: { keepAlive: () => Promise.resolve(), expireIdle: () => Promise.resolve(0) },
    config: { REST_SESSION_TTL_S: 60, MCP_SESSION_TTL_S: 60, SAVED_STATE_TTL_S: 0 },
    log: { warn: (message: string) => warned.push(message), info: () => {} },
  } as unknown as Services;
  await removeCutRoomRounds(services);
  assert.deepEqual(warned, ["Cannot remove the lines of room rounds cut off yet"]);
  reachable = true;
  // The minute sweep is what runs it (with the sessions' expiry).
  await minuteSweep(services);
  assert.equal(removals, 2, "tried again at the next sweep");
  assert.equal(warned.length, 1);
});
