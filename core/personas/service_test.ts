import assert from "node:assert/strict";
import { ManualClock } from "../clock.ts";
import { Conflict, InvalidInput, PersonaNotFound } from "../errors.ts";
import { CHANGE_CHECK_MS, type Database, storageMigrations } from "../storage/mod.ts";
import { eachDatabase, eachSharedDatabase } from "../storage/testing/databases.ts";
import { personaMigrations, PersonaRepository } from "./repository.ts";
import { SEED_PERSONAS, seedPersonas } from "./seed.ts";
import { PERSONA_MAX_BYTES, PersonaCreate, PersonaPatch } from "./schema.ts";
import { PersonaService } from "./service.ts";

async function setup(db: Database) {
  await db.migrate([...storageMigrations, ...personaMigrations]);
  const clock = new ManualClock();
  const repository = new PersonaRepository(db);
  return { db, clock, repository, service: new PersonaService(repository, clock) };
}

eachDatabase("create fills missing traits with 0.5 and stamps times from the clock", async (db) => {
  const { service, clock } = await setup(db);
  const persona = await service.create(
    PersonaCreate.parse({ name: "Ada", personality_traits: { openness: 1 } }),
  );
  assert.deepEqual(persona.personality_traits, {
    openness: 1,
    conscientiousness: 0.5,
    extraversion: 0.5,
    agreeableness: 0.5,
    neuroticism: 0.5,
  });
  assert.equal(persona.created_at, new Date(clock.now()).toISOString());
  assert.deepEqual(await service.get(persona.id), persona);
});

eachDatabase("names are unique ignoring case, on create and on rename", async (db) => {
  const { service } = await setup(db);
  const ada = await service.create(PersonaCreate.parse({ name: "Ada" }));
  const bob = await service.create(PersonaCreate.parse({ name: "Bob" }));
  await assert.rejects(service.create(PersonaCreate.parse({ name: "ADA" })), Conflict);
  await assert.rejects(service.update(bob.id, { name: "ada" }), Conflict);
  assert.equal(
    (await service.update(ada.id, { name: "ADA" })).name,
    "ADA",
    "renaming to its own name in another case is fine",
  );
});

eachDatabase("update merges traits and keeps fields it was not given", async (db) => {
  const { service, clock } = await setup(db);
  const ada = await service.create(
    PersonaCreate.parse({ name: "Ada", backstory: "b", goals: ["g"] }),
  );
  clock.advance(5000);
  const updated = await service.update(ada.id, {
    personality_traits: { neuroticism: 0.9 },
    model: "phi3",
  });
  assert.equal(updated.personality_traits.neuroticism, 0.9);
  assert.equal(updated.personality_traits.openness, 0.5);
  assert.equal(updated.backstory, "b");
  assert.deepEqual(updated.goals, ["g"]);
  assert.equal(updated.model, "phi3");
  assert.notEqual(updated.updated_at, ada.updated_at);
  assert.equal(updated.created_at, ada.created_at);
});

eachDatabase(
  "resolve finds by id, then by name in any case; unknown is PersonaNotFound",
  async (db) => {
    const { service } = await setup(db);
    const ada = await service.create(PersonaCreate.parse({ name: "Ada Lovelace" }));
    assert.equal((await service.resolve(ada.id)).id, ada.id);
    assert.equal((await service.resolve("ada lovelace")).id, ada.id);
    await assert.rejects(service.resolve("Babbage"), PersonaNotFound);
  },
);

eachDatabase("delete removes the persona and runs the delete hooks", async (db) => {
  const { service } = await setup(db);
  const ada = await service.create(PersonaCreate.parse({ name: "Ada" }));
  const deleted: string[] = [];
  service.onDelete((persona) => {
    deleted.push(persona.name);
  });
  await service.delete(ada.id);
  assert.deepEqual(deleted, ["Ada"]);
  assert.equal(await service.find(ada.id), undefined);
  await assert.rejects(service.delete(ada.id), PersonaNotFound);
});

eachDatabase("seeding happens once: Aria and Kira on a fresh database, never again", async (db) => {
  const { service, repository } = await setup(db);
  assert.equal(await seedPersonas(service, repository), 2);
  assert.deepEqual((await service.list()).map((p) => p.name), SEED_PERSONAS.map((p) => p.name));
  for (const persona of await service.list()) await service.delete(persona.id);
  assert.equal(await seedPersonas(service, repository), 0);
  assert.equal(await service.count(), 0);
});

