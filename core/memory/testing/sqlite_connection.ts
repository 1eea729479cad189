/**
 * A migrated SQLite connection on its own, for tests of the SQLite backend's parts that take the
 * connection itself (kept versions, written ties).
 *
 * @module
 */
import type { SqliteDatabase } from "../../storage/mod.ts";
import { SqliteBackend } from "../sqlite_backend.ts";
import { memoryFixture } from "./contract_fixture.ts";

/** Runs `run` with a migrated SQLite connection whose personas have no memory. */
export async function withConnection(
  run: (db: SqliteDatabase["connection"]) => void,
): Promise<void> {
  const databases: SqliteDatabase[] = [];
  const fixture = await memoryFixture((db) => {
    databases.push(db as SqliteDatabase);
    return new SqliteBackend(db as SqliteDatabase);
  });
  try {
    run(databases[0]!.connection);
  } finally {
    await fixture.close();
  }
}
