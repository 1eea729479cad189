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
