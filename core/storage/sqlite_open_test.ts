/**
 * Start-up on a SQLite file the server cannot use: a read-only `persona.db` is refused at open
 * (it started READY and failed every write, attack24 F2), and every refusal names the file and
 * what to do (attack24 F8). Real files; a read-only one made with `chattr +i` as root (root
 * ignores mode bits) or `chmod 444` otherwise.
 *
 * @module
 */
import { tempDirSync } from "../testing/temp_dirs.ts";
import assert from "node:assert/strict";
import { startTestServer } from "../../tests/_helpers.ts";
import { SqliteDatabase } from "./sqlite.ts";

const root = Deno.uid() === 0;

/** Makes `path` read-only for this process; returns how to undo it, or null if it cannot. */
function readOnly(path: string): (() => void) | null {
  if (!root) {
    Deno.chmodSync(path, 0o444);
    return () => Deno.chmodSync(path, 0o644);
  }
  const chattr = (flag: string) => {
    try {
      return new Deno.Command("chattr", { args: [flag, path], stderr: "null" }).outputSync()
        .success;
    } catch {
      return false;
    }
  };
  return chattr("+i") ? () => void chattr("-i") : null;
}

/** A folder with a server-made, closed `persona.db`. */
async function madeDatabase(): Promise<{ dir: string; path: string }> {
  const dir = tempDirSync("persona-open-");
  const path = `${dir}/persona.db`;
  const db = new SqliteDatabase(path);
  await db.exec("CREATE TABLE t (x)");
  await db.close();
  return { dir, path };
}

Deno.test("a read-only persona.db is refused at start, naming the file and the remedy", async () => {
  const { dir, path } = await madeDatabase();
  const undo = readOnly(path);
  if (!undo) {
    console.warn("skipped: cannot make a file read-only here (chattr +i failed)");
    Deno.removeSync(dir, { recursive: true });
    return;
  }
  try {
    assert.throws(
      () => new SqliteDatabase(path),
      (error: Error) => {
        assert.match(error.message, new RegExp(`^database ${path}: attempt to write a readonly`));
        assert.match(error.message, /make it writable/);
        return true;
      },
    );
    const started = await startTestServer({ DATA_DIR: dir }).then(
      (server) => server.shutdown().then(() => "started"),
      (error: Error) => error.message,
    );
    assert.match(started, new RegExp(`^database ${path}: .*read-only`));
  } finally {
    undo();
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("a file that is not a database is refused naming the file and how to recover", async () => {
  const dir = tempDirSync("persona-open-");
  const path = `${dir}/persona.db`;
  try {
    Deno.writeTextFileSync(path, "not a database at all\n".repeat(500));
    const started = await startTestServer({ DATA_DIR: dir }).then(
      (server) => server.shutdown().then(() => "started"),
      (error: Error) => error.message,
    );
    assert.match(started, new RegExp(`^database ${path}: file is not a database; `));
    assert.match(started, /restore a backup/);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("a file that cannot be opened is refused naming the file and what to check", () => {
  const path = `${tempDirSync("persona-open-")}/missing/persona.db`;
  assert.throws(
    () => new SqliteDatabase(path),
    (error: Error) => {
      assert.equal(
        error.message.split(";")[0],
        `database ${path}: unable to open database file`,
      );
      assert.match(error.message, /check that DATA_DIR exists/);
      return true;
    },
  );
});
