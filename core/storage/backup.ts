/**
 * `deno task backup <out.db> [--from data/persona.db]`: a consistent copy of the SQLite database
 * taken while the server runs. A bare `cp persona.db` of a running server copies a file whose
 * recent commits are still in `persona.db-wal` (all of them, on a young database: the copy has
 * no tables at all, attack24 F4); this reads the database through SQLite, WAL included, in one
 * read transaction (SQLite's online backup API in one step, as `sqlite3 persona.db ".backup"`),
 * so the copy holds every commit acknowledged before it started and nothing half-written. The
 * server is never locked out (WAL readers do not block writers). The copy is a single file
 * (rollback journal, no `-wal` beside it) checked with `PRAGMA quick_check`; an existing file is
 * never overwritten. `VACUUM INTO` would do the same, but Deno allows its `ATTACH` only to a
 * process with every permission.
 *
 * Also here: {@linkcode emptyCopyWarning}, the start's warning for a `persona.db` that holds no
 * tables and has no WAL beside it (a copy taken so).
 *
 * @module
 */
import { backup, DatabaseSync } from "node:sqlite";
import { loadConfig } from "../config.ts";
import { databasePath } from "./mod.ts";

/** What {@linkcode backupDatabase} wrote. */
export interface BackupReport {
  /** The copy's path, as given. */
  path: string;
  bytes: number;
  /** Tables in the copy. */
  tables: number;
  /** Rows of the main tables, when the copy has them. */
  personas: number | null;
  memories: number | null;
}

/** The rows of `table` in `db`, or null when it has no such table. */
function rowsOf(db: DatabaseSync, table: string): number | null {
  const found = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?")
    .get(table);
  if (!found) return null;
  return Number(db.prepare(`SELECT count(*) AS n FROM "${table}"`).get()?.n);
}

/**
 * Copies the SQLite database at `from` (WAL included) to `to`, a file that must not exist yet;
 * the copy is checked before the report is returned. A copy that fails is removed.
 */
export async function backupDatabase(from: string, to: string): Promise<BackupReport> {
  const source = await Deno.stat(from).catch(() => null);
  if (!source?.isFile) throw new Error(`No SQLite database at ${from} (give --from path)`);
  // Made here, empty, or refused: never a file someone else has (checked and taken at once).
  try {
    Deno.openSync(to, { createNew: true, write: true }).close();
  } catch (error) {
    if (error instanceof Deno.errors.AlreadyExists) {
      throw new Error(`${to} already exists: a backup never overwrites a file; name a new one`);
    }
    throw error;
  }
  try {
    const db = new DatabaseSync(from, { readOnly: true, timeout: 5_000 });
    try {
      // One step (-1): every page in one read transaction, a snapshot of one moment.
      await backup(db, to, { rate: -1 });
    } finally {
      db.close();
    }
    const report = checkedCopy(to);
    return { ...report, bytes: (await Deno.stat(to)).size };
  } catch (error) {
    for (const path of [to, `${to}-wal`, `${to}-shm`, `${to}-journal`]) {
      await Deno.remove(path).catch(() => {});
    }
    throw error;
  }
}

/** Makes the copy at `path` one self-contained file, checks it, and counts what it holds. */
function checkedCopy(path: string): Omit<BackupReport, "bytes"> {
  const copy = new DatabaseSync(path);
  try {
    // A single file: copied on (cp, rsync) as it is, with no -wal to forget.
    copy.exec("PRAGMA journal_mode = DELETE");
    const check = copy.prepare("PRAGMA quick_check").get()?.quick_check;
    if (check !== "ok") throw new Error(`The copy at ${path} failed its check: ${check}`);
    const tables = Number(
      copy.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'").get()?.n,
    );
    return {
      path,
      tables,
      personas: rowsOf(copy, "personas"),
      memories: rowsOf(copy, "memories"),
    };
  } finally {
    copy.close();
  }
}

/**
 * The warning for a start on `path` when it is a file that holds no tables with no `-wal` beside
 * it: what copying a running server's `persona.db` alone gives (its data was in the WAL). A
 * first start creates the file itself, so it never warns. Null when there is nothing to say.
 * Reads the file (read-only) before the server opens it.
 */
export function emptyCopyWarning(path: string): string | null {
  if (path === ":memory:") return null;
  const exists = (file: string) => {
    try {
      return Deno.statSync(file).isFile;
    } catch {
      return false;
    }
  };
  if (!exists(path) || exists(`${path}-wal`)) return null;
  let tables: number;
  try {
    const db = new DatabaseSync(path, { readOnly: true });
    try {
      tables = Number(
        db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'").get()?.n,
      );
    } finally {
      db.close();
    }
  } catch {
    return null; // Not a database the start can read: the start says so itself.
  }
  if (tables > 0) return null;
  return `${path} exists but holds no tables, and no ${path}-wal is beside it: if it was copied ` +
    `from a running server, the copy is empty (the data was in the -wal file). Starting with a new ` +
    `database in it. Take backups with "deno task backup <out.db>" (core/storage/README.md#backups)`;
}

function flag(args: readonly string[], name: string): string | undefined {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? args[at + 1] : undefined;
}

const USAGE = "usage: deno task backup <out.db> [--from data/persona.db]";

async function main(args: readonly string[]): Promise<void> {
  const from = flag(args, "from");
  const out = args.filter((arg, i) => !arg.startsWith("--") && args[i - 1] !== "--from")[0];
  if (!out) throw new Error(USAGE);
  const config = loadConfig({ env: Deno.env.toObject() });
  if (!from && config.STORAGE === "postgres") {
    throw new Error(
      "STORAGE is postgres: back PostgreSQL up with pg_dump (core/storage/README.md#backups)",
    );
  }
  // `deno task` runs in the project's folder: a relative name given is the caller's (INIT_CWD),
  // for --from as for the copy (DATA_DIR stays the project's, as for the server).
  const here = Deno.env.get("INIT_CWD") ?? Deno.cwd();
  const callers = (path: string) => path.startsWith("/") ? path : `${here}/${path}`;
  const to = callers(out);
  const source = from === undefined ? databasePath(config) : callers(from);
  const report = await backupDatabase(source, to);
  const counts = [
    `${report.tables} tables`,
    ...(report.personas === null ? [] : [`${report.personas} personas`]),
    ...(report.memories === null ? [] : [`${report.memories} memories`]),
  ].join(", ");
  console.log(`Wrote ${to} (${report.bytes} bytes; ${counts}): a consistent copy of ${source}`);
  if (config.MEMORY_BACKEND === "chroma") {
    console.log(
      `MEMORY_BACKEND is chroma: memories live in the Chroma server (${config.CHROMA_URL}), not ` +
        "in this copy; back Chroma's data folder up too",
    );
  }
}

if (import.meta.main) {
  await main(Deno.args).catch((error) => {
    console.error(`backup: ${error instanceof Error ? error.message : error}`);
    Deno.exit(1);
  });
}
