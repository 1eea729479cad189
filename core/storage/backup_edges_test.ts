/**
 * Edges of `deno task backup` and the empty-copy warning (`backup.ts`): `--from` before the
 * copy's name, both relative to where the user ran it; a failed copy leaves no file behind; a
 * table-less file with its -wal beside it, or with one table, is not warned about.
 *
 * @module
 */
import assert from "node:assert/strict";
import { DatabaseSync } from "node:sqlite";
import { backupTask } from "./testing/backup_task.ts";
import { backupDatabase, emptyCopyWarning } from "./backup.ts";

Deno.test("deno task backup --from src.db out.db: both names are the caller's folder's", async () => {
  const dir = Deno.makeTempDirSync({ prefix: "persona-backup-from-" });
  try {
    const db = new DatabaseSync(`${dir}/src.db`);
    db.exec("CREATE TABLE personas (id TEXT); INSERT INTO personas VALUES ('a'), ('b')");
    db.close();
    const task = await backupTask(["--from", "src.db", "out.db"], {
      cwd: dir,
      dataDir: `${dir}/no-data-here`,
    });
    assert.equal(task.code, 0, task.err);
    assert.match(
      task.out,
      new RegExp(`^Wrote ${dir}/out\\.db \\(\\d+ bytes; 1 tables, 2 personas\\)`),
    );
    assert.match(task.out, new RegExp(`a consistent copy of ${dir}/src\\.db\\n$`));
    assert.ok(Deno.statSync(`${dir}/out.db`).isFile);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("a copy that fails (the source is no database) leaves no file behind", async () => {
  const dir = Deno.makeTempDirSync({ prefix: "persona-backup-fail-" });
  try {
    Deno.writeTextFileSync(`${dir}/notes.db`, "not a database, just words ".repeat(200));
    await assert.rejects(backupDatabase(`${dir}/notes.db`, `${dir}/out.db`));
    assert.deepEqual([...Deno.readDirSync(dir)].map((entry) => entry.name), ["notes.db"]);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("no empty-copy warning for a table-less file with its WAL beside it, or one table", () => {
  const dir = Deno.makeTempDirSync({ prefix: "persona-backup-warn-" });
  try {
    const bare = `${dir}/bare.db`;
    const db = new DatabaseSync(bare);
    db.exec("PRAGMA journal_mode = WAL");
    db.close();
    assert.match(emptyCopyWarning(bare) ?? "", /holds no tables/, "a bare file alone is warned");
    // The running server's own file: its tables may all still be in the WAL.
    Deno.writeFileSync(`${bare}-wal`, new Uint8Array(32));
    assert.equal(emptyCopyWarning(bare), null);
    const one = `${dir}/one.db`;
    const small = new DatabaseSync(one);
    small.exec("CREATE TABLE t (x)");
    small.close();
    assert.equal(emptyCopyWarning(one), null);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});
