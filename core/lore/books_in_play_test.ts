/**
 * The books in play (`LoreService.booksFor`) are kept between chats: each write path shows in
 * the very next read. Every test reads first (so the value is kept), writes through one path,
 * and reads again; another process's or node's write shows once the change stamp is checked.
 */
import assert from "node:assert/strict";
import { testConfig, testLogger } from "../../tests/_helpers.ts";
import { ManualClock } from "../clock.ts";
import { PersonaCreate } from "../personas/mod.ts";
import { createServices } from "../services.ts";
import { CHANGE_CHECK_MS, type Database } from "../storage/mod.ts";
import { eachDatabase, eachSharedDatabase } from "../storage/testing/databases.ts";
import type { Lorebook } from "./book.ts";
import type { LoreService } from "./service.ts";
import { loreEntry, loreOn, setupLore } from "./testing/fixtures.ts";

/** A book named `name` with one constant entry whose content is `content`. */
const book = (name: string, content = name): Lorebook => ({
  name,
  entries: [loreEntry([], content, true)],
  extensions: {},
});

/** What `booksFor` answers for `personaId` (and `roomId`): each book's name and first entry. */
async function inPlay(lore: LoreService, personaId: string, roomId: string | null = null) {
  const persona = { id: personaId, name: "Aria" } as never;
  return (await lore.booksFor(persona, roomId)).map((b) =>
    `${b.name}:${b.book.entries[0]?.content ?? ""}`
  );
}

eachDatabase("books in play: create and import attached, update, delete", async (db) => {
  const { lore, aria } = await setupLore(db);
  assert.deepEqual(await inPlay(lore, aria.id), []);
  const one = await lore.createAttached(book("One"), { personaId: aria.id });
  assert.deepEqual(await inPlay(lore, aria.id), ["One:One"], "created attached");
  await lore.import(book("Two"), { target: { personaId: aria.id } });
  assert.deepEqual(await inPlay(lore, aria.id), ["One:One", "Two:Two"], "imported");
  await lore.update(one.id, { name: "Uno" });
  assert.deepEqual(await inPlay(lore, aria.id), ["Uno:One", "Two:Two"], "renamed");
  await lore.update(one.id, { fields: { entries: [loreEntry([], "first", true)] } });
  assert.deepEqual(await inPlay(lore, aria.id), ["Uno:first", "Two:Two"], "entries changed");
  await lore.update(one.id, { book: book("Ein", "erste") });
  assert.deepEqual(await inPlay(lore, aria.id), ["Ein:erste", "Two:Two"], "book replaced");
  await lore.delete(one.id);
  assert.deepEqual(await inPlay(lore, aria.id), ["Two:Two"], "deleted");
});

eachDatabase("books in play: attach and detach, to a persona and to a room", async (db) => {
  const { lore, aria } = await setupLore(db);
  const shared = await lore.create(book("Shared"));
  assert.deepEqual(await inPlay(lore, aria.id, "room1"), []);
  await lore.attach(shared.id, { roomId: "room1" });
  assert.deepEqual(await inPlay(lore, aria.id, "room1"), ["Shared:Shared"], "attached to the room");
  await lore.detach(shared.id, { roomId: "room1" });
  assert.deepEqual(await inPlay(lore, aria.id, "room1"), [], "detached from the room");
  await lore.attach(shared.id, { personaId: aria.id });
  assert.deepEqual(await inPlay(lore, aria.id), ["Shared:Shared"], "attached to the persona");
  await lore.detach(shared.id, { personaId: aria.id });
  assert.deepEqual(await inPlay(lore, aria.id), [], "detached from the persona");
});

eachDatabase("books in play: a card's own book set, changed and removed", async (db) => {
  const { lore, aria } = await setupLore(db);
  assert.deepEqual(await inPlay(lore, aria.id), []);
  await lore.setOwnBook(aria, book("Card"));
  assert.deepEqual(await inPlay(lore, aria.id), ["Card:Card"], "set");
  await lore.setOwnBook(aria, book("Card", "changed"));
  assert.deepEqual(await inPlay(lore, aria.id), ["Card:changed"], "changed");
  await lore.setOwnBook(aria, undefined);
  assert.deepEqual(await inPlay(lore, aria.id), [], "removed");
});

