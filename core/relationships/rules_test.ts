import assert from "node:assert/strict";
import { ManualClock } from "../clock.ts";
import { personaMigrations, PersonaRepository, PersonaService } from "../personas/mod.ts";
import { PersonaCreate } from "../personas/schema.ts";
import { type Database, storageMigrations } from "../storage/mod.ts";
import { eachDatabase } from "../storage/testing/databases.ts";
import { relationshipMigrations, RelationshipRepository } from "./repository.ts";
import {
  applyInteraction,
  interactionDeltas,
  relationshipStrength,
  suggestedType,
} from "./rules.ts";
import { RelationshipService } from "./service.ts";
import { saturatingMove } from "../numbers.ts";

const neutral = { affinity: 0, trust: 0, respect: 0, intimacy: 0 };

async function setup(db: Database) {
  await db.migrate([...storageMigrations, ...personaMigrations, ...relationshipMigrations]);
  const clock = new ManualClock();
  const personas = new PersonaService(new PersonaRepository(db), clock);
  const a = await personas.create(
    PersonaCreate.parse({ name: "Ann", personality_traits: { agreeableness: 0.8 } }),
  );
  const b = await personas.create(
    PersonaCreate.parse({ name: "Ben", personality_traits: { agreeableness: 0.8 } }),
  );
  const service = new RelationshipService({
    repository: new RelationshipRepository(db),
    personas,
    clock,
  });
  return { db, clock, personas, a, b, service };
}

Deno.test("the documented formula: a 30-minute wonderful conversation from neutral", () => {
  const deltas = interactionDeltas({ quality: 1, duration_minutes: 30, context: "conversation" });
  assert.equal(deltas.affinity, 0.12);
  assert.ok(Math.abs(deltas.trust - 0.096) < 1e-12);
  assert.ok(Math.abs(deltas.respect - 0.072) < 1e-12);
  assert.ok(Math.abs(deltas.intimacy - 0.096) < 1e-12);
  const short = interactionDeltas({ quality: 1, duration_minutes: 5, context: "conversation" });
  assert.ok(short.affinity < deltas.affinity, "longer talks move more");
  assert.equal(short.intimacy, 0, "short talks bring no closeness");
  const mild = interactionDeltas({ quality: 0.3, duration_minutes: 30, context: "conversation" });
  assert.ok(mild.affinity < 0.3 * deltas.affinity, "more intense talks move more than linearly");
});

Deno.test("steps shrink near the end of the range and values stay in range", () => {
  assert.equal(saturatingMove(0, 0.1, -1, 1), 0.1);
  assert.ok(Math.abs(saturatingMove(0.9, 0.1, -1, 1) - 0.91) < 1e-12);
  assert.equal(saturatingMove(1, 0.5, -1, 1), 1);
  let values = neutral;
  for (let i = 0; i < 500; i++) {
    values = applyInteraction(values, {
      quality: 1,
      duration_minutes: 60,
      context: "deep_conversation",
    });
  }
  assert.ok(values.affinity <= 1 && values.trust <= 1 && values.intimacy <= 1);
  for (let i = 0; i < 500; i++) {
    values = applyInteraction(values, { quality: -1, duration_minutes: 60, context: "conflict" });
  }
  assert.ok(values.affinity >= -1 && values.trust >= -1 && values.intimacy >= 0);
});

eachDatabase("a run of positive interactions makes strangers friends", async (db) => {
  const { a, b, service, clock } = await setup(db);
  const types: string[] = [];
  for (let i = 0; i < 8; i++) {
    clock.advance(3_600_000);
    const outcome = await service.recordInteraction(a.id, b.id, {
      quality: 0.8,
      duration_minutes: 30,
      context: i % 2 ? "deep_conversation" : "collaboration",
    });
    types.push(outcome.relationship.relationship_type);
  }
  assert.equal(types[0], "stranger");
  assert.ok(types.includes("acquaintance"));
  assert.ok(["friend", "close_friend"].includes(types.at(-1)!), types.join(","));
  const relationship = (await service.get(b.id, a.id))!;
  assert.equal(relationship.interaction_count, 8);
  assert.equal(relationship.total_interaction_minutes, 240);
  assert.ok(relationship.strength > 0.35);
  assert.equal((await service.interactions(a.id, b.id)).length, 8);
});

eachDatabase("conflicts lower trust, affinity and strength", async (db) => {
  const { a, b, service } = await setup(db);
  await service.declare(a.id, b.id, { type: "friend", strength: 0.6 });
  const before = (await service.get(a.id, b.id))!;
  const { relationship: after, changes } = await service.recordInteraction(b.id, a.id, {
    quality: -0.8,
    duration_minutes: 20,
    context: "conflict",
  });
  assert.ok(changes.trust < 0 && changes.affinity < 0);
  assert.ok(after.trust < before.trust);
  assert.ok(after.affinity < before.affinity);
  assert.ok(after.strength < before.strength);
});

eachDatabase("get(a, b) equals get(b, a); a persona cannot relate to itself", async (db) => {
  const { a, b, service } = await setup(db);
  await service.recordInteraction(a.id, b.id, {
    quality: 0.5,
    duration_minutes: 10,
    context: "casual",
  });
  assert.deepEqual(await service.get(a.id, b.id), await service.get(b.id, a.id));
  await assert.rejects(service.get(a.id, a.id), /itself/);
});

Deno.test("the type follows the values and the count", () => {
  assert.equal(suggestedType({ ...neutral, affinity: 0.9, trust: 0.9 }, 1), "stranger");
  assert.equal(suggestedType({ affinity: -0.6, trust: -0.4, respect: 0, intimacy: 0 }, 5), "enemy");
  assert.equal(
    suggestedType({ affinity: -0.3, trust: 0.1, respect: 0.2, intimacy: 0 }, 5),
    "rival",
  );
  assert.equal(
    suggestedType({ affinity: 0.8, trust: 0.8, respect: 0.6, intimacy: 0.4 }, 5),
    "close_friend",
  );
  assert.equal(
    suggestedType({ affinity: 0.5, trust: 0.4, respect: 0.3, intimacy: 0 }, 5),
    "friend",
  );
  assert.equal(
    suggestedType({ affinity: 0.1, trust: 0.1, respect: 0, intimacy: 0 }, 5),
    "acquaintance",
  );
  assert.equal(relationshipStrength({ affinity: 1, trust: 1, respect: 1, intimacy: 1 }), 1);
  assert.equal(relationshipStrength({ affinity: -1, trust: -1, respect: -1, intimacy: 0 }), 0);
});

eachDatabase(
  "a declared type wins over the suggested one and survives interactions",
  async (db) => {
    const { a, b, service } = await setup(db);
    const declared = await service.declare(a.id, b.id, { type: "mentor", strength: 0.7 });
    assert.equal(declared.relationship_type, "mentor");
    assert.ok(Math.abs(declared.strength - 0.7) < 1e-9);
    const after = await service.recordInteraction(a.id, b.id, {
      quality: 0.2,
      duration_minutes: 5,
      context: "professional",
    });
    assert.equal(after.relationship.relationship_type, "mentor");
  },
);

eachDatabase("deleting a persona deletes its relationships", async (db) => {
  const { a, b, service, personas } = await setup(db);
  await service.recordInteraction(a.id, b.id, {
    quality: 0.5,
    duration_minutes: 10,
    context: "casual",
  });
  await personas.delete(a.id);
  assert.deepEqual(await service.listFor(b.id), []);
});
