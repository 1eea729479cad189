import assert from "node:assert/strict";
import { personaMigrations, PersonaRepository } from "../personas/mod.ts";
import { personaFixture } from "../personas/testing/fixture.ts";
import { SqliteDatabase, storageMigrations } from "../storage/mod.ts";
import { historyMigrations, HistoryRepository, type StoredMessage } from "./history.ts";

const aria = personaFixture("Aria");

function line(n: number, personaId = aria.id): StoredMessage {
  return {
    id: `msg_${n}`,
    persona_id: personaId,
    session_id: "s1",
    room_id: null,
    sender: "Tam",
    content: `message ${n}`,
    response: `answer ${n}`,
    model: "m",
    prompt_tokens: 1,
    completion_tokens: 1,
    response_time_ms: 1,
    created_at: `2026-01-01T00:00:0${n}.000Z`,
    kind: "exchange",
    greeting_index: null,
  };
}

Deno.test("the lines of chats that finish together share one commit, in order; a bad one fails alone", async () => {
  let transactions = 0;
  const db = new class extends SqliteDatabase {
    override transaction<T>(work: () => Promise<T>): Promise<T> {
      transactions++;
      return super.transaction(work);
    }
  }(":memory:");
  await db.migrate([...storageMigrations, ...personaMigrations, ...historyMigrations]);
  await new PersonaRepository(db).save(aria);
  const history = new HistoryRepository(db);
  try {
    await Promise.all([1, 2, 3, 4].map((n) => history.append(line(n))));
    assert.equal(transactions, 1);
    const recent = await history.recent({ personaId: aria.id, sessionId: "s1" }, 10);
    assert.deepEqual(recent.map((m) => m.id), ["msg_1", "msg_2", "msg_3", "msg_4"]);
    const results = await Promise.allSettled([
      history.append(line(5)),
      history.append(line(6, "persona_deleted_meanwhile")),
      history.append(line(7)),
    ]);
    assert.deepEqual(results.map((r) => r.status), ["fulfilled", "rejected", "fulfilled"]);
    assert.equal(await history.countInSession(aria.id, "s1"), 6);
  } finally {
    await db.close();
  }
});
