/**
 * History appends asked for in one turn of the event loop share one transaction (one commit),
 * each caller still learning its own outcome; an append inside a caller's transaction is
 * written in it.
 */
import assert from "node:assert/strict";
import { ManualClock } from "../clock.ts";
import { PersonaNotFound } from "../errors.ts";
import { personaMigrations, PersonaRepository, PersonaService } from "../personas/mod.ts";
import { PersonaCreate } from "../personas/schema.ts";
import type { Database } from "../storage/database.ts";
import { storageMigrations } from "../storage/mod.ts";
import { eachDatabase } from "../storage/testing/databases.ts";
import { historyMigrations, HistoryRepository, type StoredMessage } from "./history.ts";
import { storedExchange } from "./testing/stored_exchange.ts";

function message(personaId: string, i: number): StoredMessage {
  const createdAt = new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString();
  return storedExchange(i, { personaId, createdAt });
}

/** A migrated database with one persona, and how many transactions were opened on it. */
async function setUp(db: Database) {
  await db.migrate([...storageMigrations, ...personaMigrations, ...historyMigrations]);
  const personas = new PersonaService(new PersonaRepository(db), new ManualClock());
  const ann = await personas.create(PersonaCreate.parse({ name: "Ann" }));
  const counted = { transactions: 0 };
  const transaction = db.transaction.bind(db);
  db.transaction = (work) => {
    counted.transactions++;
    return transaction(work);
  };
  return { ann, counted };
}

eachDatabase("history: appends of one turn share one transaction, in order", async (db) => {
  const { ann, counted } = await setUp(db);
  const history = new HistoryRepository(db);
  await Promise.all([0, 1, 2].map((i) => history.append(message(ann.id, i))));
  assert.equal(counted.transactions, 1);
  const page = await history.page({ personaId: ann.id }, { limit: 10 });
  assert.deepEqual(page.messages.map((m) => m.id), ["m2", "m1", "m0"]);
  // A lone append is written alone (no transaction around one statement).
  await history.append(message(ann.id, 3));
  assert.equal(counted.transactions, 1);
  assert.equal((await history.page({ personaId: ann.id }, { limit: 10 })).messages.length, 4);
});

eachDatabase("history: one failed append of a batch fails alone", async (db) => {
  const { ann } = await setUp(db);
  const history = new HistoryRepository(db);
  const outcomes = await Promise.allSettled([
    history.append(message(ann.id, 0)),
    history.append(message("gone", 1)),
    history.append(message(ann.id, 2)),
  ]);
  assert.deepEqual(outcomes.map((outcome) => outcome.status), [
    "fulfilled",
    "rejected",
    "fulfilled",
  ]);
  assert.ok((outcomes[1] as PromiseRejectedResult).reason instanceof PersonaNotFound);
  const page = await history.page({ personaId: ann.id }, { limit: 10 });
  assert.deepEqual(page.messages.map((m) => m.id), ["m2", "m0"]);
});

eachDatabase("history: an append inside a transaction is written in it", async (db) => {
  const { ann } = await setUp(db);
  const history = new HistoryRepository(db);
  await assert.rejects(
    db.transaction(async () => {
      await history.append(message(ann.id, 0));
      assert.equal((await history.page({ personaId: ann.id }, { limit: 10 })).messages.length, 1);
      throw new Error("roll back");
    }),
    /roll back/,
  );
  assert.equal((await history.page({ personaId: ann.id }, { limit: 10 })).messages.length, 0);
});
