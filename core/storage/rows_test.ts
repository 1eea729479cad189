import assert from "node:assert/strict";
import { SqliteConnection } from "./sqlite_connection.ts";
import { columnList, insertSql, rowMapper } from "./rows.ts";

interface Item {
  id: string;
  name: string;
  tags: string[];
  created_at: string;
}

const items = rowMapper<Item>("items", {
  id: true,
  name: true,
  tags: "json",
  created_at: true,
});

Deno.test("a row mapper binds values in its column order", () => {
  assert.deepEqual(items.columns, ["id", "name", "tags", "created_at"]);
  assert.deepEqual(items.values({ id: "a", name: "A", tags: ["x"], created_at: "t0" }), [
    "a",
    "A",
    '["x"]',
    "t0",
  ]);
  assert.equal(columnList(items, "i."), "i.id, i.name, i.tags, i.created_at");
});

Deno.test("insertSql writes plain inserts and upserts that keep what they are told to", () => {
  assert.equal(
    insertSql(items),
    "INSERT INTO items (id, name, tags, created_at) VALUES (?, ?, ?, ?)",
  );
  assert.equal(
    insertSql(items, { conflict: ["id"], keep: ["created_at"] }),
    "INSERT INTO items (id, name, tags, created_at) VALUES (?, ?, ?, ?) " +
      "ON CONFLICT (id) DO UPDATE SET name = excluded.name, tags = excluded.tags",
  );
});

Deno.test("an upsert through a mapper updates in place and leaves kept columns alone", () => {
  const db = new SqliteConnection(":memory:");
  try {
    db.exec("CREATE TABLE items (id TEXT PRIMARY KEY, name TEXT, tags TEXT, created_at TEXT)");
    const upsert = insertSql(items, { conflict: ["id"], keep: ["created_at"] });
    db.run(upsert, ...items.values({ id: "a", name: "A", tags: [], created_at: "t0" }));
    db.run(upsert, ...items.values({ id: "a", name: "B", tags: ["y"], created_at: "t1" }));
    assert.deepEqual(
      {
        ...db.get<Record<string, unknown>>(
          `SELECT ${columnList(items)} FROM items WHERE id = ?`,
          "a",
        ),
      },
      { id: "a", name: "B", tags: '["y"]', created_at: "t0" },
    );
  } finally {
    db.close();
  }
});

Deno.test('a field SQLite cannot bind needs "json" or a reader: `true` does not compile', () => {
  // @ts-expect-error: `tags` is a string[], which SQLite cannot bind as it is.
  const wrong = rowMapper<Item>("items", { id: true, tags: true });
  assert.deepEqual(wrong.columns, ["id", "tags"]);
});
