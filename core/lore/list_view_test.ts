/**
 * `lorebook.list` shows each book's description as an excerpt (core/storage/text_head.ts): at
 * most 200 UTF-16 units, cut between characters (graphemes), `description_truncated: true` when
 * there is more, for every book, a persona's and a room's; `lorebook.get` still has the whole
 * text. A page of 100 books with descriptions of the largest size stays tens of kilobytes
 * (before: 2 MB, past the default MAX_REPLY_BYTES). On SQLite a list reads the heads from its
 * covering index, a persona's or room's books the first page of each row at most, never a whole
 * description (by the bytes this thread reads from files, not by timing); the migration fills
 * the head of books stored before it, on each database.
 */
import assert from "node:assert/strict";
import type { Database } from "../storage/mod.ts";
import { SqliteDatabase } from "../storage/sqlite.ts";
import { eachDatabase } from "../storage/testing/databases.ts";
import { EXCERPT_CASES, LONG_TEXT_MAX, LONGEST_TEXTS } from "../storage/testing/excerpts.ts";
import { bytesRead, readBy } from "../storage/testing/thread_reads.ts";
import { LISTED_TEXT_MAX } from "../storage/text_head.ts";
import { cutText } from "../text_cut.ts";
import { parseLorebook } from "./book.ts";
import { loreMigrations } from "./migrations.ts";
import { LorebookRepository } from "./repository.ts";
import type { LorebookView } from "./lorebook_view.ts";
import { addAriaAndTavern, LORE_BASE, loreOn, setupLore } from "./testing/fixtures.ts";

const book = (description: string, name = "Book") =>
  parseLorebook({ name, description, entries: [{ keys: ["k"], content: "c" }] });

/** `view` shows `description`'s excerpt, flagged only when cut. */
function assertExcerpt(view: LorebookView, description: string, label: string): void {
  assert.equal(view.description, cutText(description, LISTED_TEXT_MAX), label);
  const cut = description.length > LISTED_TEXT_MAX;
  assert.equal(view.description_truncated, cut ? true : undefined, label);
  assert.equal("description_truncated" in view, cut, label);
}

eachDatabase(
  "a listed book's description is its excerpt at the boundary; lorebook.get has it whole",
  async (db) => {
    const { lore, aria } = await setupLore(db);
    const ids = new Map<string, string>();
    for (const [label, description] of EXCERPT_CASES) {
      const stored = await lore.create(book(description, label));
      await lore.attach(stored.id, { personaId: aria.id });
      await lore.attach(stored.id, { roomId: "room1" });
      ids.set(label, stored.id);
    }
    // Updated: the head follows the new description.
    const changed = ids.get("empty")!;
    await lore.update(changed, { fields: { description: "語".repeat(300) } });
    const full = new Map(
      EXCERPT_CASES.map(([label, description]) => [ids.get(label)!, description]),
    );
    full.set(changed, "語".repeat(300));
    for (const filter of [{}, { persona: aria }, { roomId: "room1" }]) {
      const page = await lore.page(filter, { limit: 100 });
      assert.equal(page.items.length, EXCERPT_CASES.length);
      for (const view of page.items) assertExcerpt(view, full.get(view.id)!, view.name);
    }
    for (const [label, description, excerpt] of EXCERPT_CASES) {
      const id = ids.get(label)!;
      const listed = (await lore.page({}, { limit: 100 })).items.find((view) => view.id === id)!;
      if (id !== changed) assert.equal(listed.description, excerpt ?? description, label);
      const got = await lore.view(await lore.get(id), true);
      assert.equal(got.description, full.get(id), label);
      assert.equal("description_truncated" in got, false, label);
    }
  },
);

eachDatabase(
  "a page of 100 books with descriptions of the largest size stays small",
  async (db) => {
    const { lore, aria } = await setupLore(db);
    for (let i = 0; i < 100; i++) {
      const stored = await lore.create(book(LONGEST_TEXTS[i % LONGEST_TEXTS.length]!));
      await lore.attach(stored.id, { personaId: aria.id });
    }
    for (const filter of [{}, { persona: aria }]) {
      const page = await lore.page(filter, { limit: 100 });
      assert.equal(page.items.length, 100);
      const bytes = new TextEncoder().encode(JSON.stringify(page)).length;
      // Each book: its excerpt (at most 1.2 kB as JSON: 200 control characters) and its fields.
      assert.ok(bytes < 100 * 1_700, `a page of 100 books is ${bytes} bytes`);
      for (const view of page.items) {
        assert.ok(view.description.length <= LISTED_TEXT_MAX);
        assert.equal(view.description_truncated, true);
      }
    }
  },
);

