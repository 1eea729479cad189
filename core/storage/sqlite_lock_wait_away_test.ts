/**
 * A statement waiting for another connection's write lock on the SQLite file (its awaited
 * pauses, `sqlite_lock_wait.ts`) gives the caller's connection turn back meanwhile and takes it
 * again before it tries again (core/turn_away.ts): the wait is on another process, and uses no
 * CPU here. Real files, a second real connection holding `BEGIN IMMEDIATE`.
 */
import assert from "node:assert/strict";
import { DatabaseSync } from "node:sqlite";
import { holdingTurn } from "../turn_away.ts";
import { loggedClaim } from "../testing/logged_claim.ts";
import { SqliteDatabase } from "./sqlite.ts";

Deno.test("a write waiting for another connection's lock on the SQLite file gives its turn back until it tries again", async () => {
  const dir = Deno.makeTempDirSync({ prefix: "persona-lock-away-" });
  const db = new SqliteDatabase(`${dir}/persona.db`, { lockWaitMs: 60_000 });
  const other = new DatabaseSync(`${dir}/persona.db`);
  const log: string[] = [];
  let write: Promise<number> | undefined;
  try {
    await db.exec("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)");
    other.exec("BEGIN IMMEDIATE");
    write = holdingTurn(loggedClaim(log), () => db.run("INSERT INTO t (v) VALUES ('a')"));
    // The statement found the file locked at once, and now pauses before it tries again.
    assert.deepEqual(log, ["leave"], "away while another connection holds the lock");
    other.exec("COMMIT");
    assert.equal(await write, 1);
    assert.deepEqual(log, ["leave", "back"], "back on turn before it wrote");
  } finally {
    if (other.isTransaction) other.exec("ROLLBACK");
    await write?.catch(() => {});
    other.close();
    await db.close();
    Deno.removeSync(dir, { recursive: true });
  }
});
