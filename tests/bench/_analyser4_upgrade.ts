/**
 * The SQLite upgrade to analyser 4 (`memories_analyser_4`) beside the one to analyser 3
 * (`memories_analyser_3`), each run as the migration's own SQL and function on the same rows: 1 in
 * 100 memories holds a dialect spelling ("cannae"), the rest plain English. Version 4 reads each
 * text once into a work table and clears only the terms of those it reads differently; version 3
 * cleared every row's terms. `deno run -A tests/bench/_analyser4_upgrade.ts`
 */
import { DatabaseSync } from "node:sqlite";
import { memoryMigrations } from "../../core/memory/mod.ts";
import { migrationSql } from "../../core/storage/mod.ts";

const sentence = "Went to the farmers market on Saturday morning and bought sourdough, " +
  "cheese and some apples for the week. ";

/** A fresh table of `rows` memories of `chars` characters, every hundredth in dialect. */
function filled(rows: number, chars: number): DatabaseSync {
  const db = new DatabaseSync(":memory:");
  db.exec(`CREATE TABLE memories (id TEXT PRIMARY KEY, content TEXT, embedder TEXT, terms BLOB);
    CREATE TABLE memory_remake (id TEXT PRIMARY KEY);`);
  const insert = db.prepare(
    "INSERT INTO memories (id, content, embedder, terms) VALUES (?, ?, 'local-v2', x'00')",
  );
  const text = sentence.repeat(Math.ceil(chars / sentence.length)).slice(0, chars);
  for (let i = 0; i < rows; i++) {
    insert.run(`m${i}`, (i % 100 === 0 ? "I cannae mind. " : "") + text + " " + i);
  }
  return db;
}

/** Runs migration `name` on `db`: its time and the rows left without terms. */
function timed(db: DatabaseSync, name: string): string {
  const migration = memoryMigrations.find((one) => one.name === name)!;
  for (const [fn, body] of Object.entries(migration.sqliteFunctions ?? {})) {
    db.function(fn, { deterministic: true }, body as (...args: unknown[]) => number);
  }
  const start = performance.now();
  db.exec(migrationSql(migration, "sqlite"));
  const ms = performance.now() - start;
  const { n } = db.prepare("SELECT count(*) AS n FROM memories WHERE terms IS NULL").get() as {
    n: number;
  };
  return `${ms.toFixed(0)} ms, ${n} rows to analyse again`;
}

for (const [rows, chars] of [[10_000, 300], [100, 100_000], [1000, 100_000]] as const) {
  const v3 = timed(filled(rows, chars), "memories_analyser_3");
  const v4 = timed(filled(rows, chars), "memories_analyser_4");
  console.log(`${rows} rows x ${chars} chars: analyser 3 ${v3}; analyser 4 ${v4}`);
}
