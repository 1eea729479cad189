/**
 * The saved-state count a save reads (no COUNT(*) of the table on every save): kept by the
 * database, so it stays exact through overwrites, deletes, expiry and eviction, whichever store
 * (node) wrote, across a restart, and for rows saved before the count existed.
 */
import assert from "node:assert/strict";
import { personaMigrations } from "../personas/mod.ts";
import type { Database } from "../storage/database.ts";
import { storageMigrations } from "../storage/migrations.ts";
import { eachDatabase, onSharedPostgres } from "../storage/testing/databases.ts";
import { savedSessionMigrations, SavedSessionStore } from "./saved_sessions.ts";

let tick = 0;
const state = (key: string) => ({
  key,
  active_persona_id: null,
  visual_context: null,
  saved_at: new Date(Date.UTC(2026, 0, 1) + tick++ * 1000).toISOString(),
});

async function keys(db: Database): Promise<string[]> {
  const rows = await db.all<{ key: string }>("SELECT key FROM session_states ORDER BY key");
  return rows.map((row) => row.key);
}

/** The count a save reads (kept by triggers on PostgreSQL; SQLite counts the table). */
async function counted(db: Database): Promise<number> {
  const sql = db.dialect === "postgres"
    ? "SELECT n FROM session_state_count"
    : "SELECT COUNT(*) AS n FROM session_states";
  return Number((await db.get<{ n: number }>(sql))?.n);
}

eachDatabase(
  "the saved-state count follows overwrites, deletes, expiry and eviction",
  async (db) => {
    await db.migrate([...storageMigrations, ...personaMigrations, ...savedSessionMigrations]);
    const store = new SavedSessionStore(db, { maxStates: 4 });
    for (const key of ["a", "b", "c"]) await store.save(state(key));
    await store.save(state("a")); // an overwrite: no new row
    assert.equal(await counted(db), 3);
    assert.equal(await store.delete("b"), true);
    assert.equal(await store.delete("b"), false);
    assert.equal(await counted(db), 2);
    // Room again for two: nothing is pushed out.
    await store.save(state("d"));
    await store.save(state("e"));
    assert.deepEqual(await keys(db), ["a", "c", "d", "e"]);
    // One over: the least recently saved ("c") goes, and only it.
    await store.save(state("f"));
    assert.deepEqual(await keys(db), ["a", "d", "e", "f"]);
    assert.equal(await counted(db), 4);
    // Expiry deletes several at once.
    const cut = (await db.get<{ saved_at: string }>(
      "SELECT saved_at FROM session_states WHERE key = 'e'",
    ))!.saved_at;
    assert.equal(await store.expire(cut), 2, "a and d were saved before e");
    assert.equal(await counted(db), 2);
    await store.save(state("g"));
    await store.save(state("h"));
    assert.deepEqual(await keys(db), ["e", "f", "g", "h"]);
  },
);

eachDatabase(
  "two stores (two nodes) saving under new keys keep the table at the cap",
  async (db) => {
    await db.migrate([...storageMigrations, ...personaMigrations, ...savedSessionMigrations]);
    const a = new SavedSessionStore(db, { maxStates: 3 });
    const b = new SavedSessionStore(db, { maxStates: 3 });
    await a.save(state("a1"));
    await b.save(state("b1"));
    await b.save(state("b2"));
    await a.save(state("a2")); // a saw one row of its own: the count is the table's
    assert.deepEqual(await keys(db), ["a2", "b1", "b2"]);
    // A store created later (a restart) reads the same count.
    await new SavedSessionStore(db, { maxStates: 3 }).save(state("c1"));
    assert.deepEqual(await keys(db), ["a2", "b2", "c1"]);
  },
);

/** A save as the code before the count made it (a plain insert). */
async function insertOld(db: Database, key: string): Promise<void> {
  await db.run(
    "INSERT INTO session_states (key, active_persona_id, visual_context, saved_at) VALUES (?, NULL, NULL, ?)",
    key,
    state(key).saved_at,
  );
}

eachDatabase("states saved before the count existed are counted", async (db) => {
  const before = savedSessionMigrations.filter((m) => m.name !== "session_states_3");
  await db.migrate([...storageMigrations, ...personaMigrations, ...before]);
  for (const key of ["a", "b", "c"]) await insertOld(db, key);
  await db.migrate([...storageMigrations, ...personaMigrations, ...savedSessionMigrations]);
  assert.equal(await counted(db), 3);
  await new SavedSessionStore(db, { maxStates: 3 }).save(state("d"));
  assert.deepEqual(await keys(db), ["b", "c", "d"]);
});

onSharedPostgres(
  "a save from another node while the count is made is counted (the table is locked first)",
  async (migrating, other) => {
    const before = savedSessionMigrations.filter((m) => m.name !== "session_states_3");
    await migrating.migrate([...storageMigrations, ...personaMigrations, ...before]);
    for (const key of ["a", "b"]) await insertOld(other, key);
    // A node still on the old code saves in a transaction that commits only once the
    // migration waits on it: before the fix the migration counted without the row (not yet
    // committed), then its CREATE TRIGGER waited, and the row was never counted.
    let release!: () => void;
    const held = new Promise<void>((resolve) => release = resolve);
    let inserted!: () => void;
    const didInsert = new Promise<void>((resolve) => inserted = resolve);
    const saving = other.transaction(async () => {
      await insertOld(other, "old-node");
      inserted();
      await held;
    });
    await didInsert;
    const migrated = migrating.migrate([
      ...storageMigrations,
      ...personaMigrations,
      ...savedSessionMigrations,
    ]);
    const waitingOnLock = async () =>
      Number(
        (await migrating.get<{ n: number }>(
          "SELECT COUNT(*) AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock'",
        ))?.n,
      ) > 0;
    while (!(await waitingOnLock())) await new Promise((resolve) => setTimeout(resolve, 20));
    release();
    await saving;
    await migrated;
    assert.deepEqual(await keys(migrating), ["a", "b", "old-node"]);
    assert.equal(await counted(migrating), 3);
  },
);
