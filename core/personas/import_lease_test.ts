/**
 * Import marks with a lease (`import_lease.ts`): a crashed import's mark, no longer refreshed,
 * is swept once `IMPORT_LEASE_LIMIT_MS` have passed (its name free within minutes, not an
 * hour); a live import, whose node refreshes its mark, is never swept however long it runs,
 * even by a node whose clock runs minutes ahead (leases are timed by the database's clock); a
 * mark of a version before the lease keeps the hour. Marks are aged by rewriting them as a
 * crashed node leaves them; a refresh is awaited as an event (the mark rewritten).
 */
import assert from "node:assert/strict";
import { isoTime, ManualClock } from "../clock.ts";
import { storageMigrations } from "../storage/mod.ts";
import type { Database } from "../storage/database.ts";
import { eachDatabase } from "../storage/testing/databases.ts";
import {
  databaseTime,
  IMPORT_LEASE_LIMIT_MS,
  IMPORT_LEASE_REFRESH_MS,
  ImportLeases,
  isStale,
  leasedMark,
  readMark,
} from "./import_lease.ts";
import { personaMigrations, PersonaRepository } from "./repository.ts";
import { PersonaCreate } from "./schema.ts";
import { PersonaService } from "./service.ts";
import { ABANDONED_IMPORT_MS, IMPORT_SWEEP_MS } from "./unfinished_imports.ts";
import { ageMark, markChanged, markOf } from "./testing/import_marks.ts";

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const START = Date.parse("2026-01-01T00:00:00Z");

async function nodes(db: Database) {
  await db.migrate([...storageMigrations, ...personaMigrations]);
  const node = (name: string, clock = new ManualClock(START)) =>
    new PersonaService(new PersonaRepository(db), clock, { node: name, leaseRefreshMs: 5 });
  return { node, mark: (id: string) => markOf(db, id) };
}

Deno.test("the lease's refresh and the sweep run well within the lease limit", () => {
  // Several refreshes may fail (a blip) before a live import's mark goes stale.
  assert.ok(IMPORT_LEASE_REFRESH_MS * 4 <= IMPORT_LEASE_LIMIT_MS);
  // A crashed import is found within a sweep past the limit.
  assert.ok(IMPORT_SWEEP_MS <= IMPORT_LEASE_LIMIT_MS);
  assert.ok(IMPORT_LEASE_LIMIT_MS < ABANDONED_IMPORT_MS);
});

Deno.test("a mark is stale only past its limit: the lease's, or the hour for an old mark", () => {
  const at = Date.parse("2026-03-01T10:00:00Z");
  const leased = readMark(leasedMark("web 1", at));
  assert.deepEqual(leased, { node: "web 1", at, leased: true, claimed: false });
  assert.equal(isStale(leased, at + IMPORT_LEASE_LIMIT_MS, ABANDONED_IMPORT_MS), false);
  assert.equal(isStale(leased, at + IMPORT_LEASE_LIMIT_MS + 1, ABANDONED_IMPORT_MS), true);
  const old = readMark(`web 1 ${isoTime(at)}`);
  assert.equal(isStale(old, at + IMPORT_LEASE_LIMIT_MS * 10, ABANDONED_IMPORT_MS), false);
  assert.equal(isStale(old, at + ABANDONED_IMPORT_MS + 1, ABANDONED_IMPORT_MS), true);
});

Deno.test("a refresh that finds its row gone stops refreshing", async () => {
  let calls = 0;
  let now = 0;
  const leases = new ImportLeases({
    node: "a",
    now: () => Promise.resolve(now++),
    everyMs: 1,
    refresh: () => Promise.resolve(++calls > 1000),
  });
  const release = leases.hold("gone");
  for (let i = 0; i < 2000 && calls === 0; i++) await delay(1);
  await delay(30); // Many ticks: none refreshes again.
  await release();
  assert.equal(calls, 1);
});

