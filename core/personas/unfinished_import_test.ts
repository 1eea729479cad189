/**
 * Imports under way (`createImporting`): a database from before the mark migrates with its
 * personas complete; a marked persona is seen by no read but its own import, its name is taken;
 * a start deletes those a crash cut off (every one on SQLite; on PostgreSQL, where other nodes may
 * be importing, this node's and those whose lease ran out: `import_lease_test.ts`), delete hooks
 * included, then the cut-off hooks. Marks are aged by the database's clock
 * (`testing/import_marks.ts`).
 */
import assert from "node:assert/strict";
import { ManualClock } from "../clock.ts";
import { Conflict } from "../errors.ts";
import { storageMigrations } from "../storage/mod.ts";
import { eachDatabase } from "../storage/testing/databases.ts";
import { personaMigrations, PersonaRepository } from "./repository.ts";
import { PersonaCreate } from "./schema.ts";
import type { Persona } from "./schema.ts";
import { IMPORT_LEASE_LIMIT_MS } from "./import_lease.ts";
import { PersonaService } from "./service.ts";
import { ABANDONED_IMPORT_MS } from "./unfinished_imports.ts";
import { ageMark } from "./testing/import_marks.ts";

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

eachDatabase(
  "a database from before the import mark migrates, its personas complete",
  async (db) => {
    const old = personaMigrations.filter((migration) => migration.name !== "personas_3");
    assert.equal(old.length, personaMigrations.length - 1);
    await db.migrate([...storageMigrations, ...old]);
    const clock = new ManualClock(Date.parse("2026-01-01T00:00:00Z"));
    // A row as the old schema holds it.
    await db.run(
      "INSERT INTO personas (id, name, personality_traits, created_at, updated_at) VALUES (?, ?, ?, ?, ?)",
      "ada-1",
      "Ada",
      "{}",
      "2025-01-01T00:00:00.000Z",
      "2025-01-01T00:00:00.000Z",
    );
    const ada = { id: "ada-1" };
    await db.migrate([...storageMigrations, ...personaMigrations]);
    const after = new PersonaService(new PersonaRepository(db), clock);
    assert.deepEqual((await after.list()).map((persona) => persona.id), [ada.id]);
    assert.equal((await after.findByName("ada"))?.id, ada.id);
    assert.deepEqual(await after.discardUnfinishedImports({ shared: false }), []);
    assert.equal(
      Number(
        (await db.get<{ n: number }>("SELECT count(*) AS n FROM personas WHERE importing IS NULL"))
          ?.n,
      ),
      1,
    );
  },
);

eachDatabase(
  "a persona being imported is hidden but for its import; a start deletes it when cut off",
  async (db) => {
    await db.migrate([...storageMigrations, ...personaMigrations]);
    const clock = new ManualClock(Date.parse("2026-01-01T00:00:00Z"));
    const node = (name: string) => {
      const service = new PersonaService(new PersonaRepository(db), clock, { node: name });
      const deleted: string[] = [];
      service.onDelete((persona) => void deleted.push(persona.name));
      // After the delete hooks (a purge again for writes the killed process sent, landing late).
      service.onImportCutOff((persona) => void deleted.push(`cut off: ${persona.name}`));
      return { service, deleted };
    };
    const a = node("a");
    await a.service.create(PersonaCreate.parse({ name: "Ada" }));
    const copy = await a.service.createImporting(PersonaCreate.parse({ name: "Copy" }));
    const hidden = async (service: PersonaService) => {
      assert.deepEqual((await service.list()).map((persona) => persona.name), ["Ada"]);
      assert.equal(await service.find(copy.id), undefined);
      assert.equal(await service.findByName("Copy"), undefined);
      assert.equal(await service.count(), 1);
    };
    await hidden(a.service);
    // Its import sees it.
    await a.service.whileImporting(copy, async () => {
      assert.equal((await a.service.get(copy.id)).id, copy.id);
      assert.equal((await a.service.findByName("copy"))?.id, copy.id);
    });
    // Its name is taken: refused, or renamed past it.
    await assert.rejects(a.service.create(PersonaCreate.parse({ name: "COPY" })), Conflict);
    const renamed = await a.service.create(PersonaCreate.parse({ name: "Copy" }), { rename: true });
    assert.equal(renamed.name, "Copy (2)");
    await a.service.delete(renamed.id);
    assert.deepEqual(a.deleted, ["Copy (2)"], "no cut-off hook for a plain delete");

    // Another node (PostgreSQL) leaves a fresh mark of another node alone, ...
    const b = node("b");
    assert.deepEqual(await b.service.discardUnfinishedImports({ shared: true }), []);
    await hidden(b.service);
    // ... takes one of its own name (a restart) or an old one for cut off, ...
    const again = node("a");
    assert.deepEqual(
      (await again.service.discardUnfinishedImports({ shared: true })).map((p: Persona) => p.id),
      [copy.id],
    );
    assert.deepEqual(again.deleted, ["Copy", "cut off: Copy"], "delete, then cut-off hooks ran");
    const late = await a.service.createImporting(PersonaCreate.parse({ name: "Late" }));
    await ageMark(db, late.id, { ms: IMPORT_LEASE_LIMIT_MS - 30_000 });
    assert.deepEqual(await b.service.discardUnfinishedImports({ shared: true }), []);
    await ageMark(db, late.id, { ms: IMPORT_LEASE_LIMIT_MS + 1_000 });
    assert.deepEqual(
      (await b.service.discardUnfinishedImports({ shared: true })).map((p) => p.id),
      [late.id],
    );
    // ... and the import whose persona is gone fails at its end (nothing of it shows).
    await assert.rejects(a.service.finishImport(late), /Cannot find persona/);
    // SQLite (one server): every mark is cut off at a start.
    const last = await a.service.createImporting(PersonaCreate.parse({ name: "Last" }));
    assert.deepEqual(
      (await b.service.discardUnfinishedImports({ shared: false })).map((p) => p.id),
      [last.id],
    );
    // A finished import shows at once.
    const done = await a.service.createImporting(PersonaCreate.parse({ name: "Done" }));
    await a.service.finishImport(done);
    assert.deepEqual((await a.service.list()).map((persona) => persona.name), ["Ada", "Done"]);
    assert.equal((await node("c").service.findByName("done"))?.id, done.id);
    assert.deepEqual(await b.service.discardUnfinishedImports({ shared: false }), []);
  },
);