Deno.test("a persona deleted: its card's book leaves others' books in play, its state and blocks the kept", async () => {
  const dataDir = await Deno.makeTempDir({ prefix: "persona-in-play-" });
  // The server's services: the persona's delete hook is wired there (core/services.ts).
  const services = await createServices(testConfig({ DATA_DIR: dataDir }), {
    log: testLogger(),
    clock: new ManualClock(),
  });
  try {
    const { personas, lore } = services;
    const owner = await personas.create(PersonaCreate.parse({ name: "Owner" }));
    const other = await personas.create(PersonaCreate.parse({ name: "Other" }));
    const card = await lore.setOwnBook(owner, book("Card"));
    await lore.attach(card!.id, { personaId: other.id });
    assert.deepEqual(await inPlay(lore, other.id), ["Card:Card"]);
    // The owner's emotional state, kept, goes with it too (its row cascades away).
    await services.emotions.talk(owner, { role: "speaker", quality: 0.5, interest: 0.5 });
    const talked = (await services.emotions.statuses([owner]))[0]!.state;
    await services.blocks.set(owner, { label: "persona", content: "I own a card." });
    assert.equal((await services.blocks.list(owner)).length, 1);
    await personas.delete(owner.id);
    assert.deepEqual(await services.blocks.list(owner), [], "the blocks' cascade is seen");
    assert.deepEqual(await inPlay(lore, other.id), [], "the cascade's delete is seen");
    const rest = (await services.emotions.statuses([owner]))[0]!.state;
    assert.notDeepEqual(rest, talked, "the state's cascade is seen");
  } finally {
    await services.quiet.drain();
    await services.memory.close();
    await services.db.close();
    await Deno.remove(dataDir, { recursive: true });
  }
});

eachDatabase("books in play: read once while nothing is written", async (db) => {
  const { lore, aria } = await setupLore(db);
  await lore.createAttached(book("One"), { personaId: aria.id });
  let reads = 0;
  const counted = new Proxy(db, {
    get(target, key) {
      const value = Reflect.get(target, key, target);
      if (key !== "all" && key !== "get") {
        return typeof value === "function" ? value.bind(target) : value;
      }
      return (...args: unknown[]) => {
        if (!String(args[0]).includes("data_version") && !String(args[0]).includes("change")) {
          reads++;
        }
        return value.apply(target, args);
      };
    },
  });
  const kept = loreOn(counted);
  assert.deepEqual(await inPlay(kept, aria.id), ["One:One"]);
  const first = reads;
  assert.ok(first > 0);
  assert.deepEqual(await inPlay(kept, aria.id), ["One:One"]);
  assert.equal(reads, first, "the second read is the kept one");
});

eachSharedDatabase(
  "books in play: another process's write is seen once the stamp is checked",
  async (first, second) => {
    const { lore, aria } = await setupLore(first);
    const elsewhere = loreOn(second);
    assert.deepEqual(await inPlay(lore, aria.id), []);
    const made = await elsewhere.createAttached(book("Far"), { personaId: aria.id });
    await settle(first);
    assert.deepEqual(await inPlay(lore, aria.id), ["Far:Far"], "created there");
    await elsewhere.update(made.id, { name: "Farther" });
    await settle(first);
    assert.deepEqual(await inPlay(lore, aria.id), ["Farther:Far"], "updated there");
    await elsewhere.delete(made.id);
    await settle(first);
    assert.deepEqual(await inPlay(lore, aria.id), [], "deleted there");
  },
);

/** Waits until `db`'s stamp is due for a check (or its NOTIFY has arrived, on PostgreSQL). */
function settle(db: Database): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, CHANGE_CHECK_MS[db.dialect] + 20));
}
