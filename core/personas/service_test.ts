import assert from "node:assert/strict";
import { ManualClock } from "../clock.ts";
import { Conflict, InvalidInput, PersonaNotFound } from "../errors.ts";
import { Database } from "../storage/db.ts";
import { personaMigrations, PersonaRepository } from "./repository.ts";
import { SEED_PERSONAS, seedPersonas } from "./seed.ts";
import { PERSONA_MAX_BYTES, PersonaCreate, PersonaPatch } from "./schema.ts";
import { PersonaService } from "./service.ts";

function setup() {
  const db = new Database(":memory:");
  db.migrate(personaMigrations);
  const clock = new ManualClock();
  const repository = new PersonaRepository(db);
  return { db, clock, repository, service: new PersonaService(repository, clock) };
}

Deno.test("create fills missing traits with 0.5 and stamps times from the clock", () => {
  const { service, clock, db } = setup();
  const persona = service.create(
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
  assert.deepEqual(service.get(persona.id), persona);
  db.close();
});

Deno.test("names are unique ignoring case, on create and on rename", () => {
  const { service, db } = setup();
  const ada = service.create(PersonaCreate.parse({ name: "Ada" }));
  const bob = service.create(PersonaCreate.parse({ name: "Bob" }));
  assert.throws(() => service.create(PersonaCreate.parse({ name: "ADA" })), Conflict);
  assert.throws(() => service.update(bob.id, { name: "ada" }), Conflict);
  assert.equal(
    service.update(ada.id, { name: "ADA" }).name,
    "ADA",
    "renaming to its own name in another case is fine",
  );
  db.close();
});

Deno.test("update merges traits and keeps fields it was not given", () => {
  const { service, clock, db } = setup();
  const ada = service.create(PersonaCreate.parse({ name: "Ada", backstory: "b", goals: ["g"] }));
  clock.advance(5000);
  const updated = service.update(ada.id, {
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
  db.close();
});

Deno.test("resolve finds by id, then by name in any case; unknown is PersonaNotFound", () => {
  const { service, db } = setup();
  const ada = service.create(PersonaCreate.parse({ name: "Ada Lovelace" }));
  assert.equal(service.resolve(ada.id).id, ada.id);
  assert.equal(service.resolve("ada lovelace").id, ada.id);
  assert.throws(() => service.resolve("Babbage"), PersonaNotFound);
  db.close();
});

Deno.test("delete removes the persona and runs the delete hooks", async () => {
  const { service, db } = setup();
  const ada = service.create(PersonaCreate.parse({ name: "Ada" }));
  const deleted: string[] = [];
  service.onDelete((persona) => {
    deleted.push(persona.name);
  });
  await service.delete(ada.id);
  assert.deepEqual(deleted, ["Ada"]);
  assert.equal(service.find(ada.id), undefined);
  await assert.rejects(service.delete(ada.id), PersonaNotFound);
  db.close();
});

Deno.test("seeding happens once: Aria and Kira on a fresh database, never again", () => {
  const { service, repository, db } = setup();
  assert.equal(seedPersonas(service, repository), 2);
  assert.deepEqual(service.list().map((p) => p.name), SEED_PERSONAS.map((p) => p.name));
  for (const persona of service.list()) service.delete(persona.id);
  assert.equal(seedPersonas(service, repository), 0);
  assert.equal(service.count(), 0);
  db.close();
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

Deno.test("a persona heavier than PERSONA_MAX_BYTES as JSON is refused on create and on update", () => {
  const { service, db } = setup();
  const long = (n: number) => "é".repeat(n); // two bytes each in UTF-8
  // Every field within its own limit, too heavy together: 5 card texts of 60,000 "é".
  const heavy = { personality: long(60_000), scenario: long(60_000), first_mes: long(60_000) };
  const more = { mes_example: long(60_000), system_prompt: long(60_000) };
  assert.throws(
    () => service.create(PersonaCreate.parse({ name: "Heavy", ...heavy, ...more })),
    (error: Error) =>
      error instanceof InvalidInput && /at most 524288/.test(error.message) &&
      (error.data as { fields: Array<{ field: string }> }).fields[0]?.field === "persona",
  );
  assert.equal(service.list().some((persona) => persona.name === "Heavy"), false);
  const light = service.create(PersonaCreate.parse({ name: "Light", ...heavy }));
  assert.ok(new TextEncoder().encode(JSON.stringify(light)).length <= PERSONA_MAX_BYTES);
  assert.throws(() => service.update(light.id, PersonaPatch.parse(more)), InvalidInput);
  assert.equal(service.get(light.id).mes_example, "", "the refused update left it as it was");
  db.close();
});
