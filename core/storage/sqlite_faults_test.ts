/**
 * A SQLite file that cannot grow (a full disk, here SQLite's own `max_page_count`, which fails
 * a write with the same SQLITE_FULL): writes fail with `StorageUnavailable` (`disk_full`, a
 * hint), `health()` says degraded, logged once, and the first write that lands again, a plain
 * statement or a committed transaction, ends it (`faults.ts`).
 *
 * @module
 */
import assert from "node:assert/strict";
import { StorageUnavailable } from "../errors.ts";
import { createLogger } from "../log.ts";
import { SqliteDatabase } from "./sqlite.ts";

/** A file database with table `t`, full: no page can be added. */
async function fullDatabase() {
  const dir = Deno.makeTempDirSync({ prefix: "persona-faults-" });
  const lines: string[] = [];
  const db = new SqliteDatabase(`${dir}/persona.db`, {
    log: createLogger("info", { write: (line) => lines.push(line) }),
  });
  await db.exec("CREATE TABLE t (v TEXT)");
  const raw = db.connection.raw;
  const { page_count } = raw.prepare("PRAGMA page_count").get() as { page_count: number };
  raw.exec(`PRAGMA max_page_count = ${page_count}`);
  return {
    db,
    lines,
    /** Lets the file grow again. */
    grow: () => raw.exec("PRAGMA max_page_count = 1073741823"),
    async [Symbol.asyncDispose]() {
      await db.close();
      Deno.removeSync(dir, { recursive: true });
    },
  };
}

/** A write that needs new pages: it fails while the file is full. */
const big = "x".repeat(64 * 1024);

/** Fails writes until one meets the full file; returns its error. */
async function fillUp(db: SqliteDatabase): Promise<unknown> {
  for (let i = 0; i < 100; i++) {
    const error = await db.run("INSERT INTO t (v) VALUES (?)", big).then(() => null, (e) => e);
    if (error) return error;
  }
  throw new Error("the file never filled");
}

Deno.test("a full SQLite file: StorageUnavailable disk_full with a hint, health degraded, logged once", async () => {
  await using full = await fullDatabase();
  const error = await fillUp(full.db);
  assert.ok(error instanceof StorageUnavailable, String(error));
  assert.equal(error.code, "storage_unavailable");
  const data = error.data as { reason: string; hint: string };
  assert.equal(data.reason, "disk_full");
  assert.match(data.hint, /free space/);
  assert.deepEqual(await full.db.health(), { up: true, degraded: "disk_full" });
  await full.db.run("INSERT INTO t (v) VALUES (?)", big).catch(() => {});
  assert.equal(full.lines.filter((line) => line.includes("Database writes fail")).length, 1);
});

Deno.test("a full SQLite file: a committed transaction ends the fault", async () => {
  await using full = await fullDatabase();
  await fillUp(full.db);
  // A transaction that rolls back lands nothing: still degraded.
  await full.db.transaction(async () => {
    await full.db.run("INSERT INTO t (v) VALUES ('small')");
    throw new Error("rolled back");
  }).catch(() => {});
  assert.deepEqual(await full.db.health(), { up: true, degraded: "disk_full" });
  full.grow();
  await full.db.transaction(() => full.db.run("INSERT INTO t (v) VALUES (?)", big));
  assert.deepEqual(await full.db.health(), { up: true });
  assert.match(full.lines.at(-1) ?? "", /INFO Database writes succeed again/);
});

Deno.test("a full SQLite file: a plain statement that lands ends the fault", async () => {
  await using full = await fullDatabase();
  await fillUp(full.db);
  full.grow();
  await full.db.run("INSERT INTO t (v) VALUES (?)", big);
  assert.deepEqual(await full.db.health(), { up: true });
  assert.match(full.lines.at(-1) ?? "", /INFO Database writes succeed again/);
});