Deno.test("the schema refuses out-of-range traits, preferences and unknown fields", () => {
  assert.equal(
    PersonaCreate.safeParse({ name: "x", personality_traits: { openness: 1.01 } }).success,
    false,
  );
  assert.equal(
    PersonaCreate.safeParse({ name: "x", personality_traits: { charm: 0.5 } }).success,
    false,
  );
  assert.equal(
    PersonaCreate.safeParse({ name: "x", topic_preferences: { tea: 101 } }).success,
    false,
  );
  assert.equal(PersonaCreate.safeParse({ name: "   " }).success, false);
  assert.equal(PersonaCreate.safeParse({ name: "x", age: 3 }).success, false);
});

eachDatabase(
  "a persona heavier than PERSONA_MAX_BYTES as JSON is refused on create and on update",
  async (db) => {
    const { service } = await setup(db);
    const long = (n: number) => "é".repeat(n); // two bytes each in UTF-8
    // Every field within its own limit, too heavy together: 5 card texts of 60,000 "é".
    const heavy = { personality: long(60_000), scenario: long(60_000), first_mes: long(60_000) };
    const more = { mes_example: long(60_000), system_prompt: long(60_000) };
    await assert.rejects(
      service.create(PersonaCreate.parse({ name: "Heavy", ...heavy, ...more })),
      (error: Error) =>
        error instanceof InvalidInput && /at most 524288/.test(error.message) &&
        (error.data as { fields: Array<{ field: string }> }).fields[0]?.field === "persona",
    );
    assert.equal((await service.list()).some((persona) => persona.name === "Heavy"), false);
    const light = await service.create(PersonaCreate.parse({ name: "Light", ...heavy }));
    assert.ok(new TextEncoder().encode(JSON.stringify(light)).length <= PERSONA_MAX_BYTES);
    await assert.rejects(service.update(light.id, PersonaPatch.parse(more)), InvalidInput);
    assert.equal(
      (await service.get(light.id)).mes_example,
      "",
      "the refused update left it as it was",
    );
  },
);

eachDatabase("two creates racing for one name: one wins, the other is a Conflict", async (db) => {
  const { service } = await setup(db);
  const results = await Promise.allSettled([
    service.create(PersonaCreate.parse({ name: "Twin" })),
    service.create(PersonaCreate.parse({ name: "twin" })),
  ]);
  assert.equal(results.filter((r) => r.status === "fulfilled").length, 1);
  const [failure] = results.filter((r) => r.status === "rejected");
  assert.ok(failure && (failure as PromiseRejectedResult).reason instanceof Conflict);
});

eachSharedDatabase(
  "a persona another node creates is found at once; its changes within the bound",
  async (db, other) => {
    const { service, clock } = await setup(db);
    const elsewhere = new PersonaService(new PersonaRepository(other), clock);
    const ada = await service.create(PersonaCreate.parse({ name: "Ada" }));
    assert.equal((await elsewhere.list()).length, 1, "warms the other node's cache");
    const bob = await service.create(PersonaCreate.parse({ name: "Bob" }));
    assert.equal((await elsewhere.get(bob.id)).name, "Bob", "a cache miss asks the database");
    assert.deepEqual((await elsewhere.list()).map((p) => p.name), ["Ada", "Bob"]);
    await service.update(ada.id, { description: "changed elsewhere" });
    await new Promise((resolve) => setTimeout(resolve, CHANGE_CHECK_MS[db.dialect] + 20));
    assert.equal((await elsewhere.get(ada.id)).description, "changed elsewhere");
    await service.delete(ada.id);
    await new Promise((resolve) => setTimeout(resolve, CHANGE_CHECK_MS[db.dialect] + 20));
    assert.equal(await elsewhere.find(ada.id), undefined);
  },
);

eachDatabase(
  "a persona of exactly PERSONA_MAX_BYTES as JSON is kept; one byte more is not",
  async (db) => {
    const { service } = await setup(db);
    const edge = await service.create(PersonaCreate.parse({ name: "Edge" }));
    const bytes = (value: unknown) => new TextEncoder().encode(JSON.stringify(value)).length;
    // Spread the missing bytes over empty card texts (each holds 100,000 characters).
    const fill = (extra: number) => {
      const fields = [
        "description",
        "personality",
        "scenario",
        "first_mes",
        "mes_example",
        "system_prompt",
      ];
      let left = PERSONA_MAX_BYTES - bytes(edge) + extra;
      const patch: Record<string, string> = {};
      for (const field of fields) {
        const take = Math.min(left, 100_000);
        patch[field] = "x".repeat(take);
        left -= take;
      }
      return PersonaPatch.parse(patch);
    };
    await assert.rejects(service.update(edge.id, fill(1)), InvalidInput);
    const full = await service.update(edge.id, fill(0));
    assert.equal(bytes(full), PERSONA_MAX_BYTES);
  },
);
