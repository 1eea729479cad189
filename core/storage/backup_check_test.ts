/**
 * `deno task backup` refuses a copy that fails SQLite's `PRAGMA quick_check` (`backup.ts`):
 * the online backup copies pages as they are, so a source whose header miscounts its free pages
 * gives a copy that reads and copies well but fails the check; the copy is removed and the error
 * names what the check found.
 *
 * @module
 */
import assert from "node:assert/strict";
import { DatabaseSync } from "node:sqlite";
import { backupDatabase } from "./backup.ts";

/** Offset of the database header's free page count (sqlite.org/fileformat.html). */
const FREELIST_COUNT = 36;

Deno.test("a copy that fails its quick_check is refused and removed", async () => {
  const dir = Deno.makeTempDirSync({ prefix: "persona-backup-check-" });
  try {
    const source = `${dir}/src.db`;
    const db = new DatabaseSync(source);
    db.exec("PRAGMA journal_mode = DELETE; CREATE TABLE personas (id TEXT)");
    db.exec("INSERT INTO personas VALUES ('a'), ('b')");
    db.close();
    // The header says 7 pages are free; none is: every page still reads.
    const bytes = Deno.readFileSync(source);
    new DataView(bytes.buffer).setUint32(FREELIST_COUNT, 7);
    Deno.writeFileSync(source, bytes);
    await assert.rejects(
      backupDatabase(source, `${dir}/out.db`),
      /The copy at .*out\.db failed its check: .*Freelist/s,
    );
    assert.deepEqual([...Deno.readDirSync(dir)].map((entry) => entry.name), ["src.db"]);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});