Deno.test({
  name: "a page of books reads a few bytes of each description, not all of it [sqlite]",
  ignore: bytesRead() === undefined,
  fn: async () => {
    const dir = await Deno.makeTempDir();
    const db = new SqliteDatabase(`${dir}/lore.db`);
    try {
      db.connection.raw.exec("PRAGMA cache_size = 8"); // pages: a description is read from the file
      const { lore, aria } = await setupLore(db);
      const description = "語".repeat(LONG_TEXT_MAX); // 60 kB of UTF-8
      const ids: string[] = [];
      for (let i = 0; i < 20; i++) {
        const stored = await lore.create(book(description, `Book ${i}`));
        await lore.attach(stored.id, { personaId: aria.id });
        ids.push(stored.id);
      }
      const first = await lore.page({}, { limit: 5 });
      const reads = {
        // From the list's covering index: no row is read.
        pages: await readBy(async () => {
          await lore.page({}, { limit: 20 });
          await lore.page({}, { limit: 10, cursor: first.next_cursor! });
        }),
        // From the rows: the head may reach a row's first overflow pages.
        persona: await readBy(() => lore.page({ persona: aria }, { limit: 20 })),
        summaries: await readBy(() => lore.summaries({ personaId: aria.id })),
      };
      // Whole descriptions: 1.2 MB. A row may be read up to its first overflow pages (how much
      // of a row is stored with it depends on its size: see the rooms' test).
      for (const [read, bytes] of Object.entries(reads)) {
        assert.ok(
          bytes < 20 * 60_000 / 4,
          `${read} read ${bytes} bytes (descriptions: 20 × 60 kB)`,
        );
      }
      // The measure sees a description read: a book read with nothing cached holds it.
      const whole = await readBy(() => new LorebookRepository(db).find(ids[3]!));
      assert.ok(whole > 40_000, `a cold get read ${whole} bytes`);
    } finally {
      await db.close();
      await Deno.remove(dir, { recursive: true });
    }
  },
});

eachDatabase(
  "books stored before the description's head are listed right after it",
  async (db, kind) => {
    await db.migrate([...LORE_BASE, ...loreMigrations.slice(0, 3)]);
    const aria = await addAriaAndTavern(db);
    const insert = (id: string, description: string, at: string) =>
      db.run(
        `INSERT INTO lorebooks (id, name, owner_persona_id, book, created_at, updated_at,
           description, entry_count) VALUES (?, ?, ?, ?, ?, ?, ?, 1)`,
        id,
        id,
        id === "book_0" ? aria.id : null,
        JSON.stringify(book(description, id)),
        at,
        at,
        description,
      );
    const old = EXCERPT_CASES.map(([, description]) => description);
    for (const [i, description] of old.entries()) {
      await insert(`book_${i}`, description, `2026-01-01T00:00:${String(i).padStart(2, "0")}Z`);
    }
    await db.run(
      "INSERT INTO persona_lorebooks (persona_id, lorebook_id, seq) VALUES (?, 'book_3', 1)",
      aria.id,
    );
    await db.migrate([...LORE_BASE, ...loreMigrations]);
    const lore = loreOn(db);
    // Written by raw SQL after it (no head given), and a description changed in place.
    await insert("book_later", "b".repeat(300), "2026-01-02T00:00:00Z");
    await db.run("UPDATE lorebooks SET description = ? WHERE id = 'book_1'", "😀".repeat(150));
    const expected = new Map(old.map((description, i) => [`book_${i}`, description]));
    expected.set("book_later", "b".repeat(300));
    expected.set("book_1", "😀".repeat(150));
    const page = await lore.page({}, { limit: 100 });
    assert.equal(page.items.length, expected.size);
    for (const view of page.items) {
      assertExcerpt(view, expected.get(view.id)!, view.id);
      assert.deepEqual(view.persona_ids, view.id === "book_3" ? [aria.id] : []);
    }
    const own = (await lore.page({ persona: aria }, { limit: 10 })).items;
    assert.deepEqual(own.map((view) => view.id), ["book_0", "book_3"]);
    for (const view of own) assertExcerpt(view, expected.get(view.id)!, view.id);
    assert.equal((await lore.get("book_3")).book.description, old[3]);
    if (kind === "sqlite") await assertColumnOrder(db);
  },
);

Deno.test("a new database stores the description's head before it, and the book last [sqlite]", async () => {
  const db = new SqliteDatabase(":memory:");
  try {
    await db.migrate([...LORE_BASE, ...loreMigrations]);
    await assertColumnOrder(db);
  } finally {
    await db.close();
  }
});

/**
 * The long texts are the last columns, the book at the end; the list's index holds the
 * description's head, not the description.
 */
async function assertColumnOrder(db: Database): Promise<void> {
  const names = async (sql: string) => (await db.all<{ name: string }>(sql)).map((c) => c.name);
  const columns = await names("PRAGMA table_info(lorebooks)");
  assert.deepEqual(columns.slice(-3), ["description_head", "description", "book"], `${columns}`);
  assert.equal(columns.length, 9, `${columns}`);
  assert.deepEqual(await names("PRAGMA index_info(lorebooks_by_creation)"), [
    "created_at",
    "id",
    "name",
    "owner_persona_id",
    "updated_at",
    "description_head",
    "entry_count",
  ]);
}
