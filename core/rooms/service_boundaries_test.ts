/**
 * Pins the edges of rooms, on a real SQLite file: `has_more` of transcript paging on a page that
 * ends exactly at the first line, the 16-member cap on create and join, and the default number
 * of replies per round (one per member, at most 8).
 */
import assert from "node:assert/strict";
import { type Services, withServices } from "./testing/services.ts";
import type { Persona } from "../personas/mod.ts";
import { PersonaCreate } from "../personas/schema.ts";
import { POSTGRES_SKIPPED } from "../storage/testing/databases.ts";
import { withPostgresChromaEnv } from "../../tests/_helpers.ts";
import { RoomRepository } from "./repository.ts";
import { MAX_ROOM_MEMBERS, type RoomService } from "./service.ts";

Deno.test("room history: has_more is false on a page that ends at the first line", async () => {
  await withServices(async (services) => {
    const ann = await services.personas.create(PersonaCreate.parse({ name: "Ann" }));
    const room = await services.rooms.create({ personas: [ann] });
    const lines = new RoomRepository(services.db);
    for (let i = 0; i < 3; i++) {
      await lines.append({
        id: `l${i}`,
        room_id: room.id,
        speaker_kind: "user",
        persona_id: null,
        speaker: "User",
        content: `line ${i}`,
        reason: null,
        model: null,
        tokens: 0,
        created_at: new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString(),
      });
    }
    const exact = await services.rooms.history(room.id, { limit: 3 });
    assert.deepEqual([exact.messages.length, exact.has_more], [3, false]);
    const short = await services.rooms.history(room.id, { limit: 2 });
    assert.deepEqual([short.messages.length, short.has_more], [2, true]);
    const rest = await services.rooms.history(room.id, { limit: 1, beforeId: "l1" });
    assert.deepEqual([rest.messages.map((m) => m.id), rest.has_more], [["l0"], false]);
  });
});

async function personasNamed(
  services: { personas: { create(input: PersonaCreate): Promise<Persona> } },
  n: number,
) {
  const made: Persona[] = [];
  for (let i = 0; i < n; i++) {
    made.push(await services.personas.create(PersonaCreate.parse({ name: `P${i}` })));
  }
  return made;
}

async function refusedFull(action: Promise<unknown>): Promise<void> {
  await assert.rejects(action, (error: Error) => /16/.test(error.message));
}

Deno.test("a room holds 16 different members: created with 16, not 17 or twice one; a 17th cannot join", async () => {
  await withServices(async (services) => {
    assert.equal(MAX_ROOM_MEMBERS, 16);
    const people = await personasNamed(services, 17);
    const rooms: RoomService = services.rooms;
    await refusedFull(rooms.create({ personas: people }));
    await refusedFull(rooms.create({ personas: [people[0]!, people[0]!] }));
    const full = await rooms.create({ personas: people.slice(0, 16) });
    assert.equal(full.members.length, 16);
    await refusedFull(rooms.join(full.id, people[16]!));
    const almost = await rooms.create({ personas: people.slice(0, 15) });
    assert.equal((await rooms.join(almost.id, people[16]!)).joined, true, "the 16th joins");
  });
});

/** attack5 F3/F4: parallel joins stop at the cap; a member joining a full room again is no error. */
async function parallelJoinsStopAtTheCap(services: Services) {
  const people = await personasNamed(services, 31);
  const room = await services.rooms.create({ personas: people.slice(0, 1) });
  const outcomes = await Promise.allSettled(
    people.slice(1).map((persona) => services.rooms.join(room.id, persona)),
  );
  const joined = outcomes.filter((outcome) => outcome.status === "fulfilled");
  assert.equal(joined.length, 15, "15 of the 30 join the member already there");
  assert.equal((await services.rooms.view(room.id)).members.length, MAX_ROOM_MEMBERS);
  for (const outcome of outcomes) {
    if (outcome.status === "rejected") assert.match(String(outcome.reason), /full \(16/);
  }
  const again = await services.rooms.join(room.id, people[0]!);
  assert.equal(again.joined, false, "a member of a full room joins again: joined false");
  assert.equal(again.room.members.length, MAX_ROOM_MEMBERS);
}

Deno.test("30 parallel joins leave exactly 16 members; re-joining a full room is joined: false [sqlite]", async () => {
  await withServices(parallelJoinsStopAtTheCap);
});

Deno.test({
  name:
    "30 parallel joins leave exactly 16 members; re-joining a full room is joined: false [postgres]",
  ignore: POSTGRES_SKIPPED,
  async fn() {
    await withPostgresChromaEnv((env) => withServices(parallelJoinsStopAtTheCap, env));
  },
});

Deno.test("a room answers with one reply per member by default, at most 8", async () => {
  await withServices(async (services) => {
    const people = await personasNamed(services, 9);
    assert.equal((await services.rooms.create({ personas: people.slice(0, 3) })).max_replies, 3);
    assert.equal((await services.rooms.create({ personas: people.slice(0, 8) })).max_replies, 8);
    assert.equal((await services.rooms.create({ personas: people })).max_replies, 8);
    assert.equal((await services.rooms.create({ personas: [] })).max_replies, 1);
  });
});
