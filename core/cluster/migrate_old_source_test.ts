/**
 * `migrate-to-postgres` from a SQLite file written by an older version: the source is brought up
 * to date first (in a transaction rolled back after the copy), so the columns a later migration
 * added and filled (the lorebook summary) reach PostgreSQL filled; the file itself is unchanged.
 */
import assert from "node:assert/strict";
import { loadConfig } from "../config.ts";
import { insertOldBooks, loreOn, oldBooks } from "../lore/testing/fixtures.ts";
import type { MemoryBackend } from "../memory/backend.ts";
import { memoryMigrationsFor } from "../memory/mod.ts";
import { MIGRATIONS, migrationsFor } from "../migrations.ts";
import { SqliteConnection, SqliteDatabase } from "../storage/mod.ts";
import { onPostgres } from "../storage/testing/databases.ts";
import { DatabaseSync } from "node:sqlite";
import { migrateToPostgres, withSourceCopy } from "./migrate_to_postgres.ts";

/** Every lore migration after the first came with the lorebook summary or later. */
const BEFORE_SUMMARY = [...MIGRATIONS, ...memoryMigrationsFor({ MEMORY_BACKEND: "sqlite" })]
  .filter((migration) =>
    !migration.name.startsWith("lorebooks_") || migration.name === "lorebooks_1"
  );

/** A SQLite file as a server from before the lorebook summary left it, with `oldBooks()`. */
async function oldSqlite(): Promise<string> {
  const path = await Deno.makeTempFile({ suffix: ".db" });
  const db = new SqliteDatabase(path);
  try {
    await db.migrate(BEFORE_SUMMARY);
    await insertOldBooks(db, oldBooks());
  } finally {
    await db.close();
  }
  return path;
}

onPostgres("migrate-to-postgres fills what later migrations added to an old source", async (db) => {
  const path = await oldSqlite();
  const source = new SqliteConnection(path);
  try {
    const env = {
      STORAGE: "postgres",
      DATABASE_URL: "postgres://x@127.0.0.1/x",
      MEMORY_BACKEND: "chroma",
    };
    await db.migrate(migrationsFor(loadConfig({ env, dotenv: "" })));
    const report = await migrateToPostgres(source, { db, memory: {} as MemoryBackend });
    assert.equal(report.lorebooks, 3);
    const lore = loreOn(db);
    const page = await lore.page({}, { limit: 10 });
    assert.deepEqual(
      page.items.map((view) => [view.id, view.description, view.entry_count]),
      [["old1", "First", 2], ["old2", "", 0], ["old3", "Third", 1]],
    );
    // The file is as it was: its own server migrates it when it starts on it.
    const columns = source.all<{ name: string }>("PRAGMA table_info(lorebooks)")
      .map((column) => column.name);
    assert.equal(columns.includes("entry_count"), false);
    const applied = source.all<{ name: string }>("SELECT name FROM schema_migrations")
      .map((row) => row.name);
    assert.deepEqual(applied.sort(), BEFORE_SUMMARY.map((m) => m.name).sort());
  } finally {
    source.close();
    await Deno.remove(path);
  }
});

async function digest(path: string): Promise<string> {
  const bytes = await crypto.subtle.digest("SHA-256", await Deno.readFile(path));
  return Array.from(new Uint8Array(bytes), (b) => b.toString(16).padStart(2, "0")).join("");
}

onPostgres(
  "migrate-to-postgres reads a read-only old source another connection holds locked",
  async (db) => {
    const dir = await Deno.makeTempDir({ prefix: "readonly-source-" });
    const path = `${dir}/persona.db`;
    await Deno.rename(await oldSqlite(), path);
    const before = await digest(path);
    // Read-only file and directory (binding for a user other than root), and a writer holding
    // the file's write lock all along: the command must neither write nor lock the source.
    const holder = new DatabaseSync(path);
    holder.exec("BEGIN IMMEDIATE");
    await Deno.chmod(path, 0o444);
    await Deno.chmod(dir, 0o555);
    try {
      const env = {
        STORAGE: "postgres",
        DATABASE_URL: "postgres://x@127.0.0.1/x",
        MEMORY_BACKEND: "chroma",
      };
      await db.migrate(migrationsFor(loadConfig({ env, dotenv: "" })));
      const report = await withSourceCopy(
        path,
        (source) => migrateToPostgres(source, { db, memory: {} as MemoryBackend }),
      );
      assert.equal(report.lorebooks, 3);
      const page = await loreOn(db).page({}, { limit: 10 });
      assert.deepEqual(page.items.map((view) => [view.id, view.entry_count]), [
        ["old1", 2],
        ["old2", 0],
        ["old3", 1],
      ]);
      assert.equal(await digest(path), before);
    } finally {
      holder.exec("ROLLBACK");
      holder.close();
      await Deno.chmod(dir, 0o755);
      await Deno.remove(dir, { recursive: true });
    }
  },
);
