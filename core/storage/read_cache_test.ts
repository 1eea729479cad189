import assert from "node:assert/strict";
import { CHANGE_CHECK_MS, type Database, storageMigrations } from "./mod.ts";
import {
  READ_CACHE_LIMIT,
  READ_CACHE_TOPIC,
  ReadCache,
  readCacheMigrations,
  readCacheOver,
  VersionMemo,
} from "./read_cache.ts";
import { eachDatabase, eachSharedDatabase } from "./testing/databases.ts";

/** A cached table (lorebooks stands for every table the cache covers on PostgreSQL). */
const TABLES = [...storageMigrations, {
  name: "t_1",
  sql: `CREATE TABLE persona_assets (id INTEGER PRIMARY KEY);
    CREATE TABLE lorebooks (id INTEGER PRIMARY KEY);
    CREATE TABLE persona_lorebooks (id INTEGER PRIMARY KEY);`,
}, ...readCacheMigrations];

function counted(db: Database) {
  let reads = 0;
  const read = async () => {
    reads++;
    return Number((await db.get<{ n: number }>("SELECT COUNT(*) AS n FROM lorebooks"))!.n);
  };
  return { read, reads: () => reads };
}

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

eachDatabase("a kept value is read once until this process writes", async (db) => {
  await db.migrate(TABLES);
  const cache = readCacheOver(db);
  const { read, reads } = counted(db);
  assert.equal(await cache.get("n", read), 0);
  assert.equal(await cache.get("n", read), 0);
  assert.equal(reads(), 1);
  await db.run("INSERT INTO lorebooks (id) VALUES (1)");
  assert.equal(await cache.get("n", read), 1, "our write shows at once");
  assert.equal(reads(), 2);
});

eachDatabase("a value read inside a transaction that rolls back is not kept", async (db) => {
  await db.migrate(TABLES);
  const cache = readCacheOver(db);
  const { read } = counted(db);
  await assert.rejects(db.transaction(async () => {
    await db.run("INSERT INTO lorebooks (id) VALUES (1)");
    assert.equal(await cache.get("n", read), 1);
    throw new Error("undo");
  }));
  assert.equal(await cache.get("n", read), 0);
});

eachDatabase("a read that ran beside a write is not kept", async (db) => {
  await db.migrate(TABLES);
  const cache = readCacheOver(db);
  // The read starts, a write commits while it runs: what it read may be from before.
  const value = await cache.get("n", async () => {
    const n = await counted(db).read();
    await db.run("INSERT INTO lorebooks (id) VALUES (1)");
    return n;
  });
  assert.equal(value, 0);
  assert.equal(await cache.get("n", counted(db).read), 1);
});

eachSharedDatabase(
  "another process's or node's commit to a cached table is seen within CHANGE_CHECK_MS",
  async (ours, theirs, kind) => {
    await ours.migrate(TABLES);
    await theirs.migrate(TABLES);
    const cache = readCacheOver(ours);
    const { read } = counted(ours);
    assert.equal(await cache.get("n", read), 0);
    await theirs.run("INSERT INTO lorebooks (id) VALUES (1)");
    await delay(CHANGE_CHECK_MS[kind] + 20);
    assert.equal(await cache.get("n", read), 1);
    assert.equal(cache.seesEveryTable, kind === "sqlite");
  },
);

eachSharedDatabase(
  "another node's change to a cached table moves the cache's stamp at once when asked fresh",
  async (ours, theirs) => {
    await ours.migrate(TABLES);
    await theirs.migrate(TABLES);
    for (const table of ["persona_lorebooks", "persona_assets"]) {
      const before = await ours.changeStamp(READ_CACHE_TOPIC, { fresh: true });
      await theirs.run(`INSERT INTO ${table} (id) VALUES (1)`);
      assert.notEqual(await ours.changeStamp(READ_CACHE_TOPIC, { fresh: true }), before, table);
    }
  },
);

Deno.test("the cache starts over past READ_CACHE_LIMIT values", async () => {
  const cache = new ReadCache(() => "1", { seesEveryTable: true });
  for (let i = 0; i < READ_CACHE_LIMIT; i++) await cache.get(`k${i}`, () => i);
  let reads = 0;
  assert.equal(await cache.get("k0", () => ++reads), 0);
  await cache.get("one more", () => 0);
  assert.equal(await cache.get("k0", () => ++reads), 1);
});

Deno.test("a failed read is not kept", async () => {
  const cache = new ReadCache(() => "1", { seesEveryTable: true });
  await assert.rejects(cache.get("k", () => Promise.reject(new Error("down"))));
  assert.equal(await cache.get("k", () => 2), 2);
});

eachSharedDatabase(
  "the version is known without a read only while the stamp is fresh, and moves with every commit",
  async (ours, theirs, kind) => {
    await ours.migrate(TABLES);
    await theirs.migrate(TABLES);
    const cache = readCacheOver(ours);
    const { read } = counted(ours);
    await cache.get("n", read);
    if (kind !== "sqlite") {
      // PostgreSQL's version does not see every table: nothing may be trusted without a read.
      assert.equal(cache.knownVersion(), undefined);
      return;
    }
    const known = cache.knownVersion();
    assert.ok(known !== undefined, "just checked: known");
    assert.equal(cache.knownVersion(), known);
    await ours.run("INSERT INTO lorebooks (id) VALUES (1)");
    const afterOurs = cache.knownVersion();
    assert.ok(afterOurs !== undefined && afterOurs !== known, "our write moves it at once");
    await theirs.run("INSERT INTO lorebooks (id) VALUES (2)");
    await delay(CHANGE_CHECK_MS.sqlite + 20);
    assert.equal(cache.knownVersion(), undefined, "a check is due: unknown until read");
    assert.equal(await cache.get("n", read), 2);
    const afterTheirs = cache.knownVersion();
    assert.ok(afterTheirs !== undefined && afterTheirs !== afterOurs, "their commit moved it");
  },
);

Deno.test("a version memo keeps values for one version and within their span of clock times", () => {
  const memo = new VersionMemo<string>();
  assert.equal(memo.get("v1", "a", 10), undefined);
  memo.set("v1", "a", "A", { from: 10, until: 20 });
  assert.equal(memo.get("v1", "a", 10), "A");
  assert.equal(memo.get("v1", "a", 20), "A");
  assert.equal(memo.get("v1", "a", 9), undefined, "before its span (a clock set back)");
  assert.equal(memo.get("v1", "a", 21), undefined, "past its span");
  assert.equal(memo.get("v2", "a", 15), undefined, "another version");
  memo.set("v2", "b", "B", { from: 0, until: Infinity });
  assert.equal(memo.get("v2", "b", 1e15), "B");
  assert.equal(memo.get("v1", "a", 15), undefined, "a new version drops the old values");
  memo.set("v2", "c", "C", { from: Infinity, until: -Infinity });
  assert.equal(memo.get("v2", "c", 0), undefined, "an empty span keeps nothing");
});
