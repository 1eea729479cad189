/**
 * Pins the history's group commit: messages appended in one turn of the event loop share one
 * transaction, each caller still learns its own outcome (a deleted persona's message fails alone),
 * and an append inside a caller's transaction stays in it (rolled back with it), never joining
 * a group waiting outside.
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

function message(personaId: string, id: string): StoredMessage {
  return {
    id,
    persona_id: personaId,
    session_id: "s",
    room_id: null,
    sender: "user",
    content: `hello ${id}`,
    response: `hi ${id}`,
    model: "m",
    prompt_tokens: 1,
    completion_tokens: 1,
    response_time_ms: 1,
    created_at: new Date(Date.UTC(2026, 0, 1)).toISOString(),
    kind: "exchange",
    greeting_index: null,
  };
}

/** `db` counting the transactions begun through it. */
function counting(db: Database): { db: Database; transactions: () => number } {
  let transactions = 0;
  const counted = new Proxy(db, {
    get(target, key) {
      const value = Reflect.get(target, key, target);
      if (key === "transaction") {
        return (work: () => Promise<unknown>) => {
          if (!target.inTransaction) transactions++;
          return target.transaction(work);
        };
      }
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
  return { db: counted, transactions: () => transactions };
}

async function setUp(db: Database) {
  await db.migrate([...storageMigrations, ...personaMigrations, ...historyMigrations]);
  const personas = new PersonaService(new PersonaRepository(db), new ManualClock());
  const ann = await personas.create(PersonaCreate.parse({ name: "Ann" }));
  return { personas, ann };
}

eachDatabase("history: appends of one turn share one transaction", async (raw) => {
  const { ann } = await setUp(raw);
  const { db, transactions } = counting(raw);
  const history = new HistoryRepository(db);
  await Promise.all(["a", "b", "c"].map((id) => history.append(message(ann.id, id))));
  assert.equal(transactions(), 1);
  const { messages } = await history.page({ personaId: ann.id }, { limit: 10 });
  assert.deepEqual(messages.map((m) => m.id).sort(), ["a", "b", "c"]);
  // One at a time, each is its own write, in no transaction.
  await history.append(message(ann.id, "d"));
  assert.equal(transactions(), 1);
});

eachDatabase("history: a deleted persona's append fails alone in a shared turn", async (db) => {
  const { personas, ann } = await setUp(db);
  const bob = await personas.create(PersonaCreate.parse({ name: "Bob" }));
  await personas.delete(bob.id);
  const history = new HistoryRepository(db);
  const outcomes = await Promise.allSettled([
    history.append(message(ann.id, "a")),
    history.append(message(bob.id, "b")),
    history.append(message(ann.id, "c")),
  ]);
  assert.deepEqual(outcomes.map((o) => o.status), ["fulfilled", "rejected", "fulfilled"]);
  assert.ok((outcomes[1] as PromiseRejectedResult).reason instanceof PersonaNotFound);
  const { messages } = await history.page({ personaId: ann.id }, { limit: 10 });
  assert.deepEqual(messages.map((m) => m.id).sort(), ["a", "c"]);
});

/** `work`, or a failure after `ms` (a deadlock would otherwise hang the test run). */
async function within<T>(ms: number, work: Promise<T>): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const stuck = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`deadlocked: not done in ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([work, stuck]);
  } finally {
    clearTimeout(timer);
  }
}

eachDatabase("history: an append in a caller's transaction stays in it", async (db) => {
  const { ann } = await setUp(db);
  const history = new HistoryRepository(db);
  const ids = async () =>
    (await history.page({ personaId: ann.id }, { limit: 10 })).messages.map((m) => m.id);
  // A turn's group is open (an append outside any transaction) when the caller's comes: the
  // caller's must not join it (the group would wait for the caller's transaction, which waits
  // for its append).
  const outside = history.append(message(ann.id, "out"));
  await within(
    10_000,
    assert.rejects(
      db.transaction(async () => {
        await history.append(message(ann.id, "in"));
        assert.ok((await ids()).includes("in"));
        throw new Error("undo");
      }),
      /undo/,
    ),
  );
  await outside;
  assert.deepEqual(await ids(), ["out"]);
});
