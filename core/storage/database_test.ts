import assert from "node:assert/strict";
import type { Database } from "./database.ts";
import { PostgresDatabase } from "./postgres.ts";
import { storageMigrations } from "./migrations.ts";
import {
  eachDatabase,
  eachSharedDatabase,
  POSTGRES_SKIPPED,
  testSchema,
} from "./testing/databases.ts";

const ITEMS = [{
  name: "items_1",
  sql: "CREATE TABLE items (id TEXT PRIMARY KEY, n INTEGER NOT NULL, x REAL, body BLOB)",
}];

async function itemCount(db: Database): Promise<number> {
  return (await db.get<{ n: number }>("SELECT COUNT(*) AS n FROM items"))!.n;
}

eachDatabase("rows go in and come back with numbers as numbers and bytes as bytes", async (db) => {
  await db.migrate(ITEMS);
  assert.equal(
    await db.run(
      "INSERT INTO items (id, n, x, body) VALUES (?, ?, ?, ?)",
      "a",
      2 ** 40,
      0.25,
      new Uint8Array([1, 2]),
    ),
    1,
  );
  const row = await db.get<{ id: string; n: number; x: number; body: Uint8Array }>(
    "SELECT id, n, x, body FROM items WHERE id = ?",
    "a",
  );
  assert.equal(row?.n, 2 ** 40);
  assert.equal(row?.x, 0.25);
  assert.deepEqual([...row!.body], [1, 2]);
  assert.equal((await db.get<{ s: number }>("SELECT SUM(n) AS s FROM items"))?.s, 2 ** 40);
  assert.equal(await db.get("SELECT id FROM items WHERE id = ?", "missing"), undefined);
  assert.equal(await db.run("UPDATE items SET n = n + 1 WHERE id IN (?, ?)", "a", "b"), 1);
});

eachDatabase(
  "a fraction bound to an INTEGER column is written (rounded on PostgreSQL)",
  async (db, kind) => {
    await db.migrate(ITEMS);
    // PostgreSQL's BIGINT refuses "1796381300604.85"; one fractional epoch ms failed a whole write.
    await db.run("INSERT INTO items (id, n, x) VALUES (?, ?, ?)", "a", 1796381300604.85, 0.25);
    await db.run("UPDATE items SET n = ? WHERE id = ? AND n > ?", 41.6, "a", 2.5);
    const row = await db.get<{ n: number; x: number }>("SELECT n, x FROM items WHERE id = ?", "a");
    assert.equal(row?.n, kind === "postgres" ? 42 : 41.6);
    assert.equal(row?.x, 0.25, "a REAL column keeps its fraction");
    // Compared with an INTEGER column, whole numbers agree on both (a fraction would not: see
    // `bigintText`, callers bind whole ones); a REAL column is compared with its fraction on both.
    const count = async (where: string, value: number) =>
      Number(
        (await db.get<{ c: number }>(`SELECT COUNT(*) AS c FROM items WHERE ${where}`, value))?.c,
      );
    assert.deepEqual(
      [await count("n <= ?", 42), await count("n < ?", 41), await count("x > ?", 0.2499)],
      [1, 0, 1],
    );
  },
);

eachDatabase(
  "a transaction commits when its work resolves and rolls back when it throws",
  async (db) => {
    await db.migrate(ITEMS);
    await db.transaction(async () => {
      await db.run("INSERT INTO items (id, n) VALUES ('a', 1)");
      // A nested transaction joins the outer one.
      await db.transaction(() => db.run("INSERT INTO items (id, n) VALUES ('b', 2)"));
    });
    await assert.rejects(
      db.transaction(async () => {
        await db.run("INSERT INTO items (id, n) VALUES ('c', 3)");
        throw new Error("changed my mind");
      }),
      /changed my mind/,
    );
    assert.deepEqual(
      (await db.all<{ id: string }>("SELECT id FROM items ORDER BY id")).map((r) => r.id),
      ["a", "b"],
    );
  },
);

