/**
 * Eviction past MAX_SAVED_STATES under overlap and ties (review20): saves that run at once at the
 * cap leave exactly the cap, every save acknowledged among them kept; a save sharing its
 * millisecond with older ones is never the one pushed out.
 */
import assert from "node:assert/strict";
import { personaMigrations } from "../personas/mod.ts";
import type { Database } from "../storage/database.ts";
import { storageMigrations } from "../storage/migrations.ts";
import { eachDatabase } from "../storage/testing/databases.ts";
import { savedSessionMigrations, SavedSessionStore } from "./saved_sessions.ts";

const state = (key: string, savedAt: string) => ({
  key,
  active_persona_id: null,
  visual_context: null,
  saved_at: savedAt,
});

async function keys(db: Database): Promise<string[]> {
  const rows = await db.all<{ key: string }>("SELECT key FROM session_states ORDER BY key");
  return rows.map((row) => row.key);
}

eachDatabase(
  "saves at the cap that overlap keep exactly the cap: the newest, all acknowledged",
  async (db) => {
    await db.migrate([...storageMigrations, ...personaMigrations, ...savedSessionMigrations]);
    const store = new SavedSessionStore(db, { maxStates: 10 });
    const at = (ms: number) => new Date(Date.UTC(2026, 0, 1) + ms).toISOString();
    for (let i = 0; i < 10; i++) await store.save(state(`old${i}`, at(i)));
    const fresh = Array.from({ length: 10 }, (_, i) => `new${i}`);
    await Promise.all(fresh.map((key, i) => store.save(state(key, at(100 + i)))));
    assert.deepEqual(await keys(db), fresh, "the ten overlapping saves, and only they, are left");
    // Once more with half the cap: the five newest old ones stay beside the five new.
    await Promise.all(
      Array.from({ length: 5 }, (_, i) => store.save(state(`late${i}`, at(200 + i)))),
    );
    assert.deepEqual(await keys(db), [
      ...Array.from({ length: 5 }, (_, i) => `late${i}`),
      ...fresh.slice(5),
    ]);
  },
);

eachDatabase(
  "a save in the same millisecond as older ones is never the one evicted",
  async (db) => {
    await db.migrate([...storageMigrations, ...personaMigrations, ...savedSessionMigrations]);
    const store = new SavedSessionStore(db, { maxStates: 2 });
    const same = "2026-01-01T00:00:01.000Z";
    await store.save(state("m", same));
    await store.save(state("z", same));
    // Newest, but first by key among the ties: one of the older two goes instead.
    await store.save(state("a", same));
    const left = await keys(db);
    assert.equal(left.length, 2);
    assert.ok(left.includes("a"), `the state just saved is kept (left: ${left})`);
  },
);
