/**
 * `room.create`, `lorebook.create` and `lorebook.import` with a target are all-or-nothing
 * (attack18 F3): a persona, room or lorebook deleted while the call runs (here: before the step
 * that needs it, after the handler resolved it) fails the call and leaves nothing behind. On a
 * real SQLite file and on PostgreSQL.
 */
import assert from "node:assert/strict";
import { type Services, withServices } from "./testing/services.ts";
import { parseLorebook } from "../lore/mod.ts";
import { PersonaCreate } from "../personas/schema.ts";
import { POSTGRES_SKIPPED } from "../storage/testing/databases.ts";
import { withPostgresEnv } from "../../tests/_helpers.ts";

async function rooms(services: Services): Promise<number> {
  return (await services.rooms.page({ limit: 100 })).total_count;
}

async function books(services: Services): Promise<number> {
  return (await services.lore.list()).length;
}

async function nothingLeftBehind(services: Services): Promise<void> {
  const ann = await services.personas.create(PersonaCreate.parse({ name: "Ann" }));
  const bob = await services.personas.create(PersonaCreate.parse({ name: "Bob" }));
  // Bob resolved by the handler, then deleted before his join.
  await services.personas.delete(bob.id);
  await assert.rejects(services.rooms.create({ personas: [ann, bob] }));
  assert.equal(await rooms(services), 0, "no room left by a member deleted meanwhile");

  // A book the handler found, deleted before the room's attachment (what room.create runs).
  const gone = await services.lore.create(parseLorebook({ name: "Gone", entries: [] }));
  await services.lore.delete(gone.id);
  await assert.rejects(services.rooms.create({
    personas: [ann],
    within: async (room) => {
      await services.lore.attach(gone.id, { roomId: room.id });
    },
  }));
  assert.equal(await rooms(services), 0, "no room left by a book deleted meanwhile");

  // lorebook.create / lorebook.import naming a persona or a room deleted meanwhile.
  const book = parseLorebook({ name: "Lore", entries: [{ keys: ["k"], content: "c" }] });
  await assert.rejects(services.lore.createAttached(book, { target: { personaId: bob.id } }));
  const room = await services.rooms.create({ personas: [ann] });
  await services.rooms.delete(room.id);
  await assert.rejects(services.lore.createAttached(book, { target: { roomId: room.id } }));
  const document = { spec: "lorebook_v3", data: { entries: [{ keys: ["k"], content: "c" }] } };
  await assert.rejects(services.lore.import(document, { target: { personaId: bob.id } }));
  assert.equal(await books(services), 0, "no book left by a target deleted meanwhile");

  // The same calls with their targets present make everything.
  const made = await services.lore.import(document, { target: { personaId: ann.id } });
  assert.deepEqual((await services.lore.list({ persona: ann })).map((b) => b.id), [
    made.lorebook.id,
  ]);
  const kept = await services.rooms.create({
    personas: [ann],
    within: async (r) => {
      await services.lore.attach(made.lorebook.id, { roomId: r.id });
    },
  });
  assert.equal(kept.members.length, 1);
  assert.equal((await services.lore.list({ roomId: kept.id })).length, 1);
}

Deno.test("room and lorebook creation leave nothing when a target was deleted [sqlite]", () =>
  withServices(nothingLeftBehind));

Deno.test({
  name: "room and lorebook creation leave nothing when a target was deleted [postgres]",
  ignore: POSTGRES_SKIPPED,
  fn: () => withPostgresEnv((env) => withServices(nothingLeftBehind, env)),
});
