/**
 * SillyTavern's timed effects kept per chat between replies (attack22 F2), on SQLite and
 * PostgreSQL: sticky and cooldown over a sequence of chat messages, one chat's effects apart from
 * another's, a room's chat, the rows bounded and gone with their persona.
 */
import assert from "node:assert/strict";
import type { Database } from "../storage/database.ts";
import { eachDatabase } from "../storage/testing/databases.ts";
import type { LoreSource } from "./activation_types.ts";
import type { LoreEntry } from "./book.ts";
import { loreMigrations } from "./migrations.ts";
import { addAriaAndTavern, LORE_BASE, loreOn } from "./testing/fixtures.ts";
import type { LoreService } from "./service.ts";
import { type LoreChat, TimedEffectStore } from "./timed_store.ts";

function source(extensions: Record<string, unknown>): LoreSource {
  const entry: LoreEntry = {
    keys: ["weather"],
    content: "It rains.",
    extensions,
    enabled: true,
    insertion_order: 100,
    use_regex: false,
  };
  return { id: "lore_1", name: "Book", book: { extensions: {}, entries: [entry] } };
}

/** Whether the entry fires at each chat length, the chat's effects kept in the database. */
async function turns(
  lore: LoreService,
  chat: LoreChat,
  steps: Array<{ length: number; text: string }>,
  book: LoreSource,
): Promise<boolean[]> {
  const fired: boolean[] = [];
  for (const { length, text } of steps) {
    const activation = await lore.activate({
      books: [book],
      messages: [{ name: "", text }],
      chat: { id: chat, length: () => Promise.resolve(length) },
    });
    fired.push(activation.fired.length === 1);
  }
  return fired;
}

async function rows(db: Database): Promise<number> {
  return (await db.get<{ n: number }>("SELECT COUNT(*) AS n FROM lore_timed_effects"))!.n;
}

eachDatabase("sticky and cooldown over a chat's messages are kept between replies", async (db) => {
  await db.migrate([...LORE_BASE, ...loreMigrations]);
  const aria = await addAriaAndTavern(db);
  const lore = loreOn(db);
  // In the database the book's id must exist for nothing: effects name it, no key references it.
  const timed = source({ sticky: 3, cooldown: 2, delay: 2 });
  const chat = { personaId: aria.id, sessionId: "s1" };
  // Every message mentions the key: 1 delay; 2 fires; 3, 4 sticky; 5, 6 cooldown; 7 fires.
  const always = [1, 2, 3, 4, 5, 6, 7].map((length) => ({ length, text: "the weather?" }));
  assert.deepEqual(await turns(lore, chat, always, timed), [
    false,
    true,
    true,
    true,
    false,
    false,
    true,
  ]);
  // Sticky 5 from length 1: fires with no key in the chat while under 6; another session of the
  // same persona has no effect.
  const quiet = source({ sticky: 5 });
  const other = { personaId: aria.id, sessionId: "s2" };
  assert.deepEqual(
    await turns(lore, other, [
      { length: 1, text: "the weather?" },
      { length: 3, text: "nothing" },
      { length: 5, text: "nothing" },
      { length: 7, text: "nothing" },
    ], quiet),
    [true, true, true, false],
  );
  const s3 = { personaId: aria.id, sessionId: "s3" };
  assert.deepEqual(await turns(lore, s3, [{ length: 3, text: "nothing" }], quiet), [false]);
  // A room is one chat for every speaker.
  const room = { roomId: "room1" };
  assert.deepEqual(
    await turns(lore, room, [
      { length: 1, text: "the weather?" },
      { length: 2, text: "nothing" },
    ], quiet),
    [true, true],
  );
  assert.ok(await rows(db) >= 2);
  // A persona's delete takes its chats' effects.
  await db.run("DELETE FROM personas WHERE id = ?", aria.id);
  const left = await db.all<{ room_id: string | null }>("SELECT room_id FROM lore_timed_effects");
  assert.deepEqual(left.map((row) => row.room_id), ["room1"]);
});

eachDatabase("the chats kept are bounded: the least recently written go first", async (db) => {
  await db.migrate([...LORE_BASE, ...loreMigrations]);
  const aria = await addAriaAndTavern(db);
  const store = new TimedEffectStore(db, { maxChats: 2, trimEvery: 1 });
  const effect = {
    book: "b",
    entry: "index:0",
    kind: "sticky" as const,
    start: 1,
    end: 9,
    hash: "h",
  };
  for (const [i, session] of ["a", "b", "c", "d"].entries()) {
    await store.write({ personaId: aria.id, sessionId: session }, [effect], `2026-01-0${i + 1}`);
  }
  assert.equal(await rows(db), 2);
  assert.deepEqual(await store.read({ personaId: aria.id, sessionId: "a" }), []);
  assert.deepEqual(await store.read({ personaId: aria.id, sessionId: "d" }), [effect]);
  // No effect left: the row goes. A persona unknown: nothing is written, nothing fails.
  await store.write({ personaId: aria.id, sessionId: "d" }, [], "2026-01-09");
  await store.write({ personaId: "nobody", sessionId: "x" }, [effect], "2026-01-09");
  assert.equal(await rows(db), 1);
  // A row of another shape reads as no effect.
  await db.run("UPDATE lore_timed_effects SET effects = ?", "{not json");
  assert.deepEqual(await store.read({ personaId: aria.id, sessionId: "c" }), []);
});
