/**
 * What the relationship service keeps and gives back (review28): first meetings stay, a restored
 * declared type wins, a type agrees with the rounded values it is stored with, lists and logs come
 * in their documented order and size, and concurrent interactions of one pair all count. On
 * SQLite and PostgreSQL.
 */
import assert from "node:assert/strict";
import { isoTime, ManualClock } from "../clock.ts";
import { personaMigrations, PersonaRepository, PersonaService } from "../personas/mod.ts";
import { PersonaCreate } from "../personas/schema.ts";
import { type Database, storageMigrations } from "../storage/mod.ts";
import { eachDatabase, onSharedPostgres } from "../storage/testing/databases.ts";
import { relationshipMigrations, RelationshipRepository } from "./repository.ts";
import { RelationshipService, type RestoredRelationship } from "./service.ts";

const talk = { quality: 0.5, duration_minutes: 20, context: "casual" } as const;

function serviceOver(db: Database, clock = new ManualClock()) {
  const personas = new PersonaService(new PersonaRepository(db), clock);
  const repository = new RelationshipRepository(db);
  return {
    personas,
    repository,
    clock,
    service: new RelationshipService({ repository, personas, clock }),
  };
}

async function setup(db: Database, names = ["Ann", "Ben"]) {
  await db.migrate([...storageMigrations, ...personaMigrations, ...relationshipMigrations]);
  const parts = serviceOver(db);
  const people = [];
  for (const name of names) people.push(await parts.personas.create(PersonaCreate.parse({ name })));
  return { ...parts, people, a: people[0]!, b: people[1]! };
}

eachDatabase(
  "the first meeting stays; interactions and a declaration only move the last",
  async (db) => {
    const { a, b, service, clock } = await setup(db);
    const met = isoTime(clock.now());
    await service.recordInteraction(a.id, b.id, talk);
    clock.advance(3_600_000);
    const again = (await service.recordInteraction(b.id, a.id, talk)).relationship;
    assert.equal(again.first_meeting, met);
    assert.equal(again.last_interaction, isoTime(clock.now()));
    clock.advance(3_600_000);
    const declared = await service.declare(a.id, b.id, { type: "mentor", strength: 0.6 });
    assert.equal(declared.first_meeting, met);
    assert.equal((await service.get(a.id, b.id))!.first_meeting, met);
  },
);

eachDatabase("a restored declared type wins over the type its values suggest", async (db) => {
  const { a, b, service } = await setup(db);
  const saved: RestoredRelationship = {
    affinity: 0.1,
    trust: 0.1,
    respect: 0.1,
    intimacy: 0,
    declared_type: "mentor",
    interaction_count: 5,
    total_interaction_minutes: 50,
    first_meeting: "2026-01-01T00:00:00.000Z",
    last_interaction: "2026-01-02T00:00:00.000Z",
  };
  assert.equal((await service.restore(a.id, b.id, saved)).relationship_type, "mentor");
  assert.equal((await service.get(a.id, b.id))!.relationship_type, "mentor");
  const plain = await service.restore(a.id, b.id, { ...saved, declared_type: null });
  assert.equal(plain.relationship_type, "acquaintance");
});

eachDatabase(
  "the type agrees with the rounded values stored, so a restore keeps it",
  async (db) => {
    const { a, b, service, repository } = await setup(db);
    // An affinity within 5e-5 of the rival threshold (-0.2): stored rounded, it is -0.2.
    await service.restore(a.id, b.id, {
      affinity: -0.19996,
      trust: 0.1,
      respect: 0,
      intimacy: 0,
      declared_type: null,
      interaction_count: 5,
      total_interaction_minutes: 50,
      first_meeting: null,
      last_interaction: null,
    });
    // A neutral talk moves nothing: the values stay -0.19996 before rounding.
    const { relationship } = await service.recordInteraction(a.id, b.id, {
      quality: 0,
      duration_minutes: 5,
      context: "conversation",
    });
    assert.equal(relationship.affinity, -0.2);
    const stored = (await repository.find(a.id, b.id))!;
    assert.equal(stored.affinity, -0.2);
    const restored = await service.restore(a.id, b.id, stored);
    assert.equal(relationship.relationship_type, restored.relationship_type);
    assert.equal(relationship.relationship_type, "rival");
    assert.equal(relationship.strength, restored.strength);
  },
);

eachDatabase("a persona's relationships come strongest first", async (db) => {
  const { people, service } = await setup(db, ["Ann", "Ben", "Cy", "Dee"]);
  const [a, b, c, d] = people as [
    typeof people[0],
    typeof people[0],
    typeof people[0],
    typeof people[0],
  ];
  await service.declare(a.id, b.id, { type: "friend", strength: 0.2 });
  await service.declare(a.id, c.id, { type: "friend", strength: 0.8 });
  await service.declare(d.id, a.id, { type: "friend", strength: 0.5 });
  const strengths = (await service.listFor(a.id)).map((r) => r.strength);
  assert.deepEqual(strengths, [0.8, 0.5, 0.2]);
});

eachDatabase("a pair's interactions come newest first, 20 unless a limit says", async (db) => {
  const { a, b, service } = await setup(db);
  for (let i = 1; i <= 25; i++) {
    await service.recordInteraction(a.id, b.id, { ...talk, quality: i / 100 });
  }
  const latest = await service.interactions(b.id, a.id);
  assert.equal(latest.length, 20);
  assert.deepEqual(latest.map((row) => row.quality), [...Array(20)].map((_, i) => (25 - i) / 100));
  assert.equal((await service.interactions(a.id, b.id, { limit: 3 }))[0]!.quality, 0.25);
  assert.equal((await service.interactions(a.id, b.id, { limit: 100 })).length, 25);
});

eachDatabase("stats list the 5 most active personas, by interactions then name", async (db) => {
  const names = ["Ann", "Ben", "Cy", "Dee", "Eve", "Fay", "Gus"];
  const { people, service } = await setup(db, names);
  const hub = people[0]!;
  // Ben talks to Ann once, Cy twice, ... Gus six times.
  for (const [i, other] of people.slice(1).entries()) {
    for (let n = 0; n <= i; n++) await service.recordInteraction(hub.id, other.id, talk);
  }
  const stats = await service.stats();
  assert.deepEqual(
    stats.most_active_personas.map((p) => [p.name, p.interactions]),
    [["Ann", 21], ["Gus", 6], ["Fay", 5], ["Eve", 4], ["Dee", 3]],
  );
});

async function concurrently(services: RelationshipService[], a: string, b: string) {
  const minutes = [...Array(20)].map((_, i) => i + 1);
  await Promise.all(
    minutes.map((m, i) =>
      services[i % services.length]!.recordInteraction(i % 3 ? a : b, i % 3 ? b : a, {
        ...talk,
        duration_minutes: m,
      })
    ),
  );
  const after = (await services[0]!.get(a, b))!;
  assert.equal(after.interaction_count, 20);
  assert.equal(after.total_interaction_minutes, 210);
  assert.equal((await services[0]!.interactions(a, b, { limit: 100 })).length, 20);
}

eachDatabase("interactions of one pair recorded at once all count", async (db) => {
  const { a, b, service } = await setup(db);
  await concurrently([service], a.id, b.id);
});

// Two nodes sharing a schema (two SQLite connections in one process would wait on each other
// synchronously: SQLite's case is the one connection above).
onSharedPostgres(
  "interactions of one pair recorded at once on two nodes all count",
  async (first, second) => {
    const { a, b, clock } = await setup(first);
    await concurrently(
      [serviceOver(first, clock).service, serviceOver(second, clock).service],
      a.id,
      b.id,
    );
  },
);
