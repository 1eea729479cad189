/**
 * A sweep claims a stale import mark (a compare-and-swap on the mark it read) before it deletes
 * anything: an import whose node comes back and refreshes its lease between the sweep's read
 * and its claim keeps its persona, no discard hook runs; and once a sweep has claimed an import,
 * its node can neither refresh nor finish it (the import fails, nothing of it shows). The race
 * is played deterministically: the sweeping node's repository lets the importing node refresh
 * right after its read.
 */
import assert from "node:assert/strict";
import { ManualClock } from "../clock.ts";
import { PersonaNotFound } from "../errors.ts";
import { storageMigrations } from "../storage/mod.ts";
import type { Database } from "../storage/database.ts";
import { eachDatabase } from "../storage/testing/databases.ts";
import { IMPORT_LEASE_LIMIT_MS, leasedMark, readMark } from "./import_lease.ts";
import { personaMigrations, PersonaRepository } from "./repository.ts";
import { PersonaCreate } from "./schema.ts";
import type { Persona } from "./schema.ts";
import { PersonaService } from "./service.ts";
import { ageMark, markChanged, markOf } from "./testing/import_marks.ts";

/** A repository whose `unfinishedImports` runs `afterRead` once it has read the marks. */
class RacingRepository extends PersonaRepository {
  afterRead: () => Promise<void> = () => Promise.resolve();

  override async unfinishedImports(): Promise<{ persona: Persona; mark: string }[]> {
    const read = await super.unfinishedImports();
    await this.afterRead();
    return read;
  }
}

async function setUp(db: Database) {
  await db.migrate([...storageMigrations, ...personaMigrations]);
  const clock = new ManualClock(Date.parse("2026-01-01T00:00:00Z"));
  const a = new PersonaService(new PersonaRepository(db), clock, { node: "a", leaseRefreshMs: 5 });
  const racing = new RacingRepository(db);
  const b = new PersonaService(racing, clock, { node: "b", leaseRefreshMs: 5 });
  const discarded: string[] = [];
  b.onDiscardImport((persona) => void discarded.push(persona.id));
  const live = await a.createImporting(PersonaCreate.parse({ name: "Live" }));
  // Node a lost the database for longer than the lease: its mark is stale.
  const stale = await ageMark(db, live.id, { ms: IMPORT_LEASE_LIMIT_MS + 1_000 });
  return { a, b, racing, discarded, live, stale };
}

eachDatabase(
  "an import refreshed between the sweep's read and its claim keeps its persona",
  async (db) => {
    const { a, b, racing, discarded, live, stale } = await setUp(db);
    let release!: () => void;
    const importing = new Promise<void>((resolve) => release = resolve);
    let running: Promise<unknown> | undefined;
    racing.afterRead = async () => {
      // Node a comes back and refreshes its lease after b read the stale mark.
      running = a.whileImporting(live, () => importing);
      await markChanged(db, live.id, stale);
    };
    const swept = await b.discardAbandonedImports();
    release();
    await running;
    assert.deepEqual(swept, [], "a refreshed import was swept");
    assert.deepEqual(discarded, [], "no discard hook ran");
    assert.equal(readMark((await markOf(db, live.id))!).node, "a");
    await a.finishImport(live);
    assert.equal((await a.findByName("Live"))?.id, live.id);
  },
);

eachDatabase(
  "once a sweep claimed an import, its node can neither refresh nor finish it",
  async (db) => {
    const { a, b, discarded, live } = await setUp(db);
    const late: { refreshed?: boolean; finish?: unknown } = {};
    b.onDiscardImport(async () => {
      // Node a comes back while b runs its discard hooks (after b's claim).
      const repository = new PersonaRepository(db);
      late.refreshed = await repository.refreshImport(live.id, leasedMark("a", Date.now()));
      late.finish = await a.finishImport(live).catch((error) => error);
    });
    assert.deepEqual((await b.discardAbandonedImports()).map((p) => p.id), [live.id]);
    assert.deepEqual(discarded, [live.id]);
    assert.equal(late.refreshed, false, "a claimed mark was refreshed");
    assert.ok(late.finish instanceof PersonaNotFound, `finished: ${late.finish}`);
    assert.equal(await markOf(db, live.id), undefined, "the claimed import's persona is gone");
    assert.equal(await a.findByName("Live"), undefined);
  },
);
