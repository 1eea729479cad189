/**
 * RoomRepository.join under concurrency, on both storages: parallel joins never pass a room's
 * cap. On PostgreSQL that rests on the room's advisory lock (READ COMMITTED lets two
 * transactions count the same members); SQLite's BEGIN IMMEDIATE serialises them anyway.
 */
import assert from "node:assert/strict";
import { ManualClock } from "../clock.ts";
import { type Persona, PersonaRepository } from "../personas/mod.ts";
import { personaMigrations } from "../personas/migrations.ts";
import { PersonaCreate } from "../personas/schema.ts";
import { PersonaService } from "../personas/service.ts";
import { storageMigrations } from "../storage/migrations.ts";
import { eachDatabase } from "../storage/testing/databases.ts";
import { roomMigrations, RoomRepository } from "./mod.ts";

eachDatabase(
  "parallel joins of 8 rooms, 12 personas each, stop at a cap of 3 in every room",
  async (db) => {
    await db.migrate([...storageMigrations, ...personaMigrations, ...roomMigrations]);
    const personas = new PersonaService(new PersonaRepository(db), new ManualClock());
    const people: Persona[] = [];
    for (let i = 0; i < 12; i++) {
      people.push(await personas.create(PersonaCreate.parse({ name: `P${i}` })));
    }
    const rooms = new RoomRepository(db);
    const ids = Array.from({ length: 8 }, (_, i) => `room${i}`);
    for (const id of ids) {
      await rooms.create({
        id,
        name: id,
        scenario: "",
        reply_mode: "natural",
        max_replies: 3,
        created_at: "t",
      });
    }
    // Every join of every room at once: the pool's connections interleave the rooms' counts.
    const outcomes = await Promise.all(
      ids.flatMap((roomId) =>
        people.map(async (persona) => ({
          roomId,
          outcome: await rooms.join(roomId, { personaId: persona.id, at: "t", cap: 3 }),
        }))
      ),
    );
    for (const id of ids) {
      const mine = outcomes.filter((o) => o.roomId === id).map((o) => o.outcome);
      assert.deepEqual(
        [mine.filter((o) => o === "joined").length, mine.filter((o) => o === "full").length],
        [3, 9],
        `${id}: ${mine.join(" ")}`,
      );
      const members = await db.all(
        "SELECT persona_id FROM room_members WHERE room_id = ? AND left_seq IS NULL",
        id,
      );
      assert.equal(members.length, 3, id);
    }
  },
);

eachDatabase(
  "appendWhilePresent stores a member's line only while it is present, deleted or gone",
  async (db) => {
    await db.migrate([...storageMigrations, ...personaMigrations, ...roomMigrations]);
    const personas = new PersonaService(new PersonaRepository(db), new ManualClock());
    const [stays, leaves, deleted] = [
      await personas.create(PersonaCreate.parse({ name: "Stays" })),
      await personas.create(PersonaCreate.parse({ name: "Leaves" })),
      await personas.create(PersonaCreate.parse({ name: "Deleted" })),
    ];
    const rooms = new RoomRepository(db);
    await rooms.create({
      id: "r",
      name: "r",
      scenario: "",
      reply_mode: "everyone",
      max_replies: 3,
      created_at: "t",
    });
    for (const persona of [stays!, leaves!, deleted!]) {
      await rooms.join("r", { personaId: persona.id, at: "t" });
    }
    await rooms.leave("r", { personaId: leaves!.id, at: "t" });
    await personas.delete(deleted!.id);
    const line = (persona: Persona) => ({
      id: `m_${persona.name}`,
      room_id: "r",
      speaker_kind: "persona" as const,
      persona_id: persona.id,
      speaker: persona.name,
      content: `${persona.name} speaks`,
      reason: null,
      model: "m",
      tokens: 7,
      created_at: "t",
    });
    const kept = await rooms.appendWhilePresent(line(stays!));
    assert.equal(kept?.seq, 1);
    assert.equal(await rooms.appendWhilePresent(line(leaves!)), undefined);
    assert.equal(await rooms.appendWhilePresent(line(deleted!)), undefined);
    const stored = await rooms.page("r", { limit: 10 });
    assert.deepEqual(
      stored.map((m) => [m.speaker, m.tokens, m.reason]),
      [["Stays", 7, null]],
    );
  },
);
