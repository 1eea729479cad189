/**
 * `lorebook.list`'s pages (`LoreService.page`) on each database: the same views, order, cursors
 * and totals as parsing every book and paging in memory (what the list did before), for all
 * books, a persona's and a room's, for every cursor a client can hold; no statement reads a
 * book's JSON, and a page costs the same statements at 5 books and at 50. The summary columns
 * follow updates, and the migration fills them on a database written before they existed.
 */
import assert from "node:assert/strict";
import { encodeCursor, pageOf, type PageRequest } from "../paging.ts";
import type { Persona } from "../personas/mod.ts";
import { withoutAt } from "../storage/testing/cursors.ts";
import { eachDatabase } from "../storage/testing/databases.ts";
import { watchStatements } from "../storage/testing/statements.ts";
import { type Lorebook, parseLorebook } from "./book.ts";
import { loreMigrations } from "./migrations.ts";
import type { LoreService } from "./service.ts";
import { insertOldBooks, LORE_BASE, loreOn, oldBooks, setupLore } from "./testing/fixtures.ts";

function book(i: number): Lorebook {
  const entries = Array.from({ length: i % 4 }, (_, n) => ({ keys: [`k${n}`], content: `e${n}` }));
  return parseLorebook({
    name: `Book ${i}`,
    ...(i % 2 ? { description: `About ${i}` } : {}),
    entries,
  });
}

/** Opens `n` books, some at the same time (their ids order them), some attached. */
async function fill({ clock, lore, aria }: Awaited<ReturnType<typeof setupLore>>, n: number) {
  for (let i = 0; i < n; i++) {
    if (i % 3 === 0) clock.advance(1000);
    const stored = await lore.create(book(i));
    if (i % 2 === 0) await lore.attach(stored.id, { personaId: aria.id });
    if (i % 3 === 1) await lore.attach(stored.id, { roomId: "room1" });
  }
  await lore.setOwnBook(aria, book(7));
}

/** The list as it was paged before: every book parsed, then `pageOf`, then each one's view. */
async function pagedInMemory(
  lore: LoreService,
  filter: { persona?: Persona; roomId?: string },
  request: PageRequest,
) {
  const books = await lore.list(filter);
  const { items, ...paging } = pageOf(books, request, (stored) => stored.id);
  const views = [];
  for (const stored of items) views.push(await lore.view(stored));
  return { items: views, total_count: books.length, ...paging };
}

eachDatabase(
  "lorebook pages from the summary columns equal the parsed books paged in memory",
  async (db) => {
    const fixture = await setupLore(db);
    await fill(fixture, 10);
    const { lore, aria } = fixture;
    const ids = (await lore.list()).map((stored) => stored.id);
    // A summary follows an update of the book (fewer entries, another description).
    await lore.update(ids[3]!, { book: parseLorebook({ description: "New", entries: [] }) });
    await lore.update(ids[5]!, {
      fields: { description: "Set", entries: [{ keys: ["a"], content: "b" }] },
    });
    await lore.delete(ids[8]!);
    const cursors: (string | undefined)[] = [
      undefined,
      encodeCursor({ offset: 4 }),
      encodeCursor({ offset: 50 }),
      encodeCursor({ offset: 2, key: ids[6]! }),
      encodeCursor({ offset: 2, key: ids[8]! }), // deleted: at its old place
    ];
    for (const filter of [{}, { persona: aria }, { roomId: "room1" }]) {
      for (const limit of [1, 2, 3, 20]) {
        let cursor: string | undefined;
        do {
          const page = await lore.page(filter, { limit, cursor });
          assert.deepEqual(
            withoutAt(page),
            withoutAt(await pagedInMemory(lore, filter, { limit, cursor })),
          );
          cursor = page.next_cursor ?? undefined;
        } while (cursor);
        for (const other of cursors) {
          assert.deepEqual(
            withoutAt(await lore.page(filter, { limit, cursor: other })),
            withoutAt(await pagedInMemory(lore, filter, { limit, cursor: other })),
          );
        }
      }
    }
    const summaries = await lore.summaries({ personaId: aria.id });
    assert.deepEqual(
      summaries.map((s) => [s.id, s.entry_count]),
      (await lore.list({ persona: aria })).map((s) => [s.id, s.book.entries.length]),
    );
  },
);

eachDatabase(
  "a page of lorebooks reads no book and costs the same at 5 books and at 50",
  async (db) => {
    // More books than the parsed-book cache holds (attack10 F3: 40 books of 4 MB past 128 MB).
    const fixture = await setupLore(db, { bytes: 1 << 30, entries: 4 });
    const log = watchStatements(db);
    const cost = async (filter: { persona?: Persona; roomId?: string }) => {
      const first = await fixture.lore.page(filter, { limit: 2 });
      log.reset();
      await fixture.lore.page(filter, { limit: 2 });
      await fixture.lore.page(filter, { limit: 2, cursor: first.next_cursor! });
      const books = log.sql.filter((sql) =>
        /\bbook\b/.test(/SELECT([\s\S]*?)\bFROM\b/i.exec(sql)?.[1] ?? "")
      );
      assert.deepEqual(books, [], "no statement reads a book's JSON");
      return log.sql.filter((sql) => /lorebook/.test(sql)).length;
    };
    await fill(fixture, 5);
    const few = await cost({});
    await fill(fixture, 45);
    assert.equal(await cost({}), few);
    assert.ok(few <= 12, `statements for two pages: ${few}`);
    // A persona's and a room's books are listed from their summaries too (no book read).
    await cost({ persona: fixture.aria });
    await cost({ roomId: "room1" });
  },
);

eachDatabase(
  "the summary migration fills description and entry count of books stored before it",
  async (db) => {
    await db.migrate([...LORE_BASE, loreMigrations[0]!]);
    await insertOldBooks(db, oldBooks('Ünïcode " \\ \u2028 é'));
    await db.migrate([...LORE_BASE, ...loreMigrations]);
    const lore = loreOn(db);
    const page = await lore.page({}, { limit: 10 });
    assert.deepEqual(
      page.items.map((view) => [view.id, view.description, view.entry_count]),
      [["old1", "First", 2], ["old2", "", 0], ["old3", 'Ünïcode " \\ \u2028 é', 1]],
    );
    assert.deepEqual(page, await pagedInMemory(lore, {}, { limit: 10 }));
  },
);

eachDatabase(
  "books past the parsed-book cache are all read, every time (parsing some evicted others)",
  async (db) => {
    const fixture = await setupLore(db, { bytes: 1 << 30, entries: 2 });
    const { lore, aria } = fixture;
    const attached = [];
    for (let i = 0; i < 5; i++) {
      const stored = await lore.create(book(i));
      await lore.attach(stored.id, { personaId: aria.id });
      attached.push(stored.id);
    }
    for (let round = 0; round < 3; round++) {
      assert.deepEqual((await lore.booksFor(aria, null)).map((b) => b.id), attached);
      assert.deepEqual((await lore.list()).map((b) => b.id).toSorted(), attached.toSorted());
    }
  },
);
