/**
 * The books in play are read once per update: chats read them on every message and a book may be
 * megabytes of JSON. A chat reads the attached books' ids and update times, and only the books
 * it has not parsed at that time; an update (on this node or another) is seen by the next chat.
 * At most `LORE_MAX_BOOKS` books are in play per reply: the rest are not read.
 */
import assert from "node:assert/strict";
import { ManualClock } from "../clock.ts";
import type { Persona } from "../personas/mod.ts";
import { personaMigrations } from "../personas/mod.ts";
import { roomMigrations } from "../rooms/mod.ts";
import { CHANGE_CHECK_MS, type Database, storageMigrations } from "../storage/mod.ts";
import { eachDatabase, onSharedPostgres } from "../storage/testing/databases.ts";
import { LORE_DEFAULTS, LORE_MAX_BOOKS, parseLorebook } from "./mod.ts";
import { LorebookRepository, loreMigrations } from "./repository.ts";
import { LoreService } from "./service.ts";

/** `db`, counting the statements that read the `book` column (a book's whole JSON). */
function counting(db: Database): { db: Database; bookReads: () => number; ids: string[] } {
  let reads = 0;
  const ids: string[] = [];
  const proxy = new Proxy(db, {
    get(target, property) {
      const value = Reflect.get(target, property, target);
      if (property !== "all" && property !== "get") {
        return typeof value === "function" ? value.bind(target) : value;
      }
      return (sql: string, ...params: unknown[]) => {
        const select = /^\s*SELECT([\s\S]*?)\bFROM\b/i.exec(sql)?.[1] ?? "";
        if (/\bbook\b/.test(select)) {
          reads++;
          ids.push(...params.filter((p): p is string => typeof p === "string"));
        }
        return (value as (...args: unknown[]) => unknown).call(target, sql, ...params);
      };
    },
  });
  return { db: proxy, bookReads: () => reads, ids };
}

async function open(db: Database, clock = new ManualClock()) {
  await db.migrate([
    ...storageMigrations,
    ...personaMigrations,
    ...roomMigrations,
    ...loreMigrations,
  ]);
  const count = counting(db);
  const repository = new LorebookRepository(count.db);
  const service = new LoreService({ repository, clock, defaults: LORE_DEFAULTS });
  return { ...count, repository, service };
}

async function persona(db: Database, id: string): Promise<Persona> {
  const now = new Date(0).toISOString();
  await db.run(
    "INSERT INTO personas (id, name, personality_traits, created_at, updated_at) VALUES (?, ?, ?, ?, ?)",
    id,
    id,
    "{}",
    now,
    now,
  );
  return { id } as Persona;
}

const book = (name: string) =>
  parseLorebook({ name, entries: [{ keys: ["dragon"], content: `${name} lore` }] });

eachDatabase("a second chat does not read or parse unchanged books again", async (db) => {
  const { service, bookReads } = await open(db);
  const kira = await persona(db, "kira");
  const ids = [];
  for (const name of ["one", "two", "three"]) {
    const created = await service.create(book(name));
    await service.attach(created.id, { personaId: kira.id });
    ids.push(created.id);
  }
  const first = await service.booksFor(kira, null);
  assert.deepEqual(first.map((b) => b.id), ids);
  const before = bookReads();
  const second = await service.booksFor(kira, null);
  assert.equal(bookReads(), before, "no book read again");
  assert.deepEqual(second.map((b) => b.id), ids);
  first.forEach((b, i) => assert.equal(second[i]!.book, b.book, "the parsed book is reused"));
});

eachDatabase("an update of a book is seen by the next chat; a deleted one is gone", async (db) => {
  const { service } = await open(db);
  const kira = await persona(db, "kira");
  const one = await service.create(book("one"));
  const two = await service.create(book("two"));
  await service.attach(one.id, { personaId: kira.id });
  await service.attach(two.id, { personaId: kira.id });
  await service.booksFor(kira, null);
  // The clock stands still: the update time is still later.
  await service.update(one.id, { fields: { description: "changed" } });
  const after = await service.booksFor(kira, null);
  assert.equal(after[0]!.book.description, "changed");
  await service.delete(two.id);
  assert.deepEqual((await service.booksFor(kira, null)).map((b) => b.id), [one.id]);
});

eachDatabase(
  "at most LORE_MAX_BOOKS books are in play per reply; the rest are not read",
  async (db) => {
    const { service, ids } = await open(db);
    const kira = await persona(db, "kira");
    const attached: string[] = [];
    for (let i = 0; i < LORE_MAX_BOOKS + 3; i++) {
      const created = await service.create(book(`b${i}`));
      await service.attach(created.id, { personaId: kira.id });
      attached.push(created.id);
    }
    ids.length = 0;
    const books = await service.booksFor(kira, null);
    assert.deepEqual(books.map((b) => b.id), attached.slice(0, LORE_MAX_BOOKS));
    assert.ok(attached.slice(LORE_MAX_BOOKS).every((id) => !ids.includes(id)), "never read");
  },
);

onSharedPostgres(
  "two nodes sharing PostgreSQL: a book updated on one is seen by the other's next chat",
  async (first, second) => {
    const one = await open(first);
    const two = await open(second);
    const kira = await persona(first, "kira");
    const created = await one.service.create(book("one"));
    await one.service.attach(created.id, { personaId: kira.id });
    assert.equal((await two.service.booksFor(kira, null))[0]!.book.description, undefined);
    const reads = two.bookReads();
    await two.service.booksFor(kira, null);
    assert.equal(two.bookReads(), reads, "node two holds the book");
    await one.service.update(created.id, { fields: { description: "changed" } });
    // Another node's commit is seen within CHANGE_CHECK_MS (usually at once, through NOTIFY; the
    // notice may still be on its way when the next read comes).
    await new Promise((resolve) => setTimeout(resolve, CHANGE_CHECK_MS.postgres + 20));
    assert.equal((await two.service.booksFor(kira, null))[0]!.book.description, "changed");
  },
);
