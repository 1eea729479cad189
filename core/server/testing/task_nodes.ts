/**
 * One node's task store on a shared database, for the tests that run two of them: the store
 * with the table's records and the database's relay, and a `stop` that ends its lifetime as a
 * server would and waits for its close; a store on a fresh SQLite table for one test; results of a
 * given size.
 *
 * @module
 */
import assert from "node:assert/strict";
import { systemClock } from "../../clock.ts";
import { type Database, relayFor, SqliteDatabase, storageMigrations } from "../../storage/mod.ts";
import { type TaskEnd, taskMigrations, TaskRecords } from "../../tasks/mod.ts";
import { StorageUnavailable } from "../../errors.ts";
import { TaskStore } from "../task_store.ts";
import type { TaskStoreOptions } from "../task_types.ts";

/** Records whose end writes are refused (StorageUnavailable) while `down`; counts the tries. */
export class RefusingRecords extends TaskRecords {
  down = true;
  tries = 0;
  override async finish(id: string, end: TaskEnd): Promise<boolean> {
    this.tries++;
    if (this.down) throw new StorageUnavailable(10);
    return await super.finish(id, end);
  }
}

/** The task row's status as stored. */
export const storedStatus = async (db: Database, id: string) =>
  (await db.get<{ status: string }>("SELECT status FROM tasks WHERE id = ?", id))?.status;

/** How many of `errors` say a final write was given up. */
export const givenUpCount = (errors: unknown[]) =>
  errors.filter((e) => /given up/.test(String(e))).length;

/** A task's failure as the wire would carry an unknown error. */
export const toError = (error: unknown) => ({ code: -32603, message: String(error) });

/** A node's task store on `db` (options override the defaults), and how to stop it. */
export function taskNode(
  db: Database,
  options: Partial<TaskStoreOptions> = {},
): { tasks: TaskStore; stop: () => Promise<void> } {
  const lifetime = new AbortController();
  const tasks = new TaskStore({
    clock: systemClock,
    lifetime: lifetime.signal,
    records: new TaskRecords(db),
    relay: relayFor(db),
    onError: (error) => console.error(error),
    ...options,
  });
  return {
    tasks,
    stop: async () => {
      lifetime.abort(new Error("server stops"));
      await tasks.close();
    },
  };
}

/**
 * `read()`'s value once it passes `ok`, read again every 20 ms; fails the test when `boundMs`
 * pass first (the bound of a wait, not a claim on how long it takes).
 */
export async function eventually<T>(
  read: () => Promise<T> | T,
  ok: (value: T) => boolean,
  boundMs = 5_000,
): Promise<T> {
  const deadline = performance.now() + boundMs;
  for (;;) {
    const value = await read();
    if (ok(value)) return value;
    if (performance.now() > deadline) assert.fail(`not seen in time: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** A result whose JSON is `bytes` UTF-8 bytes long (ASCII). */
export function resultOf(bytes: number): Record<string, unknown> {
  return { text: "x".repeat(bytes - JSON.stringify({ text: "" }).length) };
}

/** What {@linkcode withTaskTable} gives its test. */
export interface TaskTable {
  tasks: TaskStore;
  db: SqliteDatabase;
}

/**
 * Runs `test` with a store (the system clock; `options` override) on a fresh in-memory SQLite
 * `tasks` table, through the records `recordsOf` makes (plain ones by default); then ends the
 * store's lifetime and closes the database.
 */
export async function withTaskTable(
  test: (table: TaskTable) => Promise<void>,
  options: Partial<TaskStoreOptions> & { recordsOf?: (db: Database) => TaskRecords } = {},
): Promise<void> {
  const db = new SqliteDatabase(":memory:");
  await db.migrate([...storageMigrations, ...taskMigrations]);
  const { recordsOf = (db: Database) => new TaskRecords(db), ...rest } = options;
  const lifetime = new AbortController();
  const tasks = new TaskStore({
    clock: systemClock,
    lifetime: lifetime.signal,
    records: recordsOf(db),
    ...rest,
  });
  try {
    await test({ tasks, db });
  } finally {
    lifetime.abort();
    await db.close();
  }
}
