/**
 * A room line's memory is stored once, even when the store that wrote it never answered (a
 * commit whose reply was lost): the retry finds it by its id (one per line and member) and
 * stores nothing more, and a second store of that id fails on the primary key instead of
 * storing a duplicate. Real memory services on SQLite and PostgreSQL.
 */
import assert from "node:assert/strict";
import { createLogger } from "../log.ts";
import type { Persona } from "../personas/mod.ts";
import type { SqliteDatabase } from "../storage/mod.ts";
import { eachDatabase } from "../storage/testing/databases.ts";
import { PostgresMemoryBackend } from "../memory/postgres_backend.ts";
import { SqliteBackend } from "../memory/sqlite_backend.ts";
import { NO_VECTORS } from "../memory/testing/bare_backend.ts";
import { memoryFixture } from "../memory/testing/contract_fixture.ts";
import { MemoryRetries } from "./memory_retry.ts";
import { lineMemoryId, rememberLine } from "./remember.ts";
import type { Room, RoomMessage } from "./repository.ts";
import type { RoomMemory } from "./types.ts";

const room = { id: "room-1", name: "Roof" } as Room;

function lineOf(speaker: Persona): RoomMessage {
  return {
    id: "line-1",
    persona_id: speaker.id,
    speaker: speaker.name,
    content: "The lantern is lit.",
    created_at: "2026-06-01T00:00:00.000Z",
  } as RoomMessage;
}

/** What each store does, in turn: refused before writing, written with its answer lost, or fine. */
type Outcome = "refused" | "lost" | "ok";

/**
 * Runs `test` with a room's memory over real memory services (SQLite or PostgreSQL) whose stores
 * go as `outcomes` says (then fine), and its retries.
 */
function withRoomMemory(
  name: string,
  outcomes: Outcome[],
  test: (parts: {
    fixture: Awaited<ReturnType<typeof memoryFixture>>;
    rooms: RoomMemory;
    retries: MemoryRetries;
    /** How many lookups (by id) still fail with an error that is not "not found"; stores tried. */
    failing: { lookups: number; stores: number };
    /** Remembers Kira's line for Aria, present in the room (its store as `outcomes` says). */
    remember: () => Promise<void>;
  }) => Promise<void>,
): void {
  eachDatabase(name, async (db, kind) => {
    const fixture = await memoryFixture(
      (db) =>
        kind === "sqlite"
          ? new SqliteBackend(db as SqliteDatabase)
          : new PostgresMemoryBackend(db, NO_VECTORS),
      { database: db },
    );
    const lifetime = new AbortController();
    const left = [...outcomes];
    const failing = { lookups: 0, stores: 0 };
    try {
      const rooms: RoomMemory = {
        recall: () => Promise.resolve([]),
        get(id) {
          if (failing.lookups-- > 0) throw new Error("connection reset during the lookup");
          return fixture.memory.get(id);
        },
        async store(persona, input, options) {
          failing.stores++;
          const outcome = left.shift() ?? "ok";
          if (outcome === "refused") throw new Error("connection refused");
          const stored = await fixture.memory.store(persona, input, options);
          if (outcome === "lost") throw new Error("connection lost before the commit's answer");
          return stored;
        },
      };
      const log = createLogger("error", { write: () => {} });
      const retries = new MemoryRetries({
        memory: rooms,
        log,
        find: (id) => fixture.personas.get(id),
        signal: lifetime.signal,
      });
      const remember = () =>
        rememberLine({ memory: rooms, log, retries }, {
          room,
          line: lineOf(fixture.kira),
          present: [fixture.aria],
        });
      await test({ fixture, rooms, retries, failing, remember });
    } finally {
      lifetime.abort();
      await fixture.close();
    }
  });
}

withRoomMemory(
  "a room memory whose store was written but never answered is not stored again by its retry",
  ["lost"],
  async ({ fixture, retries, remember }) => {
    const { memory, aria } = fixture;
    await remember();
    assert.equal(retries.size, 1, "its store failed (as far as the room knows): it waits");
    assert.equal(await retries.retry(), 0, "found stored: nothing waits");
    const kept = await fixture.backend.list(aria.id);
    assert.equal(kept.length, 1, "stored once");
    assert.equal(kept[0]!.id, await lineMemoryId(room.id, "line-1", aria.id));

    // A store of the same line again (a try racing the late commit) fails on the id.
    const again = {
      content: kept[0]!.content,
      memory_type: "conversation",
      emotional_valence: 0,
      related_personas: [],
      visibility: "private" as const,
      metadata: {},
    };
    await assert.rejects(memory.store(aria, again, { id: kept[0]!.id }));
    assert.equal((await fixture.backend.list(aria.id)).length, 1, "still once");
  },
);

withRoomMemory(
  "a retry stores under the line's id too: when its own answer is lost, the next try finds it",
  ["refused", "lost"],
  async ({ fixture, retries, remember }) => {
    const { aria } = fixture;
    await remember();
    assert.equal((await fixture.backend.list(aria.id)).length, 0, "the first try wrote nothing");
    assert.equal(await retries.retry(), 1, "the retry's answer is lost: it waits again");
    assert.equal(await retries.retry(), 0, "found stored under the line's id: nothing waits");
    const kept = await fixture.backend.list(aria.id);
    assert.deepEqual(kept.map(({ id }) => id), [await lineMemoryId(room.id, "line-1", aria.id)]);
  },
);

withRoomMemory(
  "a retry whose lookup fails (not as not found) stores nothing blind: it waits",
  ["refused"],
  async ({ fixture, retries, failing, remember }) => {
    const { aria } = fixture;
    await remember();
    const tries = failing.stores;
    failing.lookups = 1;
    assert.equal(await retries.retry(), 1, "the lookup failed: it waits");
    assert.equal(failing.stores, tries, "and no store was tried");
    assert.equal(await retries.retry(), 0, "the next lookup answers: stored");
    assert.equal((await fixture.backend.list(aria.id)).length, 1);
  },
);

Deno.test("lineMemoryId: one UUID per room, line and member, the same at every call", async () => {
  const id = await lineMemoryId("r", "l", "p");
  assert.match(id, /^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  assert.equal(await lineMemoryId("r", "l", "p"), id);
  const others = [["r", "l", "q"], ["r", "m", "p"], ["s", "l", "p"]] as const;
  for (const [a, b, c] of others) assert.notEqual(await lineMemoryId(a, b, c), id);
});
