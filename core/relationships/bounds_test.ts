/**
 * A relationship's totals stay where both stores read them back (attack10 F1): the interaction
 * count and the minutes saturate at `RELATIONSHIP_LIMITS` (10^9), a restore is held to them, and
 * a row holding more, or a value out of its range, is read back within the bounds. On SQLite and
 * PostgreSQL.
 */
import assert from "node:assert/strict";
import { ManualClock } from "../clock.ts";
import { COUNT_MAX } from "../numbers.ts";
import { personaMigrations, PersonaRepository, PersonaService } from "../personas/mod.ts";
import { PersonaCreate } from "../personas/schema.ts";
import { type Database, storageMigrations } from "../storage/mod.ts";
import { eachDatabase } from "../storage/testing/databases.ts";
import { relationshipMigrations, RelationshipRepository } from "./repository.ts";
import { RELATIONSHIP_LIMITS } from "./schema.ts";
import { RelationshipService, type RestoredRelationship } from "./service.ts";

async function setup(db: Database) {
  await db.migrate([...storageMigrations, ...personaMigrations, ...relationshipMigrations]);
  const clock = new ManualClock();
  const personas = new PersonaService(new PersonaRepository(db), clock);
  const a = await personas.create(PersonaCreate.parse({ name: "Ann" }));
  const b = await personas.create(PersonaCreate.parse({ name: "Ben" }));
  const service = new RelationshipService({
    repository: new RelationshipRepository(db),
    personas,
    clock,
  });
  return { a, b, service };
}

const saved: RestoredRelationship = {
  affinity: 0.1,
  trust: 0.1,
  respect: 0.1,
  intimacy: 0.1,
  declared_type: null,
  interaction_count: 0,
  total_interaction_minutes: 0,
  first_meeting: null,
  last_interaction: null,
};
const talk = { quality: 0.5, duration_minutes: 60, context: "conversation" } as const;

eachDatabase("the interaction count and minutes saturate at 10^9", async (db) => {
  const { a, b, service } = await setup(db);
  assert.equal(RELATIONSHIP_LIMITS.interactions, COUNT_MAX);
  assert.equal(RELATIONSHIP_LIMITS.minutes, COUNT_MAX);
  await service.restore(a.id, b.id, {
    ...saved,
    interaction_count: COUNT_MAX - 1,
    total_interaction_minutes: COUNT_MAX - 30,
  });
  const first = await service.recordInteraction(a.id, b.id, talk);
  assert.equal(first.relationship.interaction_count, COUNT_MAX);
  assert.equal(first.relationship.total_interaction_minutes, COUNT_MAX);
  const second = await service.recordInteraction(b.id, a.id, talk);
  assert.equal(second.relationship.interaction_count, COUNT_MAX);
  assert.equal(second.relationship.total_interaction_minutes, COUNT_MAX);
  assert.ok(second.changes.affinity > 0, "an interaction at the bound still moves the values");
  const stored = await service.get(a.id, b.id);
  assert.equal(stored?.interaction_count, COUNT_MAX);
  assert.equal(stored?.total_interaction_minutes, COUNT_MAX);
});

eachDatabase("a restore is held to the bounds, whoever calls it", async (db) => {
  const { a, b, service } = await setup(db);
  const restored = await service.restore(a.id, b.id, {
    ...saved,
    interaction_count: Number.MAX_SAFE_INTEGER,
    total_interaction_minutes: 1e308,
  });
  assert.equal(restored.interaction_count, COUNT_MAX);
  assert.equal(restored.total_interaction_minutes, COUNT_MAX);
  const next = await service.recordInteraction(a.id, b.id, talk);
  assert.equal(next.relationship.total_interaction_minutes, COUNT_MAX, "never Infinity");
});

eachDatabase("a stored row out of range is read back within the bounds", async (db, kind) => {
  const { a, b, service } = await setup(db);
  await service.recordInteraction(a.id, b.id, talk);
  await db.run(
    `UPDATE relationships SET interaction_count = 9223372036854775807,
       total_interaction_minutes = ?, affinity = 5, trust = -5, intimacy = -1, strength = 3,
       compatibility_score = ?`,
    1e308,
    kind === "postgres" ? "NaN" : 2,
  );
  const expected = {
    interaction_count: COUNT_MAX,
    total_interaction_minutes: COUNT_MAX,
    affinity: 1,
    trust: -1,
    intimacy: 0,
    strength: 1,
  };
  for (const read of [await service.get(a.id, b.id), (await service.listFor(b.id))[0]]) {
    assert.ok(read);
    for (const [field, value] of Object.entries(expected)) {
      assert.equal(read[field as keyof typeof expected], value, field);
    }
    assert.ok(read.compatibility_score >= 0 && read.compatibility_score <= 1);
  }
  const stats = await service.stats();
  assert.equal(stats.total_interactions, COUNT_MAX);
  assert.equal(stats.average_strength, 1);
  const next = await service.recordInteraction(a.id, b.id, talk);
  assert.equal(next.relationship.interaction_count, COUNT_MAX);
});
