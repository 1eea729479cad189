import assert from "node:assert/strict";
import { AtCapacity } from "../errors.ts";
import { personaMigrations } from "../personas/mod.ts";
import { storageMigrations } from "../storage/mod.ts";
import { eachSharedDatabase } from "../storage/testing/databases.ts";
import { EVICTION_GRACE_MS, SessionRegistry } from "./registry.ts";
import { sharedSessionMigrations, SharedSessionStore } from "./shared_sessions.ts";

Deno.test("at MAX_SESSIONS a new detached session ends the least recently used one idle past the grace", () => {
  let now = 0;
  const registry = new SessionRegistry(() => now, { maxDetached: 3 });
  const open = (kind: "rest" | "http") => {
    now++;
    return registry.open(kind);
  };
  const a = open("rest");
  const b = open("http");
  const c = open("rest");
  a.lastSeen = 10; // used again: c's twin b is now the least recently used
  now = b.lastSeen + EVICTION_GRACE_MS; // b has been unused for exactly the grace period
  const d = registry.open("http");
  assert.equal(registry.get(b.id), undefined, "the least recently used went");
  assert.ok(b.closed);
  for (const kept of [a, c, d]) assert.equal(registry.get(kept.id), kept);
  assert.equal(registry.counts().total, 3);
});

Deno.test("EVICTION_GRACE_MS is 5 minutes: a flood is refused, never ending a session used within it", () => {
  assert.equal(EVICTION_GRACE_MS, 300_000);
  let now = 1_000_000;
  const registry = new SessionRegistry(() => now, { maxDetached: 3 });
  const victim = registry.open("http");
  now += 1_000;
  registry.open("rest");
  registry.open("rest");
  now = victim.lastSeen + EVICTION_GRACE_MS - 1; // one millisecond short of the grace
  for (let i = 0; i < 10; i++) {
    assert.throws(
      () => registry.open("rest"),
      (error: Error) =>
        error instanceof AtCapacity && /used within the last 5 minutes/.test(error.message) &&
        error.retryAfterMs === 5_000, // the least: the victim may go in 1 ms
    );
  }
  assert.equal(registry.get(victim.id), victim, "the flood ended nothing");
  assert.equal(registry.counts().total, 3);
  victim.lastSeen = now; // used again: its grace starts over; the others went idle at 1_001_000
  now = 1_001_000 + 60_000;
  assert.throws(
    () => registry.open("rest"),
    (error: Error) =>
      error instanceof AtCapacity && error.retryAfterMs === EVICTION_GRACE_MS - 60_000,
    "told to come back when the least recently used may go",
  );
  now = 1_001_000 + EVICTION_GRACE_MS;
  registry.open("rest");
  assert.equal(registry.get(victim.id), victim, "the one used lately stays");
});

Deno.test("connection sessions do not count against the cap and are never evicted", () => {
  let now = 0;
  const registry = new SessionRegistry(() => now += EVICTION_GRACE_MS, { maxDetached: 1 });
  const sockets = Array.from({ length: 5 }, () => registry.open("websocket"));
  registry.open("rest");
  registry.open("rest");
  for (const socket of sockets) assert.equal(registry.get(socket.id), socket);
  assert.equal(registry.counts().by_kind.rest, 1);
});

Deno.test("when every session has a request running, a new one is refused with AtCapacity", () => {
  let now = 0;
  const registry = new SessionRegistry(() => now, { maxDetached: 2 });
  const first = registry.open("rest");
  const second = registry.open("http");
  now = EVICTION_GRACE_MS; // both idle long enough to go, were they not busy
  const running = first.track(1);
  second.track(2);
  assert.throws(
    () => registry.open("rest"),
    (error: Error) =>
      error instanceof AtCapacity && /each with a request running/.test(error.message) &&
      error.retryAfterMs === 5_000,
  );
  first.untrack(running);
  assert.equal(first.lastSeen, now, "its request just ended: it was used until now");
  assert.throws(() => registry.open("rest"), AtCapacity);
  now += EVICTION_GRACE_MS;
  registry.open("rest");
  assert.ok(first.closed, "the one that finished went, a grace period after its request ended");
  assert.ok(!second.closed);
});

Deno.test("closed sessions free their place", () => {
  const registry = new SessionRegistry(Date.now, { maxDetached: 2 });
  const first = registry.open("rest");
  const second = registry.open("rest");
  registry.close(first);
  registry.close(first); // twice is harmless
  const third = registry.open("rest");
  assert.ok(!second.closed);
  assert.equal(registry.get(third.id), third);
  registry.expireIdle("rest", -1);
  assert.equal(registry.counts().total, 0);
  registry.open("rest");
  registry.open("rest");
  assert.equal(registry.counts().total, 2);
});

eachSharedDatabase(
  "shared sessions: the cap ends the evicted one everywhere; a node's copies of others' are only dropped",
  async (db, other) => {
    await db.migrate([...storageMigrations, ...personaMigrations, ...sharedSessionMigrations]);
    let now = 0;
    let step = EVICTION_GRACE_MS; // each session idle past the grace by the next
    const clock = () => now += step;
    const first = new SessionRegistry(clock, {
      maxDetached: 3,
      shared: new SharedSessionStore(db),
    });
    const second = new SessionRegistry(clock, {
      maxDetached: 2,
      shared: new SharedSessionStore(other),
    });
    const opened = [];
    for (let i = 0; i < 5; i++) opened.push(await first.openShared("rest"));
    assert.equal(first.counts().total, 3);
    const stored = async () => (await db.all<{ id: string }>("SELECT id FROM sessions")).length;
    // Each eviction is deleted from the store when the next session is shared.
    assert.equal(await stored(), 3, "the store holds what the cap keeps");
    step = 1;
    for (const gone of opened.slice(0, 2)) {
      assert.equal(await second.resume(gone.id, "rest"), undefined, "evicted everywhere");
    }
    for (const kept of opened.slice(2)) assert.ok(await second.resume(kept.id, "rest"));
    // As without a shared store, resuming is never refused nor puts aside a session used lately.
    assert.equal(second.counts().total, 3, "copies used lately are kept, over the cap");
    assert.equal(await stored(), 3, "dropping a local copy ends nothing");
    assert.ok(await first.resume(opened[2]!.id, "rest"), "still resumable where it began");
  },
);
