/**
 * attack24 F7: on PostgreSQL a node killed mid-import leaves its persona marked, hidden, its name
 * taken until a sweep deletes it once the lease ran out (about 2 minutes); a create or rename to
 * that name answered "persona <id> already has it", a persona no read shows. It now says an
 * unfinished import holds the name, and when it is freed at the latest (`retry_after_ms`).
 */
import assert from "node:assert/strict";
import { ManualClock } from "../clock.ts";
import { Conflict } from "../errors.ts";
import { storageMigrations } from "../storage/mod.ts";
import { eachDatabase } from "../storage/testing/databases.ts";
import { IMPORT_LEASE_LIMIT_MS } from "./import_lease.ts";
import { personaMigrations, PersonaRepository } from "./repository.ts";
import { PersonaCreate } from "./schema.ts";
import { PersonaService } from "./service.ts";
import { ageMark } from "./testing/import_marks.ts";
import { IMPORT_SWEEP_MS } from "./unfinished_imports.ts";

eachDatabase(
  "a name an import cut off still holds says so, with when it is freed (create and rename)",
  async (db) => {
    await db.migrate([...storageMigrations, ...personaMigrations]);
    const clock = new ManualClock(Date.parse("2026-01-01T00:00:00Z"));
    const node = (name: string) =>
      new PersonaService(new PersonaRepository(db), clock, { node: name });
    // The killed node's import, its lease last refreshed 30 s ago by the database's clock.
    const bulk = await node("3f2a9c1b").createImporting(PersonaCreate.parse({ name: "Bulk" }));
    await ageMark(db, bulk.id, { ms: 30_000, node: "3f2a9c1b" });
    const restarted = node("77e0d4aa");
    const other = await restarted.create(PersonaCreate.parse({ name: "Other" }));
    const refusal = async (attempt: () => Promise<unknown>) => {
      const error = await attempt().then(() => null, (thrown: unknown) => thrown);
      assert.ok(error instanceof Conflict, String(error));
      const data = error.data as { retry_after_ms: number; reason: string; fields: unknown };
      assert.match(
        error.message,
        new RegExp(
          `^Cannot use name "bulk": an unfinished import holds it \\(persona ${bulk.id}, not shown until it ends\\)\\. If that import was cut off \\(its server stopped\\), the name is freed within ${
            Math.ceil(data.retry_after_ms / 1000)
          } s: retry then$`,
          "i",
        ),
      );
      assert.equal(data.reason, "import_unfinished");
      assert.deepEqual(data.fields, [
        { field: "name", message: 'is held by an unfinished import of "Bulk"' },
      ]);
      return data.retry_after_ms;
    };
    const attempts = [
      () => restarted.create(PersonaCreate.parse({ name: "bulk" })),
      () => restarted.update(other.id, { name: "BULK" }),
    ];
    // Refreshed 30 s ago: the rest of its lease and a sweep at most (less as the test runs on;
    // bounds only, no time assumed).
    for (const attempt of attempts) {
      const wait = await refusal(attempt);
      assert.ok(wait >= IMPORT_SWEEP_MS, `${wait}`);
      assert.ok(wait <= IMPORT_LEASE_LIMIT_MS - 30_000 + IMPORT_SWEEP_MS, `${wait}`);
    }
    // Its lease ran out: a sweep's period. A time ahead of the database's: a whole lease at most.
    for (
      const [ms, wait] of [
        [IMPORT_LEASE_LIMIT_MS + 5_000, IMPORT_SWEEP_MS],
        [-60_000, IMPORT_LEASE_LIMIT_MS + IMPORT_SWEEP_MS],
      ]
    ) {
      await ageMark(db, bulk.id, { ms: ms!, node: "3f2a9c1b" });
      for (const attempt of attempts) assert.equal(await refusal(attempt), wait, `aged ${ms} ms`);
    }
    // A persona's own name is a plain clash, as before.
    await assert.rejects(
      restarted.create(PersonaCreate.parse({ name: "other" })),
      /Cannot use name "other": persona .* already has it/,
    );
    // A rename past it still takes the next free name.
    const renamed = await restarted.create(PersonaCreate.parse({ name: "Bulk" }), { rename: true });
    assert.equal(renamed.name, "Bulk (2)");
  },
);
