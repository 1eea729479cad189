/**
 * Pages in `created_at` order read in SQL (`pageByCreation`), on each database: a cursor names
 * its last row's `created_at` and id, so deleting that row before the next page skips nothing
 * and repeats nothing (attack11 F5: the next page started at the cursor's position, one row
 * late); a cursor of the old form (position and id) still pages, from the deleted row's old
 * place as lists paged in memory do (before, at its position: one row late); a forged one is
 * -32602.
 */
import assert from "node:assert/strict";
import { InvalidInput } from "../errors.ts";
import { encodeCursor } from "../paging.ts";
import { pageByCreation } from "./creation_page.ts";
import type { Database } from "./database.ts";
import { eachDatabase } from "./testing/databases.ts";

const QUERY = { table: "paged_items", columns: "id, created_at" };

/** 12 rows, three at each time (their ids order them within one). */
async function setup(db: Database): Promise<string[]> {
  await db.migrate([{
    name: "paged_items_1",
    sql: "CREATE TABLE paged_items (id TEXT PRIMARY KEY, created_at TEXT NOT NULL)",
  }]);
  const ids: string[] = [];
  for (let i = 0; i < 12; i++) {
    const id = `item${String(i).padStart(2, "0")}`;
    await db.run("INSERT INTO paged_items (id, created_at) VALUES (?, ?)", id, `t${i / 3 | 0}`);
    ids.push(id);
  }
  return ids;
}

type Item = { id: string; created_at: string };
const page = (db: Database, limit: number, cursor?: string) =>
  pageByCreation<Item>(db, QUERY, { limit, cursor });
const remove = (db: Database, id: string) => db.run("DELETE FROM paged_items WHERE id = ?", id);

eachDatabase("deleting the row a cursor names skips and repeats nothing", async (db) => {
  const ids = await setup(db);
  for (const limit of [1, 2, 3, 5]) {
    const seen: string[] = [];
    const deleted: string[] = [];
    let cursor: string | undefined;
    do {
      const current = await page(db, limit, cursor);
      seen.push(...current.items.map((item) => item.id));
      cursor = current.next_cursor ?? undefined;
      const last = current.items.at(-1);
      if (cursor && last) {
        await remove(db, last.id);
        deleted.push(last.id);
      }
    } while (cursor);
    assert.deepEqual(seen, ids, `limit ${limit}: every row once, in order`);
    // The next round starts from the rows left; put the deleted back.
    for (const id of deleted) {
      await db.run(
        "INSERT INTO paged_items (id, created_at) VALUES (?, ?)",
        id,
        `t${ids.indexOf(id) / 3 | 0}`,
      );
    }
  }
});

eachDatabase("an old cursor (position and id) still pages", async (db) => {
  const ids = await setup(db);
  const ids_ = (items: Item[]) => items.map((item) => item.id);
  // Its row still there: right after it, wherever it moved.
  const after = await page(db, 3, encodeCursor({ offset: 9, key: ids[4]! }));
  assert.deepEqual(ids_(after.items), ids.slice(5, 8));
  // Its row gone: at the row's old place (one before its position), so the row after it is
  // not skipped.
  await remove(db, ids[4]!);
  const atPlace = await page(db, 3, encodeCursor({ offset: 5, key: ids[4]! }));
  assert.deepEqual(ids_(atPlace.items), ids.slice(5, 8));
  // And the cursor it gives out is of the new form.
  const next = await page(db, 3, atPlace.next_cursor!);
  assert.deepEqual(ids_(next.items), ids.slice(8, 11));
  // A cursor naming the first row, deleted, starts at the start.
  await remove(db, ids[0]!);
  const first = await page(db, 2, encodeCursor({ offset: 1, key: ids[0]! }));
  assert.deepEqual(ids_(first.items), [ids[1], ids[2]]);
});

eachDatabase("forged cursors are -32602 or an empty page", async (db) => {
  await setup(db);
  const raw = (value: unknown) =>
    btoa(JSON.stringify(value)).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
  for (
    const value of [
      [0, "x", 5],
      [0, null, "t1"],
      [0, "x", null],
      [0, "x", "t", 5],
      [0, "x", null, null],
      [0, "x", "t", "y", "z"],
      [-1],
    ]
  ) {
    await assert.rejects(page(db, 3, raw(value)), InvalidInput, JSON.stringify(value));
  }
  // Any string sorts somewhere (a NUL as PostgreSQL's driver takes it): the page after that
  // place, passed as a parameter only.
  const empty = await page(db, 3, raw([0, "x", "zzz"]));
  assert.deepEqual([empty.items.length, empty.next_cursor], [0, null]);
  for (const at of ["' OR 1=1 --", "\u0000", ""]) {
    const forged = await page(db, 3, raw([0, "x", at]));
    assert.ok(forged.items.length <= 3, JSON.stringify(at));
  }
});
