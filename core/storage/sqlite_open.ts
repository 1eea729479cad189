/**
 * Opening the server's SQLite file, and the start-up errors that name it. A file SQLite cannot
 * use stops the server with one line naming the file and what to do (attack24 F8), and so does
 * a file it can read but not write (attack24 F2): such a server started READY and then failed
 * every write.
 *
 * @module
 */
import { Busy, StorageUnavailable } from "../errors.ts";
import { SqliteConnection } from "./sqlite_connection.ts";
import { isLocked } from "./sqlite_lock_wait.ts";

/** Start-up failures by SQLite's message, with what to do about each. */
const REMEDIES: ReadonlyArray<[RegExp, string]> = [
  [
    /file is not a database|database disk image is malformed|file is encrypted/,
    "the file is damaged or is not a persona-mcp database: restore a backup, try " +
    '`sqlite3 persona.db ".recover" | sqlite3 recovered.db`, or move the file away to start ' +
    "with an empty database",
  ],
  [
    /attempt to write a readonly database|readonly/,
    "the file (or its -wal/-shm file, or DATA_DIR) is read-only: make it writable by the " +
    "server's user (chmod, chattr -i, a read-write mount) or set DATA_DIR to a folder you can write",
  ],
  [
    /unable to open database file/,
    "check that DATA_DIR exists and that the server's user can read and write the file and " +
    "its folder (SQLite makes persona.db-wal and persona.db-shm beside it)",
  ],
  [/database or disk is full/, "free space on the disk holding DATA_DIR"],
  [/disk I\/O error/, "check the disk holding DATA_DIR (space, errors in the system log)"],
  [
    /database is locked/,
    "another process holds the file's lock (a server, sqlite3, a backup): stop it or wait",
  ],
];

/**
 * An error from opening or migrating the file at `path` described for the start-up line: the
 * file, SQLite's words and what to do (or a storage error's words and hint). Other errors come
 * back as they were.
 */
export function describeOpenFailure(path: string, error: unknown): unknown {
  if (error instanceof Busy || error instanceof StorageUnavailable) {
    // Already in words (a lock held past the wait, a full disk): the file and the hint added.
    const hint = (error.data as { hint?: unknown } | undefined)?.hint;
    return new Error(`database ${path}: ${error.message}${hint ? ` (${hint})` : ""}`, {
      cause: error,
    });
  }
  if ((error as { code?: unknown } | null)?.code !== "ERR_SQLITE_ERROR") return error;
  const message = (error as Error).message.replace(/: \/.*$/, "");
  const remedy = REMEDIES.find(([pattern]) => pattern.test(message))?.[1];
  if (!remedy) return error;
  return new Error(`database ${path}: ${message}; ${remedy}`, { cause: error });
}

/**
 * Opens the file at `path` for the server: SQLite's own busy handler off (the caller waits for
 * locks asynchronously, `sqlite_lock_wait.ts`), and a file that cannot be written refused.
 * Failures are {@linkcode describeOpenFailure}'s.
 */
export function openSqliteFile(path: string, options: { soleWriter?: boolean }): SqliteConnection {
  let connection: SqliteConnection | undefined;
  try {
    connection = new SqliteConnection(path, options);
    // Off before the write check too: a lock held elsewhere must not freeze the start for 5 s.
    connection.raw.exec("PRAGMA busy_timeout = 0");
    if (path !== ":memory:") assertWritable(connection);
    return connection;
  } catch (error) {
    connection?.close();
    throw describeOpenFailure(path, error);
  }
}

/**
 * Throws when the file takes no writes. SQLite opens a file it may not write read-only without
 * a word, and `BEGIN IMMEDIATE` succeeds on it: only a write tells, so the header's
 * `user_version` is set to what it is, and rolled back. A lock held elsewhere proves nothing
 * (the migrations wait for it).
 */
function assertWritable(connection: SqliteConnection): void {
  const raw = connection.raw;
  try {
    raw.exec("BEGIN IMMEDIATE");
  } catch (error) {
    if (isLocked(error)) return;
    throw error;
  }
  try {
    const row = raw.prepare("PRAGMA user_version").get() as { user_version: number };
    raw.exec(`PRAGMA user_version = ${Number(row.user_version)}`);
  } finally {
    raw.exec("ROLLBACK");
  }
}
