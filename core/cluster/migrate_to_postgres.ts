/**
 * `deno task migrate-to-postgres`: moves an existing SQLite database (DATA_DIR/persona.db, or
 * `--from path`) into the PostgreSQL database at DATABASE_URL, which must be empty of personas.
 * Every table is copied as it is (ids, times, counters, the order of histories); memories are
 * stored again through the PostgreSQL memory backend with their vectors, so their terms and BM25
 * statistics are made there and their vectors go where MEMORY_BACKEND says (Chroma, pgvector).
 * A source whose memories live in a Chroma server (MEMORY_BACKEND=chroma with SQLite storage)
 * reads them from its whole-memory collections, vectors included. A local vector the source
 * held stale (an older analyser's words: `memory_remake`, or in Chroma without the analyser's
 * mark) is queued in PostgreSQL's `memory_remake`, to be made again there
 * (`migrate_memories.ts`). MCP tasks are copied when a client may still read them: finished
 * within their time to live, or left `working` (read as failed: no server runs them any more). The tables are copied in one transaction: a failure
 * leaves the target as it was. A source written by an older version is first brought up to date
 * by the SQLite migrations, as a server starting on it would (so the columns a migration adds
 * and fills hold their values, not their defaults); that is rolled back after the copy. The
 * command reads a private copy of the file (and its WAL), so the file is only read, never
 * locked or written: a read-only backup migrates too (review21), at the cost of its size in the
 * temporary directory while the command runs.
 *
 *     STORAGE=postgres DATABASE_URL=postgres://... MEMORY_BACKEND=chroma|pgvector \
 *       deno task migrate-to-postgres [--from data/persona.db] [--memories-from-chroma URL]
 *
 * @module
 */
import { loadConfig } from "../config.ts";
import { MIGRATIONS, migrationsFor } from "../services.ts";
import type { MemoryBackend } from "../memory/backend.ts";
import { createBackend, memoryMigrationsFor } from "../memory/mod.ts";
import { chromaMemories, queueRemakes, sqliteMemories } from "./migrate_memories.ts";
import {
  type Database,
  databasePath,
  PostgresDatabase,
  postgresSettings,
  SqliteConnection,
  type SqlValue,
} from "../storage/mod.ts";

/** Tables copied row by row, parents before children. */
export const COPIED_TABLES = [
  "personas",
  "app_meta",
  "session_states",
  "messages",
  "relationships",
  "relationship_interactions",
  "persona_states",
  "dialogues",
  "dialogue_participants",
  "dialogue_turns",
  "persona_assets",
  "rooms",
  "room_members",
  "room_messages",
  "lorebooks",
  "persona_lorebooks",
  "room_lorebooks",
  "lore_timed_effects",
  "memory_purges",
  "memory_blocks",
  "memory_block_changes",
  "reflection_counters",
  "jobs",
] as const;

const BATCH = 200;

/** A SQLite deployment's tables (its memory tables are the same whatever MEMORY_BACKEND). */
const SQLITE_MIGRATIONS = [...MIGRATIONS, ...memoryMigrationsFor({ MEMORY_BACKEND: "sqlite" })];

/** What was moved, table by table. */
export type MigrationReport = Record<string, number>;

async function targetColumns(db: Database, table: string): Promise<Set<string>> {
  const rows = await db.all<{ column_name: string; is_generated: string }>(
    `SELECT column_name, CASE WHEN identity_generation = 'ALWAYS' THEN 'yes' ELSE 'no' END
       AS is_generated
     FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = ?`,
    table,
  );
  return new Set(rows.filter((row) => row.is_generated === "no").map((row) => row.column_name));
}

/** Which rows of a table are copied, and how each is changed on the way (all, as they are). */
interface RowPlan {
  /** A condition on the source rows (SQLite), with its arguments. */
  where?: { sql: string; args: SqlValue[] };
  adjust?: (row: Record<string, SqlValue>) => Record<string, SqlValue>;
  /** Which of the rows read are copied (all when absent): a test the source's SQL cannot make. */
  keep?: (row: Record<string, SqlValue>) => boolean;
}

/**
 * The MCP tasks worth moving: a finished task within its time to live is still read by the client
 * that polls for it; one expired is forgotten, as a sweep would. A task left `working` (its server
 * was killed rather than stopped) cannot go on anywhere: it is copied with its heartbeat at 0, so
 * every node reads it `failed` ("The server running the task stopped before it ended") at once.
 */
function taskPlan(now: number): RowPlan {
  return {
    where: { sql: "status = 'working' OR expires_at > ?", args: [now] },
    adjust: (row) =>
      row.status === "working" ? { ...row, heartbeat_at: 0, cancel_requested: 0 } : row,
  };
}

