import assert from "node:assert/strict";
import type { Logger } from "./log.ts";
import { migrationsFor } from "./migrations.ts";
import { checkSchemaKnown, knownMigrationNames, NewerDatabaseError } from "./schema_guard.ts";
import { eachDatabase } from "./storage/testing/databases.ts";
import type { Database } from "./storage/mod.ts";
import { testConfig } from "../tests/_helpers.ts";

/** A logger that keeps its warnings. */
function keptWarnings(): { log: Logger; warnings: string[] } {
  const warnings: string[] = [];
  const quiet = () => {};
  return {
    warnings,
    log: { debug: quiet, info: quiet, error: quiet, warn: (message) => warnings.push(message) },
  };
}

/** Migrates `db` as this build's server would, then records `extra` as a newer build would. */
async function migratedBy(db: Database, extra: string[]): Promise<void> {
  const postgres = { STORAGE: "postgres", DATABASE_URL: "postgres://x", MEMORY_BACKEND: "chroma" };
  await db.migrate(migrationsFor(testConfig(db.dialect === "postgres" ? postgres : {})));
  for (const name of extra) {
    await db.run(
      "INSERT INTO schema_migrations (name, applied_at) VALUES (?, ?)",
      name,
      "2099-01-01",
    );
  }
}

eachDatabase("a fresh database and one this build migrated both pass", async (db) => {
  const { log, warnings } = keptWarnings();
  await checkSchemaKnown(db, { where: "db", allow: false, log });
  await migratedBy(db, []);
  await checkSchemaKnown(db, { where: "db", allow: false, log });
  assert.deepEqual(warnings, []);
});

eachDatabase(
  "a database a newer build migrated is refused, naming it and the way out",
  async (db) => {
    await migratedBy(db, ["memories_future_99"]);
    const { log } = keptWarnings();
    await assert.rejects(
      checkSchemaKnown(db, { where: "/data/persona.db", allow: false, log }),
      (error) => {
        assert.ok(error instanceof NewerDatabaseError);
        assert.match(
          error.message,
          /^\/data\/persona\.db was written by a newer persona-mcp \(migrations unknown to this build: memories_future_99\)/,
        );
        assert.match(error.message, /ALLOW_NEWER_DATABASE=true/);
        return true;
      },
    );
  },
);

eachDatabase("ALLOW_NEWER_DATABASE starts on a newer database with a warning", async (db) => {
  await migratedBy(db, ["a_future_1", "b_future_2", "c_future_3", "d_future_4"]);
  const { log, warnings } = keptWarnings();
  await checkSchemaKnown(db, { where: "db", allow: true, log });
  assert.equal(warnings.length, 1);
  assert.match(warnings[0]!, /newer persona-mcp/);
});

Deno.test("every memory backend's migrations are known, so switching backends is no downgrade", () => {
  const known = knownMigrationNames();
  for (const backend of ["sqlite", "chroma", "pgvector"]) {
    for (const storage of ["sqlite", "postgres"]) {
      // Memories of PostgreSQL storage live in PostgreSQL; pgvector needs it.
      if ((storage === "sqlite") === (backend === "pgvector") && backend !== "chroma") continue;
      const config = testConfig({
        STORAGE: storage,
        MEMORY_BACKEND: backend,
        ...(storage === "postgres" ? { DATABASE_URL: "postgres://x" } : {}),
      });
      for (const migration of migrationsFor(config)) {
        assert.ok(known.has(migration.name), `${storage}/${backend}: ${migration.name}`);
      }
    }
  }
  assert.ok(known.has("storage_1_change_versions"));
});
