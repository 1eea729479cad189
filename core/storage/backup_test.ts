/**
 * attack24 F4: `cp persona.db` of a running server gave an empty database (every acknowledged
 * write still in `persona.db-wal`), which a start then seeded without a word. `deno task backup`
 * (run here as a user runs it, with the task's own permissions) copies a live server's database
 * with every acknowledged row; a start on a table-less file with no WAL beside it warns.
 */
import assert from "node:assert/strict";
import { DatabaseSync } from "node:sqlite";
import { createServices } from "../services.ts";
import { closeServices } from "../server/server.ts";
import { createLogger } from "../log.ts";
import { spawnServer, testConfig } from "../../tests/_helpers.ts";
import { backupTask } from "./testing/backup_task.ts";
import { backupDatabase, emptyCopyWarning } from "./backup.ts";

type Rows = Array<Record<string, unknown>>;

function rows(path: string, sql: string): Rows {
  const db = new DatabaseSync(path, { readOnly: true });
  try {
    return db.prepare(sql).all().map((row) => ({ ...row }));
  } finally {
    db.close();
  }
}

function tables(path: string): string[] {
  return rows(path, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
    .map((row) => String(row.name));
}

const MEMORIES = "SELECT id, persona_id, content, created_at FROM memories ORDER BY id";
const PERSONAS = "SELECT id, name, created_at FROM personas ORDER BY id";

Deno.test("deno task backup copies a running server's database, acknowledged writes still in its WAL included", async () => {
  const server = await spawnServer({ MEMORY_DECAY_ENABLED: "false", LOG_LEVEL: "error" });
  const out = Deno.makeTempDirSync({ prefix: "persona-backup-" });
  const live = `${server.dataDir}/persona.db`;
  try {
    const post = async (path: string, body: unknown) => {
      const response = await fetch(`${server.apiUrl}${path}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      });
      assert.ok(response.ok, `${path}: ${response.status}`);
      return await response.json();
    };
    const { persona_id } = await post("/personas", { name: "Backed" });
    const stored: string[] = [];
    for (let i = 0; i < 40; i++) {
      const memory = await post(`/personas/${persona_id}/memories`, {
        content: `Acknowledged memory ${i} okapi${i}`,
      });
      stored.push(memory.memory_id);
    }
    assert.ok(stored.every((id) => typeof id === "string"), JSON.stringify(stored.slice(0, 2)));
    // What a bare copy gives now: the writes are not checkpointed into the file yet.
    Deno.copyFileSync(live, `${out}/bare.db`);
    assert.ok(Deno.statSync(`${live}-wal`).size > 0, "the writes wait in the WAL");
    assert.ok(!tables(`${out}/bare.db`).includes("memories"), "a bare copy has no memories");

    const task = await backupTask(["copy.db"], { cwd: out, dataDir: server.dataDir });
    assert.equal(task.code, 0, task.err);
    assert.match(task.out, new RegExp(`^Wrote ${out}/copy\\.db \\(\\d+ bytes; \\d+ tables, `));
    assert.match(task.out, /3 personas, 40 memories\): a consistent copy of .*persona\.db\n$/);
    const copy = `${out}/copy.db`;
    const copied = new Set(rows(copy, MEMORIES).map((row) => String(row.id)));
    assert.deepEqual(stored.filter((id) => !copied.has(id)), [], "every acknowledged memory");
    assert.ok(rows(copy, PERSONAS).some((row) => row.name === "Backed"));
    // One file, whole: no WAL to carry along, and it passes its check.
    assert.deepEqual(rows(copy, "PRAGMA journal_mode"), [{ journal_mode: "delete" }]);
    const beside = [...Deno.readDirSync(out)].map((entry) => entry.name);
    assert.deepEqual(beside.filter((name) => name.startsWith("copy.db")), ["copy.db"]);
    assert.equal(emptyCopyWarning(copy), null);

    // Never over an existing file (the copy stays as it was).
    const before = Deno.readFileSync(copy);
    const again = await backupTask(["copy.db"], { cwd: out, dataDir: server.dataDir });
    assert.equal(again.code, 1);
    assert.match(again.err, /copy\.db already exists: a backup never overwrites a file/);
    assert.deepEqual(Deno.readFileSync(copy), before);
    // --from relative to the caller's folder too, as the copy's name.
    const relative = `../${server.dataDir.split("/").at(-1)}/persona.db`;
    const from = await backupTask(["from.db", "--from", relative], {
      cwd: out,
      dataDir: "/nonexistent",
    });
    assert.equal(from.code, 0, from.err);
    assert.match(from.out, new RegExp(`^Wrote ${out}/from\\.db .*3 personas, 40 memories\\)`));

    // The copy holds what the server holds (nothing was written after the backup).
    await server.stop();
    assert.deepEqual(rows(copy, MEMORIES), rows(live, MEMORIES));
    assert.deepEqual(rows(copy, PERSONAS), rows(live, PERSONAS));

    // Restored as the README says: the copy put in place as DATA_DIR/persona.db, a server started.
    const restoredDir = `${out}/restored`;
    Deno.mkdirSync(restoredDir);
    Deno.copyFileSync(copy, `${restoredDir}/persona.db`);
    const restored = await spawnServer({
      DATA_DIR: restoredDir,
      MEMORY_DECAY_ENABLED: "false",
      LOG_LEVEL: "warn",
    });
    try {
      const response = await fetch(`${restored.apiUrl}/personas/${persona_id}/memories?limit=100`);
      assert.equal(response.status, 200);
      const { memories } = await response.json() as { memories: Array<{ id: string }> };
      assert.deepEqual(memories.map((memory) => memory.id).sort(), [...stored].sort());
    } finally {
      await restored.stop();
    }
    assert.doesNotMatch(restored.stderr(), /holds no tables/, "no empty-copy warning");
  } finally {
    await server.stop();
    Deno.removeSync(out, { recursive: true });
    Deno.removeSync(server.dataDir, { recursive: true });
  }
});

Deno.test("backupDatabase refuses a missing source, and an existing target even when empty", async () => {
  const dir = Deno.makeTempDirSync({ prefix: "persona-backup-" });
  try {
    await assert.rejects(backupDatabase(`${dir}/none.db`, `${dir}/out.db`), /No SQLite database/);
    const db = new DatabaseSync(`${dir}/persona.db`);
    db.exec("CREATE TABLE t (x); INSERT INTO t VALUES (1)");
    db.close();
    Deno.writeFileSync(`${dir}/taken.db`, new Uint8Array());
    await assert.rejects(backupDatabase(`${dir}/persona.db`, `${dir}/taken.db`), /already exists/);
    const report = await backupDatabase(`${dir}/persona.db`, `${dir}/out.db`);
    assert.deepEqual({ ...report, bytes: report.bytes > 0 }, {
      path: `${dir}/out.db`,
      bytes: true,
      tables: 1,
      personas: null,
      memories: null,
    });
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("a start on a persona.db with no tables and no WAL beside it (a bare copy) warns; a first start does not", async () => {
  const start = async (dataDir: string) => {
    const lines: string[] = [];
    const log = createLogger("warn", { write: (line) => void lines.push(line) });
    const services = await createServices(testConfig({ DATA_DIR: dataDir }), { log });
    await closeServices(services);
    return lines.filter((line) => line.includes("holds no tables"));
  };
  const fresh = Deno.makeTempDirSync({ prefix: "persona-backup-" });
  const copied = Deno.makeTempDirSync({ prefix: "persona-backup-" });
  try {
    assert.deepEqual(await start(fresh), [], "a first start makes the file itself");
    assert.deepEqual(await start(fresh), [], "a database with tables");
    // What cp gives of a young server's file: the header in WAL mode, every page in the WAL.
    const db = new DatabaseSync(`${copied}/persona.db`);
    db.exec("PRAGMA journal_mode = WAL");
    db.close();
    const warned = await start(copied);
    assert.equal(warned.length, 1, warned.join("\n"));
    assert.match(
      warned[0]!,
      /WARN .*persona\.db exists but holds no tables, and no .*persona\.db-wal is beside it: if it was copied from a running server, the copy is empty .*deno task backup/,
    );
    assert.deepEqual(await start(copied), [], "migrated and seeded since: nothing to say");
  } finally {
    Deno.removeSync(fresh, { recursive: true });
    Deno.removeSync(copied, { recursive: true });
  }
});
