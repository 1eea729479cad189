/**
 * Pins `has_more` of history paging at its edge: a page that ends exactly at the last message
 * says nothing follows; one message more and it says more follow.
 */
import assert from "node:assert/strict";
import { ManualClock } from "../clock.ts";
import { personaMigrations, PersonaRepository, PersonaService } from "../personas/mod.ts";
import { PersonaCreate } from "../personas/schema.ts";
import { storageMigrations } from "../storage/mod.ts";
import { eachDatabase } from "../storage/testing/databases.ts";
import { historyMigrations, HistoryRepository, type StoredMessage } from "./history.ts";
import { storedExchange } from "./testing/stored_exchange.ts";

function message(personaId: string, i: number): StoredMessage {
  const createdAt = new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString();
  return storedExchange(i, { personaId, createdAt });
}

eachDatabase("history: has_more is false on a page that ends at the last message", async (db) => {
  await db.migrate([...storageMigrations, ...personaMigrations, ...historyMigrations]);
  const personas = new PersonaService(new PersonaRepository(db), new ManualClock());
  const ann = await personas.create(PersonaCreate.parse({ name: "Ann" }));
  const history = new HistoryRepository(db);
  for (let i = 0; i < 3; i++) await history.append(message(ann.id, i));
  const filter = { personaId: ann.id };
  const exact = await history.page(filter, { limit: 3 });
  assert.deepEqual([exact.messages.length, exact.has_more], [3, false]);
  const short = await history.page(filter, { limit: 2 });
  assert.deepEqual(short.messages.map((m) => m.id), ["m2", "m1"]);
  assert.equal(short.has_more, true);
  const rest = await history.page(filter, { limit: 1, beforeId: "m1" });
  assert.deepEqual([rest.messages.map((m) => m.id), rest.has_more], [["m0"], false]);
});

eachDatabase("history: roomId null means outside rooms; recent() is oldest first", async (db) => {
  await db.migrate([...storageMigrations, ...personaMigrations, ...historyMigrations]);
  const personas = new PersonaService(new PersonaRepository(db), new ManualClock());
  const ann = await personas.create(PersonaCreate.parse({ name: "Ann" }));
  const history = new HistoryRepository(db);
  await history.append(message(ann.id, 0));
  await history.append({ ...message(ann.id, 1), room_id: "r" });
  await history.append(message(ann.id, 2));
  const ids = async (roomId: string | null) =>
    (await history.page({ personaId: ann.id, sessionId: "s", roomId }, { limit: 10 })).messages
      .map((m) => m.id);
  assert.deepEqual(await ids(null), ["m2", "m0"]);
  assert.deepEqual(await ids("r"), ["m1"]);
  const recent = await history.recent({ personaId: ann.id }, 3);
  assert.deepEqual(recent.map((m) => m.id), ["m0", "m1", "m2"]);
  assert.deepEqual((await history.recent({ personaId: ann.id }, 2)).map((m) => m.id), ["m1", "m2"]);
});
