/**
 * On SQLite a book (its JSON may be megabytes) is the last column of its row, so that what is
 * read of a book on every chat message and every list (its id, name, owner, times, summary)
 * comes from the row's first pages, never from the book's overflow pages. Checked by the bytes
 * this thread reads from files (`rchar` of /proc/thread-self/io: tests run beside it do not
 * count), with SQLite's page cache cut to a few pages; not by timing. The migration that moves
 * the book keeps every book and attachment of a database written before it, on each database.
 */
import assert from "node:assert/strict";
import type { Database } from "../storage/mod.ts";
import { SqliteDatabase } from "../storage/sqlite.ts";
import { eachDatabase } from "../storage/testing/databases.ts";
import { bytesRead, readBy } from "../storage/testing/thread_reads.ts";
import { parseLorebook } from "./book.ts";
import { loreMigrations } from "./migrations.ts";
import { LorebookRepository } from "./repository.ts";
import { addAriaAndTavern, LORE_BASE, loreOn, setupLore } from "./testing/fixtures.ts";

const BOOK_BYTES = 1_500_000;

function bigBook(i: number) {
  const entries = Array.from({ length: 20 }, (_, n) => ({
    keys: [`k${n}`],
    content: `${i} `.repeat(BOOK_BYTES / 40),
  }));
  return parseLorebook({ name: `Book ${i}`, description: `About ${i}`, entries });
}

Deno.test({
  name:
    "chat look-ups, persona summaries, cursor pages and cached gets read no book bytes [sqlite]",
  ignore: bytesRead() === undefined,
  fn: async () => {
    const dir = await Deno.makeTempDir();
    const db = new SqliteDatabase(`${dir}/lore.db`);
    try {
      db.connection.raw.exec("PRAGMA cache_size = 8"); // pages: a book is read from the file
      const { lore, aria } = await setupLore(db);
      await lore.setOwnBook(aria, bigBook(0));
      const ids: string[] = [];
      for (let i = 1; i <= 3; i++) {
        const stored = await lore.create(bigBook(i));
        await lore.attach(stored.id, i < 3 ? { personaId: aria.id } : { roomId: "room1" });
        ids.push(stored.id);
      }
      assert.equal((await lore.booksFor(aria, "room1")).length, 4); // parsed and cached
      const first = await lore.page({}, { limit: 1 });
      const reads = {
        booksFor: await readBy(() => lore.booksFor(aria, "room1")),
        summaries: await readBy(() => lore.summaries({ personaId: aria.id })),
        cursorPage: await readBy(() => lore.page({}, { limit: 2, cursor: first.next_cursor! })),
        roomList: await readBy(() => lore.page({ roomId: "room1" }, { limit: 5 })),
        cachedGet: await readBy(() => lore.get(ids[0]!)),
      };
      for (const [read, bytes] of Object.entries(reads)) {
        assert.ok(bytes < BOOK_BYTES / 8, `${read} read ${bytes} bytes (a book: ${BOOK_BYTES})`);
      }
      // The measure sees a book read: a repository with nothing cached reads the whole book.
      const cold = new LorebookRepository(db);
      assert.ok(await readBy(() => cold.find(ids[0]!)) > BOOK_BYTES);
    } finally {
      await db.close();
      await Deno.remove(dir, { recursive: true });
    }
  },
});

eachDatabase(
  "the book-last migration keeps every book and attachment of an old database",
  async (db, kind) => {
    await db.migrate([...LORE_BASE, ...loreMigrations.slice(0, 2)]);
    const aria = await addAriaAndTavern(db);
    const books = new Map<string, string>([
      ["big", JSON.stringify(bigBook(1))],
      [
        "odd",
        JSON.stringify({
          name: 'Ünïcode " \\ \u2028',
          description: "é",
          extensions: {},
          entries: [],
        }),
      ],
      [
        "own",
        JSON.stringify({
          name: "Own",
          extensions: { x: [1, { y: null }] },
          entries: [{ keys: ["a"], content: "b" }],
        }),
      ],
    ]);
    for (const [i, [id, json]] of [...books].entries()) {
      await db.run(
        `INSERT INTO lorebooks (id, name, owner_persona_id, book, created_at, updated_at, description, entry_count)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
        id,
        id,
        id === "own" ? aria.id : null,
        json,
        `2026-01-0${i + 1}T00:00:00.000Z`,
        `2026-02-0${i + 1}T00:00:00.000Z`,
        `d${i}`,
        i,
      );
    }
    await db.run(
      "INSERT INTO persona_lorebooks (persona_id, lorebook_id, seq) VALUES (?, 'big', 1)",
      aria.id,
    );
    await db.run(
      "INSERT INTO room_lorebooks (room_id, lorebook_id, seq) VALUES ('room1', 'odd', 1)",
    );
    const rows =
      "SELECT id, name, owner_persona_id, created_at, updated_at, description, entry_count FROM lorebooks ORDER BY id";
    const before = await db.all(rows);
    await db.migrate([...LORE_BASE, ...loreMigrations]);
    const stored = await db.all<{ id: string; book: string }>(
      "SELECT id, book FROM lorebooks ORDER BY id",
    );
    assert.deepEqual(stored.map((row) => row.id), [...books.keys()].toSorted());
    for (const row of stored) assert.ok(row.book === books.get(row.id), `book ${row.id} changed`);
    assert.deepEqual(await db.all(rows), before);
    const pairs = async (sql: string) =>
      (await db.all<{ a: string; b: string }>(sql)).map((row) => [row.a, row.b]);
    const personaPairs = "SELECT persona_id AS a, lorebook_id AS b FROM persona_lorebooks";
    const roomPairs = "SELECT room_id AS a, lorebook_id AS b FROM room_lorebooks";
    assert.deepEqual(await pairs(personaPairs), [[aria.id, "big"]]);
    assert.deepEqual(await pairs(roomPairs), [["room1", "odd"]]);
    const lore = loreOn(db);
    assert.deepEqual((await lore.booksFor(aria, "room1")).map((book) => book.id), [
      "own",
      "big",
      "odd",
    ]);
    assert.deepEqual((await lore.get("big")).book, JSON.parse(books.get("big")!));
    if (kind === "sqlite") await assertBookLast(db);
    // Books written after it go in as before, and deleting one still detaches it.
    const fresh = await lore.create(bigBook(2));
    await lore.attach(fresh.id, { roomId: "room1" });
    assert.deepEqual((await lore.get(fresh.id)).book, fresh.book);
    await lore.delete("odd");
    assert.deepEqual(await pairs(roomPairs), [["room1", fresh.id]]);
  },
);

Deno.test("a new database stores the book last [sqlite]", async () => {
  const db = new SqliteDatabase(":memory:");
  try {
    await db.migrate([...LORE_BASE, ...loreMigrations]);
    await assertBookLast(db);
  } finally {
    await db.close();
  }
});

/** `book` is the last of the lorebooks columns (a column added later must move it again). */
async function assertBookLast(db: Database): Promise<void> {
  const columns = (await db.all<{ name: string }>("PRAGMA table_info(lorebooks)")).map((c) =>
    c.name
  );
  assert.equal(columns.at(-1), "book", columns.join(", "));
  assert.equal(columns.filter((name) => name.startsWith("book")).length, 1, columns.join(", "));
  const indexes = await db.all<{ name: string }>("PRAGMA index_list(lorebooks)");
  assert.ok(indexes.some((index) => index.name === "lorebooks_by_creation"));
}
