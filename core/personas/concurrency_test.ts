/**
 * Persona writes racing each other: an update that read a persona must not bring it back once a
 * delete was acknowledged, concurrent partial updates each keep their fields (one node or two
 * sharing PostgreSQL), and concurrent creates that rename on a clash each get their own name.
 * The interleaving is forced: a repository hook runs the other write while an update is between
 * its read and its write.
 */
import assert from "node:assert/strict";
import { ManualClock } from "../clock.ts";
import { PersonaNotFound } from "../errors.ts";
import { type Database, storageMigrations } from "../storage/mod.ts";
import { PostgresDatabase } from "../storage/postgres.ts";
import { eachDatabase, POSTGRES_SKIPPED, testSchema } from "../storage/testing/databases.ts";
import type { NameIndex } from "./name_index.ts";
import { personaMigrations, PersonaRepository } from "./repository.ts";
import { PersonaCreate } from "./schema.ts";
import { PersonaService } from "./service.ts";

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A repository that, once armed, runs the other write when an update checks its new name is
 * free: between the update's read and its write.
 */
class HookedRepository extends PersonaRepository {
  #armed: PromiseWithResolvers<void> | null = null;

  /**
   * Arms the hook: `write` runs when it fires. It is chained here, outside the update, so that it
   * does not join the update's transaction (calls made inside it would).
   */
  arm<T>(write: () => Promise<T>): Promise<T> {
    this.#armed = Promise.withResolvers<void>();
    return this.#armed.promise.then(write);
  }

  override async names(): Promise<NameIndex> {
    const armed = this.#armed;
    this.#armed = null;
    if (armed) {
      armed.resolve();
      // The other write is given time to finish; with the fix it waits for this update's
      // transaction instead, so the wait is cut short (never a deadlock).
      await delay(150);
    }
    return await super.names();
  }
}

async function open(db: Database) {
  await db.migrate([...storageMigrations, ...personaMigrations]);
  const repository = new HookedRepository(db);
  return { repository, service: new PersonaService(repository, new ManualClock()) };
}

eachDatabase("a persona deleted while an update of it runs stays deleted", async (db) => {
  const { repository, service } = await open(db);
  const ada = await service.create(PersonaCreate.parse({ name: "Ada" }));
  const deletion = repository.arm(() => service.delete(ada.id));
  const update = await service.update(ada.id, { name: "Ada Two" }).catch((error) => error);
  const deleted = await deletion;
  assert.equal(deleted.id, ada.id, "the delete was acknowledged");
  assert.equal(await service.find(ada.id), undefined, "and the persona is gone");
  assert.equal(await repository.current(ada.id), undefined);
  assert.equal(await service.count(), 0);
  // The update either ran first (and was then deleted) or found the persona gone.
  if (update instanceof Error) assert.ok(update instanceof PersonaNotFound, String(update));
});

eachDatabase("an update of a deleted persona is not-found and writes nothing", async (db) => {
  const { service, repository } = await open(db);
  const ada = await service.create(PersonaCreate.parse({ name: "Ada" }));
  await service.delete(ada.id);
  await assert.rejects(service.update(ada.id, { backstory: "back" }), PersonaNotFound);
  assert.equal(await repository.current(ada.id), undefined);
});

eachDatabase("partial updates at once each keep their field, traits merge", async (db) => {
  const { repository, service } = await open(db);
  const ada = await service.create(PersonaCreate.parse({ name: "Ada" }));
  const other = repository.arm(() =>
    service.update(ada.id, {
      backstory: "from the other update",
      personality_traits: { openness: 0.9 },
    })
  );
  await service.update(ada.id, { name: "Ada Two", personality_traits: { neuroticism: 0.1 } });
  await other;
  const stored = (await repository.current(ada.id))!;
  assert.equal(stored.name, "Ada Two");
  assert.equal(stored.backstory, "from the other update");
  assert.equal(stored.personality_traits.openness, 0.9);
  assert.equal(stored.personality_traits.neuroticism, 0.1);
  assert.deepEqual(await service.get(ada.id), stored, "the cache serves what is stored");
});

Deno.test({
  name: "two nodes sharing PostgreSQL: partial updates at once each keep their field",
  ignore: POSTGRES_SKIPPED,
  fn: async () => {
    const schema = await testSchema();
    const [first, second] = [0, 1].map(() =>
      new PostgresDatabase({ url: schema.url, poolSize: 4, idleTimeoutS: 0, connectTimeoutS: 10 })
    );
    try {
      const one = await open(first!);
      const two = await open(second!);
      const ada = await one.service.create(PersonaCreate.parse({ name: "Ada" }));
      const other = one.repository.arm(() => two.service.update(ada.id, { goals: ["fly"] }));
      await one.service.update(ada.id, { name: "Ada Two" });
      await other;
      const stored = (await two.repository.current(ada.id))!;
      assert.deepEqual([stored.name, stored.goals], ["Ada Two", ["fly"]]);
    } finally {
      await first!.close();
      await second!.close();
      await schema.drop();
    }
  },
});

eachDatabase("creates that rename on a clash each get their own free name", async (db) => {
  const { service } = await open(db);
  await service.create(PersonaCreate.parse({ name: "Vale" }));
  const created = await Promise.all(
    Array.from(
      { length: 5 },
      () => service.create(PersonaCreate.parse({ name: "Vale" }), { rename: true }),
    ),
  );
  assert.deepEqual(
    created.map((persona) => persona.name).sort(),
    ["Vale (2)", "Vale (3)", "Vale (4)", "Vale (5)", "Vale (6)"],
  );
  const long = "x".repeat(64);
  await service.create(PersonaCreate.parse({ name: long }));
  const cut = await service.create(PersonaCreate.parse({ name: long }), { rename: true });
  assert.equal(cut.name, `${"x".repeat(60)} (2)`, "a suffixed name is cut to 64 characters");
});
