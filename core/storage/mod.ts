/**
 * Storage: the seam every repository talks to (`database.ts`), its SQLite and PostgreSQL
 * implementations, row mappers, and opening the database the settings ask for.
 *
 * @module
 */
import type { Config } from "../config.ts";
import type { Logger } from "../log.ts";
import type { Database } from "./database.ts";
import { PostgresDatabase, type PostgresSettings } from "./postgres.ts";
import { SqliteDatabase } from "./sqlite.ts";

export {
  CHANGE_CHECK_MS,
  type Database,
  type Dialect,
  type Migration,
  migrationSql,
  onlyOn,
  postgresTypes,
  type SqlValue,
  type StorageHealth,
} from "./database.ts";
export { isForeignKeyViolation, isUniqueViolation } from "./errors.ts";
export { storageMigrations } from "./migrations.ts";
export { PeriodClaims, periodMigrations } from "./periods.ts";
export { PostgresDatabase, type PostgresSettings, redactedUrl } from "./postgres.ts";
export { type Relay, RELAY_CHANNEL, relayFor, type RelayMessage } from "./relay.ts";
export { SqliteDatabase, type SqliteOptions } from "./sqlite.ts";
export { type CheckpointResult, WalCheckpointer } from "./wal_checkpointer.ts";
export { SqliteConnection } from "./sqlite_connection.ts";

/** The PostgreSQL settings in `config`. */
export function postgresSettings(config: Config): PostgresSettings {
  return {
    url: config.DATABASE_URL,
    poolSize: config.DATABASE_POOL_SIZE,
    poolQueue: config.DATABASE_POOL_QUEUE,
    idleTimeoutS: config.DATABASE_IDLE_TIMEOUT_S,
    connectTimeoutS: config.DATABASE_CONNECT_TIMEOUT_S,
    queryTimeoutMs: config.DATABASE_QUERY_TIMEOUT_MS,
  };
}

/** The SQLite file inside DATA_DIR. */
export function databasePath(config: Pick<Config, "DATA_DIR">): string {
  return `${config.DATA_DIR}/persona.db`;
}

/**
 * Opens the database `config.STORAGE` names: the SQLite file (`path`, by default
 * `DATA_DIR/persona.db`; `:memory:` for tests), or the PostgreSQL pool at DATABASE_URL.
 * `soleWriter`: no other process will ever write the SQLite file (`SqliteOptions.soleWriter`).
 */
export function openDatabase(
  config: Config,
  options: { path?: string; soleWriter?: boolean; log?: Logger } = {},
): Database {
  if (config.STORAGE === "postgres") {
    return new PostgresDatabase({ ...postgresSettings(config), log: options.log });
  }
  const path = options.path ?? databasePath(config);
  if (path !== ":memory:") Deno.mkdirSync(config.DATA_DIR, { recursive: true });
  return new SqliteDatabase(path, {
    checkpointInWorker: true,
    soleWriter: options.soleWriter,
    log: options.log,
    lockWaitMs: config.SQLITE_LOCK_WAIT_MS,
  });
}
