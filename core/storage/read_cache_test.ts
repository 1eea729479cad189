import assert from "node:assert/strict";
import { CROSS_PROCESS_CHECK_MS, Database } from "./db.ts";
import { READ_CACHE_LIMIT, ReadCache } from "./read_cache.ts";

function counted(db: Database) {
  let reads = 0;
  const read = () => {
    reads++;
    return db.get<{ n: number }>("SELECT COUNT(*) AS n FROM items")!.n;
  };
  return { read, reads: () => reads };
}

Deno.test("a kept value is read once until the database is written", () => {
  const db = new Database(":memory:");
  db.exec("CREATE TABLE items (id INTEGER PRIMARY KEY)");
  const cache = new ReadCache(db);
  const { read, reads } = counted(db);
  assert.equal(cache.get("n", read), 0);
  assert.equal(cache.get("n", read), 0);
  assert.equal(reads(), 1);
  db.run("INSERT INTO items DEFAULT VALUES");
  assert.equal(cache.get("n", read), 1);
  assert.equal(reads(), 2);
  db.close();
});

Deno.test("a value read inside a transaction that rolls back is not kept", () => {
  const db = new Database(":memory:");
  db.exec("CREATE TABLE items (id INTEGER PRIMARY KEY)");
  const cache = new ReadCache(db);
  const { read } = counted(db);
  assert.throws(() =>
    db.transaction(() => {
      db.run("INSERT INTO items DEFAULT VALUES");
      assert.equal(cache.get("n", read), 1);
      throw new Error("undo");
    })
  );
  assert.equal(cache.get("n", read), 0);
  db.close();
});

Deno.test("another connection's commit is seen within CROSS_PROCESS_CHECK_MS", async () => {
  const dir = await Deno.makeTempDir();
  const path = `${dir}/shared.db`;
  const ours = new Database(path);
  ours.exec("CREATE TABLE items (id INTEGER PRIMARY KEY)");
  const theirs = new Database(path);
  try {
    const cache = new ReadCache(ours);
    const { read } = counted(ours);
    assert.equal(cache.get("n", read), 0);
    theirs.run("INSERT INTO items DEFAULT VALUES");
    await new Promise((resolve) => setTimeout(resolve, CROSS_PROCESS_CHECK_MS + 20));
    assert.equal(cache.get("n", read), 1);
  } finally {
    ours.close();
    theirs.close();
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("the cache starts over past READ_CACHE_LIMIT values", () => {
  const generation = { generation: 1 };
  const cache = new ReadCache(generation);
  for (let i = 0; i < READ_CACHE_LIMIT; i++) cache.get(`k${i}`, () => i);
  let reads = 0;
  assert.equal(cache.get("k0", () => ++reads), 0);
  cache.get("one more", () => 0);
  assert.equal(cache.get("k0", () => ++reads), 1);
});
