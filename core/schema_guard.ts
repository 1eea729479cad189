/**
 * Refuses a database written by a newer persona-mcp: one whose `schema_migrations` names a
 * migration this build does not know. An older build would otherwise open it without a word and
 * write rows the newer migrations never see again (they are recorded as applied), e.g. memories
 * indexed by an older analyser that later searches rank wrongly. `ALLOW_NEWER_DATABASE` lets an
 * operator go on anyway (a rolling downgrade), with a warning.
 *
 * @module
 */
import type { Logger } from "./log.ts";
import { type Database, storageMigrations } from "./storage/mod.ts";
import { MIGRATIONS } from "./migrations.ts";
import { memoryMigrations, pgvectorMigrations, postgresMemoryMigrations } from "./memory/mod.ts";

/** Every migration any configuration of this build applies (each memory backend's too). */
export function knownMigrationNames(): ReadonlySet<string> {
  return new Set(
    [
      ...storageMigrations,
      ...MIGRATIONS,
      ...memoryMigrations,
      ...postgresMemoryMigrations,
      ...pgvectorMigrations,
    ].map((migration) => migration.name),
  );
}

/** A start on a database a newer persona-mcp has migrated. */
export class NewerDatabaseError extends Error {
  override name = "NewerDatabaseError";
}

/** The names in `db`'s `schema_migrations` (none before the first start). */
async function appliedMigrations(db: Database): Promise<string[]> {
  const exists = db.dialect === "postgres"
    ? "SELECT 1 AS found FROM information_schema.tables " +
      "WHERE table_schema = current_schema() AND table_name = 'schema_migrations'"
    : "SELECT 1 AS found FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'";
  if ((await db.all(exists)).length === 0) return [];
  const rows = await db.all<{ name: string }>("SELECT name FROM schema_migrations ORDER BY name");
  return rows.map((row) => row.name);
}

/**
 * Throws {@linkcode NewerDatabaseError} when `db` holds migrations `known` lacks; with `allow`,
 * logs a warning instead. `where` names the database in the message (a path or a URL for logs).
 */
export async function checkSchemaKnown(
  db: Database,
  options: { where: string; allow: boolean; log: Logger; known?: ReadonlySet<string> },
): Promise<void> {
  const known = options.known ?? knownMigrationNames();
  const unknown = (await appliedMigrations(db)).filter((name) => !known.has(name));
  if (unknown.length === 0) return;
  const shown = unknown.slice(0, 3).join(", ") + (unknown.length > 3 ? ", …" : "");
  if (options.allow) {
    options.log.warn("Database written by a newer persona-mcp; going on (ALLOW_NEWER_DATABASE)", {
      database: options.where,
      unknown_migrations: unknown.length,
    });
    return;
  }
  throw new NewerDatabaseError(
    `${options.where} was written by a newer persona-mcp (migrations unknown to this build: ` +
      `${shown}): run that release or a newer one, or restore a backup taken before it; ` +
      `ALLOW_NEWER_DATABASE=true starts anyway (rows this build writes miss the newer migrations)`,
  );
}
