/**
 * `lorebook.list` of a persona's or a room's books (paged in memory, in attachment order, the
 * card's own book first): whatever is deleted or detached between pages (the book a cursor
 * names, the one after it, books before it), the next page starts right after the named book's
 * place, so no surviving book is skipped or sent twice. On each database.
 */
import assert from "node:assert/strict";
import { decodeCursor } from "../paging.ts";
import { SeededRandom } from "../simulation/random.ts";
import { eachDatabase } from "../storage/testing/databases.ts";
import { parseLorebook } from "./book.ts";
import type { LoreTarget } from "./stored.ts";
import { setupLore } from "./testing/fixtures.ts";

const entries = [{ keys: ["k"], content: "c" }];

eachDatabase(
  "random deletions and detachments between pages of a persona's or a room's books skip no survivor",
  async (db) => {
    const { lore, aria } = await setupLore(db);
    const targets: Array<[string, LoreTarget, { persona?: typeof aria; roomId?: string }]> = [
      ["persona", { personaId: aria.id }, { persona: aria }],
      ["room", { roomId: "room1" }, { roomId: "room1" }],
    ];
    for (let seed = 1; seed <= 24; seed++) {
      const rng = new SeededRandom(seed);
      const next = () => rng.next();
      const [label, target, filter] = targets[seed % 2]!;
      if ("personaId" in target) {
        await lore.setOwnBook(aria, parseLorebook({ name: "own", entries }));
      }
      for (let i = 0; i < 16; i++) {
        const stored = await lore.create(parseLorebook({ name: `b${i}`, entries }));
        await lore.attach(stored.id, target);
      }
      const all = (await lore.list(filter)).map((book) => book.id);
      const gone = new Set<string>();
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await lore.page(filter, { limit: 1 + Math.floor(next() * 4), cursor });
        seen.push(...page.items.map((view) => view.id));
        cursor = page.next_cursor ?? undefined;
        if (!cursor) break;
        // Often the named book and the one after it go; else, and also, some at random.
        const { key, next: after } = decodeCursor(cursor);
        const going = new Set<string>();
        if (next() < 0.6) { for (const id of [key, after]) if (id) going.add(id); }
        for (const id of all) if (!gone.has(id) && next() < 0.15) going.add(id);
        for (const id of going) {
          if (gone.has(id)) continue;
          gone.add(id);
          // Half deleted, half only detached (the card's own book is deleted).
          const own = (await lore.ownBook(aria.id))?.id === id;
          if (own || next() < 0.5) await lore.delete(id);
          else await lore.detach(id, target);
        }
      } while (cursor);
      assert.equal(new Set(seen).size, seen.length, `${label} seed ${seed}: a book came twice`);
      const survivors = all.filter((id) => !gone.has(id));
      assert.deepEqual(seen.filter((id) => !gone.has(id)), survivors, `${label} seed ${seed}`);
      for (const book of await lore.list()) await lore.delete(book.id);
    }
  },
);
