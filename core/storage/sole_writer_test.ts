import assert from "node:assert/strict";
import { migrationsFor } from "../migrations.ts";
import { IndexCache } from "../memory/index_cache.ts";
import { testConfig } from "../../tests/_helpers.ts";
import { SqliteConnection } from "./sqlite_connection.ts";
import { SqliteDatabase } from "./sqlite.ts";

/** Runs `work` on a fresh database file, removed after. */
async function withFile(work: (path: string) => Promise<void>): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: "persona-sole-" });
  try {
    await work(`${dir}/persona.db`);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

/** Counts the `PRAGMA data_version` reads made through `connection` from now on. */
function countVersionReads(connection: SqliteConnection): { reads: number } {
  const counter = { reads: 0 };
  const get = connection.get.bind(connection);
  connection.get = <T>(sql: string, ...params: never[]) => {
    if (sql === "PRAGMA data_version") counter.reads++;
    return get<T>(sql, ...params);
  };
  return counter;
}

Deno.test("a sole writer's change stamp never reads data_version; another database's does", async () => {
  await withFile(async (path) => {
    const sole = new SqliteDatabase(path, { soleWriter: true });
    const shared = new SqliteDatabase(path);
    try {
      await sole.exec("CREATE TABLE t (a INTEGER)");
      const soleReads = countVersionReads(sole.connection);
      const sharedReads = countVersionReads(shared.connection);
      const soleBefore = await sole.changeStamp("t", { fresh: true });
      const sharedBefore = await shared.changeStamp("t", { fresh: true });
      // Misused on purpose: another connection commits, which a sole writer never looks for.
      const other = new SqliteConnection(path);
      other.run("INSERT INTO t (a) VALUES (1)");
      other.close();
      assert.equal(await sole.changeStamp("t", { fresh: true }), soleBefore);
      assert.equal(sole.knownStamp("t"), soleBefore);
      assert.equal(soleReads.reads, 0, "no PRAGMA data_version");
      assert.notEqual(await shared.changeStamp("t", { fresh: true }), sharedBefore);
      assert.equal(sharedReads.reads, 2);
    } finally {
      await sole.close();
      await shared.close();
    }
  });
});

Deno.test("a sole writer's memory indexes never look for other connections' commits", async () => {
  await withFile(async (path) => {
    const sole = new SqliteDatabase(path, { soleWriter: true });
    const shared = new SqliteDatabase(path);
    try {
      await sole.migrate(migrationsFor(testConfig()));
      const soleReads = countVersionReads(sole.connection);
      const soleCache = new IndexCache(sole.connection);
      const sharedCache = new IndexCache(shared.connection);
      // Both read the terms when made: no commit since, nothing to forget.
      assert.equal(soleCache.refresh(), false);
      assert.equal(sharedCache.refresh(), false);
      const other = new SqliteConnection(path);
      other.run("INSERT INTO memory_terms (term) VALUES ('ferry')");
      other.close();
      assert.equal(soleCache.refresh(), false);
      assert.equal(soleReads.reads, 0, "no PRAGMA data_version, not even when made");
      assert.equal(sharedCache.refresh(), true, "another database sees the commit");
      assert.equal(sharedCache.refresh(), false, "once: nothing was committed since");
      assert.notEqual(sharedCache.terms.find("ferry"), undefined, "and reads its term");
      assert.equal(soleCache.terms.find("ferry"), undefined);
    } finally {
      await sole.close();
      await shared.close();
    }
  });
});
