/**
 * A shared session's message and request counters (the `sessions` table, SQLite and PostgreSQL)
 * stop at COUNT_MAX: a counter one below it, moved by more than one, reads COUNT_MAX, and stays
 * there however many more requests come (before, it grew by one per event without bound). A
 * counter written above it before this bound reads back as COUNT_MAX.
 */
import assert from "node:assert/strict";
import { COUNT_MAX } from "../numbers.ts";
import { personaMigrations } from "../personas/mod.ts";
import { storageMigrations } from "../storage/mod.ts";
import { eachDatabase } from "../storage/testing/databases.ts";
import { sharedSessionMigrations, SharedSessionStore } from "./shared_sessions.ts";
import type { SharedState } from "./shared_state.ts";

eachDatabase("shared session counters stop at COUNT_MAX and stay readable", async (db) => {
  await db.migrate([...storageMigrations, ...personaMigrations, ...sharedSessionMigrations]);
  const store = new SharedSessionStore(db);
  const state: SharedState = {
    id: "s1",
    kind: "rest",
    active_persona_id: null,
    visual_context: null,
    protocol: null,
    message_count: COUNT_MAX - 1,
    request_count: COUNT_MAX - 2,
    connected_at: 1,
    last_seen: 1,
  };
  await store.create(state);
  const counts = async () => {
    const loaded = (await store.load("s1", "rest"))!;
    return [loaded.message_count, loaded.request_count];
  };
  assert.deepEqual(await counts(), [COUNT_MAX - 1, COUNT_MAX - 2]);
  // Counters only (one statement) and with a field changed (the other): both stop at the max.
  assert.ok(await store.update("s1", { fields: {}, messages: 3, requests: 1 }, 2));
  assert.deepEqual(await counts(), [COUNT_MAX, COUNT_MAX - 1]);
  for (let i = 0; i < 3; i++) {
    assert.ok(
      await store.update("s1", { fields: { protocol: { i } }, messages: 1, requests: 1 }, 2),
    );
  }
  assert.deepEqual(await counts(), [COUNT_MAX, COUNT_MAX]);
  assert.ok(await store.update("s1", { fields: {}, messages: 2 * COUNT_MAX, requests: 5 }, 2));
  const stored = await db.get<{ m: number | string; r: number | string }>(
    "SELECT message_count AS m, request_count AS r FROM sessions WHERE id = ?",
    "s1",
  );
  assert.deepEqual([Number(stored!.m), Number(stored!.r)], [COUNT_MAX, COUNT_MAX], "in SQL");
  // A counter stored past the max (before the bound) is read as the max.
  await db.run("UPDATE sessions SET message_count = ? WHERE id = ?", COUNT_MAX + 7, "s1");
  assert.deepEqual(await counts(), [COUNT_MAX, COUNT_MAX]);
  // A new session whose counters are over the max is stored at the max.
  await store.create({ ...state, id: "s2", message_count: COUNT_MAX * 3, request_count: 4 });
  const second = (await store.load("s2", "rest"))!;
  assert.deepEqual([second.message_count, second.request_count], [COUNT_MAX, 4]);
});
