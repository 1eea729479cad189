/**
 * A name held by an unfinished import whose mark's time cannot be read (`name_checks.ts`
 * `heldFor`): the wait said is the mark's whole limit and a sweep's period, a number of
 * milliseconds, never NaN.
 *
 * @module
 */
import assert from "node:assert/strict";
import { ManualClock } from "../clock.ts";
import { Conflict } from "../errors.ts";
import { storageMigrations } from "../storage/mod.ts";
import { eachDatabase } from "../storage/testing/databases.ts";
import { personaMigrations, PersonaRepository } from "./repository.ts";
import { PersonaCreate } from "./schema.ts";
import { PersonaService } from "./service.ts";
import { ageMark } from "./testing/import_marks.ts";
import { ABANDONED_IMPORT_MS, IMPORT_SWEEP_MS } from "./unfinished_imports.ts";

eachDatabase("a held name whose mark has no readable time says a whole limit", async (db) => {
  await db.migrate([...storageMigrations, ...personaMigrations]);
  const clock = new ManualClock(Date.parse("2026-01-01T00:00:00Z"));
  const node = (name: string) =>
    new PersonaService(new PersonaRepository(db), clock, { node: name });
  const held = await node("3f2a9c1b").createImporting(PersonaCreate.parse({ name: "Held" }));
  // An older version's mark ("<node> <time>") whose time is gone: only the node's name is left.
  await ageMark(db, held.id, { ms: 0, format: () => "3f2a9c1b" });
  const error = await node("77e0d4aa").create(PersonaCreate.parse({ name: "held" })).then(
    () => null,
    (thrown: unknown) => thrown,
  );
  assert.ok(error instanceof Conflict, String(error));
  const data = error.data as { retry_after_ms: number; reason: string };
  assert.equal(data.reason, "import_unfinished");
  assert.equal(data.retry_after_ms, ABANDONED_IMPORT_MS + IMPORT_SWEEP_MS);
  assert.match(
    error.message,
    new RegExp(`within ${(ABANDONED_IMPORT_MS + IMPORT_SWEEP_MS) / 1000} s`),
  );
});
