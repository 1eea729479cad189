import assert from "node:assert/strict";
import { chatExchange, dialogueTurn, memoryFixture } from "./testing/contract_fixture.ts";
import { SqliteBackend } from "./sqlite_backend.ts";
import type { SqliteDatabase } from "../storage/mod.ts";
import type { StoredEvent } from "./events.ts";

Deno.test("a chat's exchange is told to listeners as one chat memory from its sender", async () => {
  const f = await memoryFixture((db) => new SqliteBackend(db as SqliteDatabase));
  try {
    const told: StoredEvent[] = [];
    f.memory.onStored((event) => void told.push(event));
    const { memory_id } = await chatExchange(f, "The kestrel hovered over the allotment");
    assert.equal(told.length, 1);
    assert.equal(told[0]!.origin, "chat");
    assert.equal(told[0]!.sender, "user-1");
    assert.deepEqual(told[0]!.records.map((record) => record.id), [memory_id]);
    assert.equal((await f.memory.get(memory_id)).persona_id, f.aria.id);
  } finally {
    await f.close();
  }
});

Deno.test("a dialogue's turn is told to listeners as one dialogue store in its thread", async () => {
  const f = await memoryFixture((db) => new SqliteBackend(db as SqliteDatabase));
  try {
    const told: StoredEvent[] = [];
    f.memory.onStored((event) => void told.push(event));
    await dialogueTurn(f, "The heron stood in the weir all morning");
    assert.ok(told.length > 0);
    assert.ok(told.every((event) => event.origin === "dialogue" && event.thread === "d1"));
    // The speaker's memory and the listener's, in one insert.
    const owners = told.flatMap((event) => event.records.map((record) => record.persona_id));
    assert.deepEqual(owners.sort(), [f.aria.id, f.kira.id].sort());
  } finally {
    await f.close();
  }
});
