/**
 * At most LORE_MAX_ATTACHMENTS (256) books are attached to one room or persona (attack18 F8: 4,500
 * made `room.get` answer -32005 for good); attaching one already there is still no change. On a
 * real SQLite file and on PostgreSQL, parallel attaches included.
 */
import assert from "node:assert/strict";
import { type Services, withServices } from "../rooms/testing/services.ts";
import { InvalidInput } from "../errors.ts";
import { PersonaCreate } from "../personas/schema.ts";
import { POSTGRES_SKIPPED } from "../storage/testing/databases.ts";
import { withPostgresEnv } from "../../tests/_helpers.ts";
import { LORE_MAX_ATTACHMENTS, parseLorebook } from "./mod.ts";

async function capHolds(services: Services): Promise<void> {
  const ann = await services.personas.create(PersonaCreate.parse({ name: "Ann" }));
  const room = await services.rooms.create({ personas: [ann] });
  const ids: string[] = [];
  for (let i = 0; i < LORE_MAX_ATTACHMENTS + 8; i++) {
    ids.push((await services.lore.create(parseLorebook({ name: `b${i}`, entries: [] }))).id);
  }
  for (const target of [{ roomId: room.id }, { personaId: ann.id }]) {
    const first = ids.slice(0, LORE_MAX_ATTACHMENTS - 4);
    for (const id of first) await services.lore.attach(id, target);
    // The last places taken by parallel attaches: only as many as there is room for.
    const rest = ids.slice(LORE_MAX_ATTACHMENTS - 4);
    const outcomes = await Promise.allSettled(rest.map((id) => services.lore.attach(id, target)));
    assert.equal(outcomes.filter((o) => o.status === "fulfilled").length, 4);
    for (const o of outcomes) {
      if (o.status === "rejected") assert.ok(o.reason instanceof InvalidInput, String(o.reason));
    }
    // Attaching one already attached is no change, cap or not.
    await services.lore.attach(ids[0]!, target);
  }
  assert.equal((await services.lore.list({ roomId: room.id })).length, LORE_MAX_ATTACHMENTS);
  assert.equal((await services.lore.list({ persona: ann })).length, LORE_MAX_ATTACHMENTS);
}

Deno.test("at most 256 lorebooks are attached to a room or a persona [sqlite]", () =>
  withServices(capHolds));

Deno.test({
  name: "at most 256 lorebooks are attached to a room or a persona [postgres]",
  ignore: POSTGRES_SKIPPED,
  fn: () => withPostgresEnv((env) => withServices(capHolds, env)),
});
