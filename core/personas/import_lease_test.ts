/**
 * Import marks with a lease (`import_lease.ts`): a crashed import's mark, no longer refreshed,
 * is swept once `IMPORT_LEASE_LIMIT_MS` have passed (its name free within minutes, not an
 * hour); a live import, whose node refreshes its mark, is never swept however long it runs; a
 * mark of a version before the lease keeps the hour. Times come from a manual clock; the
 * refresh runs on a short real interval, awaited as an event (the mark rewritten).
 */
import assert from "node:assert/strict";
import { isoTime, ManualClock } from "../clock.ts";
import { storageMigrations } from "../storage/mod.ts";
import type { Database } from "../storage/database.ts";
import { eachDatabase } from "../storage/testing/databases.ts";
import { IMPORT_LEASE_LIMIT_MS, readMark } from "./import_lease.ts";
import { personaMigrations, PersonaRepository } from "./repository.ts";
import { PersonaCreate } from "./schema.ts";
import { ABANDONED_IMPORT_MS, PersonaService } from "./service.ts";

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function nodes(db: Database) {
  await db.migrate([...storageMigrations, ...personaMigrations]);
  const clock = new ManualClock(Date.parse("2026-01-01T00:00:00Z"));
  const node = (name: string) =>
    new PersonaService(new PersonaRepository(db), clock, { node: name, leaseRefreshMs: 5 });
  const mark = async (id: string) =>
    (await db.get<{ importing: string | null }>("SELECT importing FROM personas WHERE id = ?", id))
      ?.importing;
  return { clock, node, mark };
}

eachDatabase("a crashed import's mark, not refreshed past the lease, is swept", async (db) => {
  const { clock, node, mark } = await nodes(db);
  // Node a crashed after creating the persona: nothing refreshes its mark.
  const crashed = await node("a").createImporting(PersonaCreate.parse({ name: "Crashed" }));
  assert.equal(readMark((await mark(crashed.id))!).leased, true);
  const b = node("b");
  clock.advance(IMPORT_LEASE_LIMIT_MS);
  assert.deepEqual(await b.discardAbandonedImports(), [], "within the lease limit: kept");
  clock.advance(1);
  assert.deepEqual((await b.discardAbandonedImports()).map((p) => p.id), [crashed.id]);
  // The name is free again.
  const again = await b.create(PersonaCreate.parse({ name: "Crashed" }));
  assert.equal(again.name, "Crashed");
});

eachDatabase("a live import whose node refreshes its mark is never swept", async (db) => {
  const { clock, node, mark } = await nodes(db);
  const a = node("a");
  const b = node("b");
  const live = await a.createImporting(PersonaCreate.parse({ name: "Live" }));
  await a.whileImporting(live, async () => {
    for (const step of [IMPORT_LEASE_LIMIT_MS * 2, ABANDONED_IMPORT_MS * 3]) {
      clock.advance(step);
      // Waits for the refresh (an event, not a time): the mark carries the clock's time.
      const now = isoTime(clock.now());
      for (let i = 0; i < 2000 && !(await mark(live.id))?.includes(now); i++) await delay(5);
      assert.equal(readMark((await mark(live.id))!).at, clock.now());
      assert.deepEqual(await b.discardAbandonedImports(), [], "refreshed: kept");
      assert.deepEqual(await b.discardUnfinishedImports({ shared: true }), []);
    }
  });
  await a.finishImport(live);
  assert.equal((await b.findByName("Live"))?.id, live.id);
  // The refresh stopped with the import: the finished row keeps no mark.
  assert.equal(await mark(live.id), null);
});

eachDatabase("a mark of a version before the lease keeps the hour", async (db) => {
  const { clock, node } = await nodes(db);
  const a = node("a");
  const old = await a.createImporting(PersonaCreate.parse({ name: "Old" }));
  await db.run(
    "UPDATE personas SET importing = ? WHERE id = ?",
    `web 1 ${isoTime(clock.now())}`,
    old.id,
  );
  assert.deepEqual(readMark(`web 1 ${isoTime(clock.now())}`), {
    node: "web 1",
    at: clock.now(),
    leased: false,
  });
  const b = node("b");
  clock.advance(IMPORT_LEASE_LIMIT_MS * 10);
  assert.deepEqual(await b.discardAbandonedImports(), []);
  clock.advance(ABANDONED_IMPORT_MS);
  assert.deepEqual((await b.discardAbandonedImports()).map((p) => p.id), [old.id]);
});