eachDatabase(
  "calls outside a transaction never slip into another request's open one",
  async (db) => {
    await db.migrate(ITEMS);
    let inside!: () => void;
    const paused = new Promise<void>((resolve) => (inside = resolve));
    let resume!: () => void;
    const gate = new Promise<void>((resolve) => (resume = resolve));
    const failing = db.transaction(async () => {
      await db.run("INSERT INTO items (id, n) VALUES ('rolled-back', 1)");
      inside();
      await gate;
      throw new Error("rollback");
    });
    await paused;
    // Another request writes while the transaction waits: its row must survive the rollback.
    const outside = db.run("INSERT INTO items (id, n) VALUES ('kept', 1)");
    resume();
    await assert.rejects(failing, /rollback/);
    await outside;
    assert.deepEqual((await db.all<{ id: string }>("SELECT id FROM items")).map((r) => r.id), [
      "kept",
    ]);
  },
);

eachDatabase("a lock makes read-modify-write transactions take turns", async (db) => {
  await db.migrate(ITEMS);
  await db.run("INSERT INTO items (id, n) VALUES ('counter', 0)");
  await assert.rejects(db.lock("outside"), /transaction/);
  const bump = () =>
    db.transaction(async () => {
      await db.lock("counter");
      const { n } = (await db.get<{ n: number }>("SELECT n FROM items WHERE id = 'counter'"))!;
      await new Promise((resolve) => setTimeout(resolve, 5));
      await db.run("UPDATE items SET n = ? WHERE id = 'counter'", n + 1);
    });
  await Promise.all(Array.from({ length: 8 }, bump));
  assert.equal((await db.get<{ n: number }>("SELECT n FROM items WHERE id = 'counter'"))?.n, 8);
});

eachDatabase("migrations run once, in order, and a failing one changes nothing", async (db) => {
  const migrations = [...ITEMS, {
    name: "items_2",
    sql: "INSERT INTO items (id, n) VALUES ('seed', 1)",
  }];
  assert.deepEqual(await db.migrate(migrations), ["items_1", "items_2"]);
  assert.deepEqual(await db.migrate(migrations), []);
  assert.equal(await itemCount(db), 1);
  await assert.rejects(
    db.migrate([...migrations, { name: "bad_1", sql: "CREATE TABLE b (x INTEGER); NOT SQL" }]),
  );
  assert.deepEqual(await db.migrate(migrations), [], "the good ones stay applied");
  assert.equal(await db.get("SELECT name FROM schema_migrations WHERE name = 'bad_1'"), undefined);
});

eachDatabase("text with a NUL character is stored, not refused", async (db, kind) => {
  await db.migrate(ITEMS);
  await db.run("INSERT INTO items (id, n) VALUES (?, 1)", "a\u0000b");
  const ids = (await db.all<{ id: string }>("SELECT id FROM items")).map((r) => r.id);
  // node:sqlite reads text up to the NUL; PostgreSQL text cannot hold one: U+FFFD takes its place.
  assert.deepEqual(ids, [kind === "sqlite" ? "a" : "a\uFFFDb"]);
});

Deno.test("several nodes starting at once on one PostgreSQL apply each migration once", {
  ignore: POSTGRES_SKIPPED,
}, async () => {
  const schema = await testSchema();
  const nodes = Array.from(
    { length: 4 },
    () =>
      new PostgresDatabase({ url: schema.url, poolSize: 2, idleTimeoutS: 0, connectTimeoutS: 10 }),
  );
  try {
    const applied = await Promise.all(
      nodes.map((db) => db.migrate([...storageMigrations, ...ITEMS])),
    );
    assert.deepEqual(applied.flat().sort(), [
      "items_1",
      "schedule_runs_1",
      "storage_1_change_versions",
    ]);
  } finally {
    await Promise.all(nodes.map((db) => db.close()));
    await schema.drop();
  }
});

eachSharedDatabase("another connection's change moves the change stamp", async (first, other) => {
  const migrations = [...storageMigrations, ...ITEMS, {
    name: "items_3_changes",
    sql: {
      postgres:
        "CREATE TRIGGER items_changed AFTER INSERT OR UPDATE OR DELETE ON items FOR EACH STATEMENT EXECUTE FUNCTION notify_change('items')",
    },
  }];
  await first.migrate(migrations);
  const before = await first.changeStamp("items", { fresh: true });
  assert.equal(await first.changeStamp("items"), before, "no change, same stamp");
  await other.run("INSERT INTO items (id, n) VALUES ('x', 1)");
  assert.notEqual(await first.changeStamp("items", { fresh: true }), before);
});