/** Copies one table's rows (the columns both sides have) in batches. */
async function copyTable(
  source: SqliteConnection,
  target: Database,
  table: string,
  plan: RowPlan = {},
): Promise<number> {
  const exists = source.get<{ n: number }>(
    "SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'table' AND name = ?",
    table,
  );
  if (!exists?.n) return 0;
  const wanted = await targetColumns(target, table);
  const sourceColumns = source.all<{ name: string }>(`PRAGMA table_info(${table})`)
    .map((column) => column.name).filter((name) => wanted.has(name));
  const where = plan.where ? ` WHERE ${plan.where.sql}` : "";
  const adjust = plan.adjust ?? ((row: Record<string, SqlValue>) => row);
  const rows = source.all<Record<string, SqlValue>>(
    `SELECT ${sourceColumns.join(", ")} FROM ${table}${where} ORDER BY rowid`,
    ...(plan.where?.args ?? []),
  ).filter(plan.keep ?? (() => true)).map(adjust);
  for (let start = 0; start < rows.length; start += BATCH) {
    const batch = rows.slice(start, start + BATCH);
    const tuple = `(${sourceColumns.map(() => "?").join(", ")})`;
    await target.run(
      `INSERT INTO ${table} (${sourceColumns.join(", ")}) VALUES ${
        batch.map(() => tuple).join(", ")
      }`,
      ...batch.flatMap((row) => sourceColumns.map((column) => row[column] ?? null)),
    );
  }
  // Identity columns given explicitly: their sequences continue after the copied values.
  for (const column of ["seq", "id"]) {
    if (!sourceColumns.includes(column) || rows.length === 0) continue;
    const sequence = await target.get<{ name: string | null }>(
      "SELECT pg_get_serial_sequence(?, ?) AS name",
      table,
      column,
    );
    if (sequence?.name) {
      await target.get(
        `SELECT setval(?, (SELECT MAX(${column}) FROM ${table}))`,
        sequence.name,
      );
    }
  }
  return rows.length;
}

/**
 * Moves everything from `source` into `target` (migrated, without personas) with `memory`; MCP
 * tasks as of `target.now` (epoch ms, default now; see `taskPlan`).
 */
export async function migrateToPostgres(
  source: SqliteConnection,
  target: { db: Database; memory: MemoryBackend; chromaSource?: string; now?: number },
): Promise<MigrationReport> {
  const { db, memory } = target;
  const existing = await db.get<{ n: number }>("SELECT COUNT(*) AS n FROM personas");
  if ((existing?.n ?? 0) > 0) {
    throw new Error("The target database already has personas: migrate into an empty one");
  }
  const report: MigrationReport = {};
  // The source as this version's server would read it: what a migration fills (a summary
  // column, say) is copied filled. Undone at the end: the file is not changed.
  source.begin();
  try {
    source.migrate(SQLITE_MIGRATIONS);
    await db.transaction(async () => {
      for (const table of COPIED_TABLES) report[table] = await copyTable(source, db, table);
      report.tasks = await copyTable(source, db, "tasks", taskPlan(target.now ?? Date.now()));
      report.memories = 0;
      report.vectors_to_remake = 0;
      const moved = new Set<string>();
      const batches = target.chromaSource
        ? [await chromaMemories(target.chromaSource)]
        : sqliteMemories(source);
      for (const batch of batches) {
        const withVectors = batch.filter((write) => write.vector);
        await memory.insert(withVectors);
        for (const write of withVectors) moved.add(write.record.id);
        report.memories += withVectors.length;
        // Stale there, stale here: made again by the new deployment (`queueRemakes`).
        report.vectors_to_remake += await queueRemakes(
          db,
          withVectors.filter((write) => write.stale).map((write) => write.record.id),
        );
      }
      // After the memories (each row's key refers to one), and only those moved: a memory left
      // behind (no vector in Chroma) or one of the file's while the memories come from Chroma
      // has no row to refer to here.
      report.memory_referents = await copyTable(source, db, "memory_referents", {
        keep: (row) => moved.has(String(row.id)),
      });
    });
  } finally {
    source.rollback();
  }
  return report;
}

/**
 * A private copy of the SQLite file at `from` (with its WAL, whose commits may not be in the
 * file yet), open for `use` and removed afterwards: the source itself is only read, so a
 * read-only file or directory migrates and no server or backup tool waits on its lock.
 */
export async function withSourceCopy<T>(
  from: string,
  use: (source: SqliteConnection) => Promise<T>,
): Promise<T> {
  const dir = await Deno.makeTempDir({ prefix: "migrate-to-postgres-" });
  try {
    const copy = `${dir}/source.db`;
    await Deno.copyFile(from, copy);
    await Deno.copyFile(`${from}-wal`, `${copy}-wal`).catch((error) => {
      if (!(error instanceof Deno.errors.NotFound)) throw error;
    });
    const source = new SqliteConnection(copy, { soleWriter: true });
    try {
      return await use(source);
    } finally {
      source.close();
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

function flag(name: string): string | undefined {
  const at = Deno.args.indexOf(`--${name}`);
  return at >= 0 ? Deno.args[at + 1] : undefined;
}

async function main(): Promise<void> {
  const config = loadConfig({ env: { ...Deno.env.toObject(), STORAGE: "postgres" } });
  const from = flag("from") ?? databasePath(config);
  await Deno.stat(from).catch(() => {
    throw new Error(`No SQLite database at ${from} (give --from path)`);
  });
  const db = new PostgresDatabase(postgresSettings(config));
  try {
    await db.migrate(migrationsFor(config));
    const memory = createBackend(config, db);
    const report = await withSourceCopy(from, (source) =>
      migrateToPostgres(source, {
        db,
        memory,
        chromaSource: flag("memories-from-chroma"),
      }));
    for (const [table, rows] of Object.entries(report)) console.log(`${table}: ${rows}`);
    console.log(`Moved ${from} into ${db.location} (memory vectors: ${config.MEMORY_BACKEND})`);
    await memory.close();
  } finally {
    await db.close();
  }
}

if (import.meta.main) {
  await main().catch((error) => {
    console.error(`migrate-to-postgres: ${error instanceof Error ? error.message : error}`);
    Deno.exit(1);
  });
}