eachDatabase(
  "a node name with spaces, or a mark time that cannot be read, does not cut off a live import",
  async (db) => {
    await db.migrate([...storageMigrations, ...personaMigrations]);
    const clock = new ManualClock(Date.parse("2026-01-01T00:00:00Z"));
    const node = (name: string) =>
      new PersonaService(new PersonaRepository(db), clock, { node: name });
    const web1 = node("web 1");
    const fresh = await web1.createImporting(PersonaCreate.parse({ name: "Fresh" }));
    const odd = await web1.createImporting(PersonaCreate.parse({ name: "Odd" }));
    await db.run("UPDATE personas SET importing = ? WHERE id = ?", "web 1 not-a-time", odd.id);
    // Another node keeps both: one is fresh, the other's time cannot be read.
    assert.deepEqual(await node("web-2").discardUnfinishedImports({ shared: true }), []);
    // Its own node (the same NODE_ID after a restart) takes both for cut off.
    assert.deepEqual(
      (await node("web 1").discardUnfinishedImports({ shared: true })).map((p) => p.id).sort(),
      [fresh.id, odd.id].sort(),
    );
  },
);

eachDatabase(
  "a sweep every so often deletes old imports of any node, but not one running in this process",
  async (db) => {
    await db.migrate([...storageMigrations, ...personaMigrations]);
    const clock = new ManualClock(Date.parse("2026-01-01T00:00:00Z"));
    const node = (name: string) =>
      new PersonaService(new PersonaRepository(db), clock, { node: name });
    // Cut off by a crash of a node with a random name: the restarted node (another random name)
    // cannot tell it for its own at its start.
    const crashed = await node("3f2a9c1b").createImporting(
      PersonaCreate.parse({ name: "Crashed" }),
    );
    const restarted = node("77e0d4aa");
    assert.deepEqual(await restarted.discardUnfinishedImports({ shared: true }), []);
    const live = await restarted.createImporting(PersonaCreate.parse({ name: "Live" }));
    // Both marks as old as a lease that ran out long ago (by the database's clock).
    for (
      const { id, node } of [{ id: crashed.id, node: "3f2a9c1b" }, {
        id: live.id,
        node: "77e0d4aa",
      }]
    ) {
      await ageMark(db, id, { ms: ABANDONED_IMPORT_MS + 1, node });
    }
    const found: string[] = [];
    const failed: unknown[] = [];
    const stop = restarted.startImportSweep(5, {
      found: (persona) => void found.push(persona.id),
      failed: (error) => void failed.push(error),
    });
    try {
      for (let i = 0; i < 2000 && found.length === 0; i++) await delay(5);
      await delay(30); // Sweeps again: the live import stays.
    } finally {
      await stop();
    }
    assert.deepEqual(failed, []);
    assert.deepEqual(found, [crashed.id]);
    await restarted.finishImport(live);
    assert.equal((await restarted.findByName("Live"))?.id, live.id);
  },
);

eachDatabase(
  "a name stored in NFD made NFC at a start does not take the name of an import under way",
  async (db) => {
    await db.migrate([...storageMigrations, ...personaMigrations]);
    const clock = new ManualClock(Date.parse("2026-01-01T00:00:00Z"));
    const service = new PersonaService(new PersonaRepository(db), clock, { node: "a" });
    const old = await service.create(PersonaCreate.parse({ name: "placeholder" }));
    const copy = await service.createImporting(PersonaCreate.parse({ name: "Jos\u00e9" }));
    // As a version before the name rules stored it.
    await db.run("UPDATE personas SET name = ? WHERE id = ?", "Jose\u0301", old.id);
    const reopened = new PersonaService(new PersonaRepository(db), clock, { node: "b" });
    assert.deepEqual(await reopened.normalizeStoredNames(), [
      { id: old.id, from: "Jose\u0301", to: "Jos\u00e9 (2)" },
    ]);
    await service.finishImport(copy);
    const later = new PersonaService(new PersonaRepository(db), clock, { node: "c" });
    assert.equal((await later.resolve("Jos\u00e9")).id, copy.id);
  },
);
