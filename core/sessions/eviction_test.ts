/**
 * The cap's eviction with a shared store under races (review14 findings 1, 2, 3, 5, 6, 11), on
 * SQLite and PostgreSQL: a busy or resumed session never goes, an opening ends at most one session
 * everywhere and asks the store little, and dead copies free their place.
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

/** A store counting its evictions, running `beforeEvict` before each and `afterEvict` after. */
class Spied extends SharedSessionStore {
  evictions = 0;
  beforeEvict: (id: string) => void = () => {};
  afterEvict: (id: string) => Promise<void> = async () => {};
  override async evict(id: string, cutoff: number): Promise<boolean> {
    this.evictions++;
    this.beforeEvict(id);
    const done = await super.evict(id, cutoff);
    await this.afterEvict(id);
    return done;
  }
}

async function nodes(db: Database, other: Database, maxDetached: number) {
  await db.migrate([...storageMigrations, ...personaMigrations, ...sharedSessionMigrations]);
  const clock = new ManualClock();
  const now = () => clock.now();
  const store = new Spied(db);
  const first = new SessionRegistry(now, { maxDetached, shared: store });
  const second = new SessionRegistry(now, { maxDetached, shared: new SharedSessionStore(other) });
  const stored = async () =>
    (await db.all<{ id: string }>("SELECT id FROM sessions ORDER BY id")).map((row) => row.id);
  return { clock, first, second, store, stored };
}

const refused = (error: unknown) => error instanceof AtCapacity;

eachSharedDatabase(
  "eviction: a session that turns busy while the store deletes it is put back, not closed",
  async (db, other) => {
    const { clock, first, store, stored } = await nodes(db, other, 1);
    const a = await first.openShared("rest");
    clock.advance(EVICTION_GRACE_MS + 1);
    let running: AbortController | undefined;
    // A request on this node takes it up while the DELETE is in flight.
    store.beforeEvict = () => running = a.track(1);
    await assert.rejects(first.openShared("rest"), refused);
    assert.ok(running && !running.signal.aborted && !a.closed, "the running request goes on");
    assert.deepEqual(await stored(), [a.id], "its row is back");
    a.untrack(running);
    assert.ok(await first.persist(a));
  },
);

eachSharedDatabase(
  "eviction: a copy a resume found gone after the DELETE is not put back (review15)",
  async (db, other) => {
    const { clock, first, store, stored } = await nodes(db, other, 1);
    const a = await first.openShared("rest");
    clock.advance(EVICTION_GRACE_MS + 1);
    let resumed: unknown = "not run";
    store.afterEvict = async () => {
      store.afterEvict = async () => {};
      resumed = await first.resume(a.id, "rest");
    };
    const b = await first.openShared("rest");
    assert.equal(resumed, undefined, "the resume found the session gone");
    assert.ok(a.closed);
    assert.deepEqual(await stored(), [b.id], "no row is left without its session");
  },
);

eachSharedDatabase(
  "eviction: a session resumed while an opening makes room is not ended under its request",
  async (db, other) => {
    const { clock, first } = await nodes(db, other, 1);
    const a = await first.openShared("rest");
    clock.advance(EVICTION_GRACE_MS + 1);
    const request = (async () => {
      const session = await first.resume(a.id, "rest");
      const running = session?.track(1);
      await new Promise((resolve) => setTimeout(resolve, 20));
      return { session, aborted: running?.signal.aborted };
    })();
    const opening = await first.openShared("rest").then(() => "opened", () => "refused");
    const { session, aborted } = await request;
    assert.equal(opening, "refused");
    assert.ok(session && !session.closed && aborted === false);
    assert.ok(await first.persist(session));
  },
);

eachSharedDatabase(
  "eviction: a local copy of a session ended elsewhere frees its place, ending nothing",
  async (db, other) => {
    const { clock, first, second, store, stored } = await nodes(db, other, 1);
    const a = await first.openShared("rest");
    await second.end((await second.resume(a.id, "rest"))!);
    clock.advance(1); // not idle for the grace: only its being gone lets it go
    const b = await first.openShared("rest");
    assert.ok(a.closed && first.counts().total === 1 && store.evictions === 0);
    assert.deepEqual(await stored(), [b.id]);
  },
);

eachSharedDatabase(
  "eviction: two openings at once at the cap end two idle sessions, not one twice",
  async (db, other) => {
    const { clock, first } = await nodes(db, other, 3);
    for (let i = 0; i < 3; i++) {
      await first.openShared("rest");
      clock.advance(1);
    }
    clock.advance(EVICTION_GRACE_MS);
    const results = await Promise.allSettled([first.openShared("rest"), first.openShared("rest")]);
    assert.deepEqual(results.map((result) => result.status), ["fulfilled", "fulfilled"]);
    assert.equal(first.counts().total, 3);
  },
);

eachSharedDatabase(
  "eviction: a refused opening learns from the store in one read, deleting nothing",
  async (db, other) => {
    const { clock, first, second, store } = await nodes(db, other, 20);
    const mine = [];
    for (let i = 0; i < 20; i++) mine.push(await first.openShared("rest"));
    clock.advance(EVICTION_GRACE_MS + 1);
    for (const session of mine) {
      const copy = await second.resume(session.id, "rest");
      assert.ok(copy && await second.persist(copy)); // each used on the other node
    }
    for (let i = 0; i < 3; i++) await assert.rejects(first.openShared("rest"), refused);
    assert.equal(store.evictions, 0);
  },
);

eachSharedDatabase(
  "eviction: one opening over the cap ends one session everywhere; other copies are only dropped",
  async (db, other) => {
    const { clock, first, second, stored } = await nodes(db, other, 10);
    const theirs = [];
    for (let i = 0; i < 10; i++) theirs.push(await second.openShared("rest"));
    for (let i = 0; i < 5; i++) await first.openShared("rest");
    for (const session of theirs) assert.ok(await first.resume(session.id, "rest"));
    assert.equal(first.counts().total, 15);
    clock.advance(EVICTION_GRACE_MS + 1);
    await first.openShared("rest");
    assert.equal(first.counts().total, 10);
    assert.equal((await stored()).length, 15, "15 - 1 ended + 1 opened");
  },
);

eachSharedDatabase(
  "eviction: a request starting on another node marks its long-idle session used at once",
  async (db, other) => {
    const { clock, first, second } = await nodes(db, other, 1);
    const a = await first.openShared("rest");
    clock.advance(EVICTION_GRACE_MS + 1);
    const copy = (await second.resume(a.id, "rest"))!;
    const running = copy.track(1);
    await assert.rejects(first.openShared("rest"), refused);
    copy.untrack(running);
    assert.ok(!a.closed && await second.persist(copy), "the session lives on");
  },
);
