/**
 * `lorebook.list` (all books, paged in SQL) when the book a cursor names is deleted before the
 * next page: every other book is listed once (attack11 F5: 12 books, limit 3, deleting each
 * page's last left b3 and b7 out).
 */
import assert from "node:assert/strict";
import { ManualClock } from "../clock.ts";
import { personaMigrations } from "../personas/mod.ts";
import { roomMigrations } from "../rooms/repository.ts";
import { storageMigrations } from "../storage/mod.ts";
import { eachDatabase } from "../storage/testing/databases.ts";
import { LORE_DEFAULTS } from "./activation_types.ts";
import { parseLorebook } from "./book.ts";
import { loreMigrations } from "./migrations.ts";
import { LorebookRepository } from "./repository.ts";
import { LoreService } from "./service.ts";

eachDatabase("deleting the book a cursor names leaves no other book out", async (db) => {
  await db.migrate([
    ...storageMigrations,
    ...personaMigrations,
    ...roomMigrations,
    ...loreMigrations,
  ]);
  const clock = new ManualClock();
  const lore = new LoreService({
    repository: new LorebookRepository(db),
    clock,
    defaults: LORE_DEFAULTS,
  });
  for (let i = 0; i < 12; i++) {
    clock.advance(1000);
    await lore.create(parseLorebook({ name: `b${i}`, entries: [{ keys: ["k"], content: "c" }] }));
  }
  const seen: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await lore.page({}, { limit: 3, cursor });
    seen.push(...page.items.map((view) => view.name));
    cursor = page.next_cursor ?? undefined;
    if (cursor) await lore.delete(page.items.at(-1)!.id);
  } while (cursor);
  assert.deepEqual(seen, Array.from({ length: 12 }, (_, i) => `b${i}`));
});