eachDatabase("a crashed import's mark, not refreshed past the lease, is swept", async (db) => {
  const { node, mark } = await nodes(db);
  // Node a crashed after creating the persona: nothing refreshes its mark.
  const crashed = await node("a").createImporting(PersonaCreate.parse({ name: "Crashed" }));
  const written = readMark((await mark(crashed.id))!);
  assert.equal(written.leased, true);
  // Written by the database's clock, not the node's manual one.
  assert.ok(Math.abs(written.at - await databaseTime(db)) < ABANDONED_IMPORT_MS);
  const b = node("b");
  await ageMark(db, crashed.id, { ms: IMPORT_LEASE_LIMIT_MS - 30_000 });
  assert.deepEqual(await b.discardAbandonedImports(), [], "within the lease limit: kept");
  await ageMark(db, crashed.id, { ms: IMPORT_LEASE_LIMIT_MS + 1_000 });
  assert.deepEqual((await b.discardAbandonedImports()).map((p) => p.id), [crashed.id]);
  // The name is free again.
  const again = await b.create(PersonaCreate.parse({ name: "Crashed" }));
  assert.equal(again.name, "Crashed");
});

eachDatabase("a live import whose node refreshes its mark is never swept", async (db) => {
  const { node, mark } = await nodes(db);
  const a = node("a");
  const b = node("b");
  const live = await a.createImporting(PersonaCreate.parse({ name: "Live" }));
  await a.whileImporting(live, async () => {
    for (const ms of [IMPORT_LEASE_LIMIT_MS * 2, ABANDONED_IMPORT_MS * 3]) {
      // As if the import had run that long: its node's next refresh makes the mark fresh again.
      const aged = await ageMark(db, live.id, { ms });
      const refreshed = await markChanged(db, live.id, aged);
      assert.ok(await databaseTime(db) - readMark(refreshed!).at < IMPORT_LEASE_LIMIT_MS);
      assert.deepEqual(await b.discardAbandonedImports(), [], "refreshed: kept");
      assert.deepEqual(await b.discardUnfinishedImports({ shared: true }), []);
    }
  });
  await a.finishImport(live);
  assert.equal((await b.findByName("Live"))?.id, live.id);
  // The refresh stopped with the import: the finished row keeps no mark.
  assert.equal(await mark(live.id), null);
});

eachDatabase("a node whose clock runs minutes ahead does not sweep a live import", async (db) => {
  const { node, mark } = await nodes(db);
  const clocks = [new ManualClock(START), new ManualClock(START + 3 * 60_000)];
  const a = node("a", clocks[0]);
  const ahead = node("b", clocks[1]);
  const behind = node("c", new ManualClock(START - 3 * 60_000));
  const live = await a.createImporting(PersonaCreate.parse({ name: "Live" }));
  await a.whileImporting(live, async () => {
    // Just refreshed by a (a live import), a second later by every node's clock.
    for (const clock of clocks) clock.advance(1_000);
    await markChanged(db, live.id, await mark(live.id));
    assert.deepEqual(await ahead.discardAbandonedImports(), [], "swept by a clock 3 min ahead");
    assert.deepEqual(await ahead.discardUnfinishedImports({ shared: true }), []);
  });
  await a.finishImport(live);
  // A node whose clock is behind still sweeps a crashed import once its lease ran out.
  const crashed = await a.createImporting(PersonaCreate.parse({ name: "Crashed" }));
  await ageMark(db, crashed.id, { ms: IMPORT_LEASE_LIMIT_MS + 1_000 });
  assert.deepEqual((await behind.discardAbandonedImports()).map((p) => p.id), [crashed.id]);
});

eachDatabase("a mark of a version before the lease keeps the hour", async (db) => {
  const { node } = await nodes(db);
  const a = node("a");
  const old = await a.createImporting(PersonaCreate.parse({ name: "Old" }));
  const format = (name: string, at: number) => `${name} ${isoTime(at)}`;
  const mark = await ageMark(db, old.id, { ms: IMPORT_LEASE_LIMIT_MS * 10, node: "web 1", format });
  assert.equal(readMark(mark).node, "web 1");
  assert.equal(readMark(mark).leased, false);
  const b = node("b");
  assert.deepEqual(await b.discardAbandonedImports(), []);
  await ageMark(db, old.id, { ms: ABANDONED_IMPORT_MS + 1_000, node: "web 1", format });
  assert.deepEqual((await b.discardAbandonedImports()).map((p) => p.id), [old.id]);
});
