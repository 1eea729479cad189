/**
 * The persona cache (`persona_cache.ts`) against what a load reads, on SQLite and PostgreSQL:
 * writes of ours applied in place keep the load's order (`created_at`, then `name`), a load begun
 * before a write of ours does not fill the cache, a sender looked up before a write of ours is not
 * kept as naming no persona, and a transaction of several statements is applied without a load.
 * Interleavings are forced by a database whose reads can be held (`Hooked`).
 */
import assert from "node:assert/strict";
import { ManualClock } from "../clock.ts";
import { type Database, storageMigrations } from "../storage/mod.ts";
import { eachDatabase } from "../storage/testing/databases.ts";
import { personaMigrations, PersonaRepository } from "./repository.ts";
import { PersonaCreate } from "./schema.ts";
import { PersonaService } from "./service.ts";

/** The repository's load of every persona. */
const isLoad = (sql: string) =>
  /FROM personas WHERE importing IS NULL ORDER BY created_at, name/.test(sql);

/** `db` with hooks: loads counted, one load or one fresh stamp read held by a test. */
class Hooked {
  loads = 0;
  /** Runs once after the next load has read its rows, before it returns them. */
  afterLoad: (() => Promise<void>) | null = null;
  /** Runs once before the next fresh read of the personas' change stamp. */
  beforeFreshStamp: (() => Promise<void>) | null = null;
  readonly db: Database;

  constructor(target: Database) {
    // The repository's load: through `all`, or `allArrays` where the database has it (SQLite).
    const counted =
      <R>(read: (sql: string, ...params: never[]) => Promise<R>) =>
      async (sql: string, ...params: never[]) => {
        const rows = await read(sql, ...params);
        if (!isLoad(sql)) return rows;
        this.loads++;
        const hook = this.afterLoad;
        this.afterLoad = null;
        if (hook) await hook();
        return rows;
      };
    const all = counted((sql, ...params) => target.all(sql, ...params));
    const allArrays = target.allArrays &&
      counted((sql, ...params) => target.allArrays!(sql, ...params));
    const changeStamp = async (topic: string, options: { fresh?: boolean } = {}) => {
      const hook = topic === "personas" && options.fresh ? this.beforeFreshStamp : null;
      if (hook) {
        this.beforeFreshStamp = null;
        await hook();
      }
      return await target.changeStamp(topic, options);
    };
    this.db = new Proxy(target, {
      get(object, property) {
        if (property === "all") return all;
        if (property === "allArrays") return allArrays;
        if (property === "changeStamp") return changeStamp;
        const value = Reflect.get(object, property, object);
        return typeof value === "function" ? value.bind(object) : value;
      },
    });
  }
}

async function open(target: Database) {
  await target.migrate([...storageMigrations, ...personaMigrations]);
  const hooked = new Hooked(target);
  const clock = new ManualClock();
  const repository = new PersonaRepository(hooked.db);
  const service = new PersonaService(repository, clock);
  /** What a load of another repository reads: the stored order. */
  const stored = async () =>
    (await new PersonaRepository(target).list()).map((persona) => persona.name);
  const listed = async () => (await repository.list()).map((persona) => persona.name);
  const create = (name: string) => service.create(PersonaCreate.parse({ name }));
  return { hooked, clock, repository, service, stored, listed, create };
}

eachDatabase(
  "a persona created in the same millisecond as the newest is listed in the stored order",
  async (db) => {
    const { stored, listed, create } = await open(db);
    await create("Zed");
    await create("Ada"); // same created_at: a load puts Ada first
    assert.deepEqual(await stored(), ["Ada", "Zed"]);
    assert.deepEqual(await listed(), await stored());
  },
);

eachDatabase(
  "renaming one of two personas created in the same millisecond keeps the stored order",
  async (db) => {
    const { service, stored, listed, create } = await open(db);
    const ada = await create("Ada");
    await create("Bob");
    assert.deepEqual(await listed(), ["Ada", "Bob"]);
    await service.update(ada.id, { name: "Zoe" }); // a load now puts Bob first
    assert.deepEqual(await stored(), ["Bob", "Zoe"]);
    assert.deepEqual(await listed(), await stored());
  },
);

eachDatabase("a load begun before a write of ours does not fill the cache", async (db) => {
  const { hooked, clock, create } = await open(db);
  await create("Ada");
  clock.advance(1);
  const reached = Promise.withResolvers<void>();
  const release = Promise.withResolvers<void>();
  hooked.afterLoad = () => {
    reached.resolve();
    return release.promise;
  };
  // A fresh repository's first read loads the rows (Ada only), then waits.
  const fresh = new PersonaRepository(hooked.db);
  const early = fresh.list();
  await reached.promise;
  await new PersonaService(fresh, clock).create(PersonaCreate.parse({ name: "Bob" }));
  release.resolve();
  assert.deepEqual((await early).map((persona) => persona.name), ["Ada"], "the early load");
  assert.deepEqual((await fresh.list()).map((persona) => persona.name), ["Ada", "Bob"]);
  assert.deepEqual((await fresh.findByName("Bob"))?.name, "Bob");
});

eachDatabase(
  "a sender looked up as a persona is created by us is not kept as naming no persona",
  async (db) => {
    const { hooked, clock, repository, create } = await open(db);
    await create("Ada");
    clock.advance(1);
    // The lookup misses Zed in the cache, then re-reads the stamp: Zed is created just before.
    hooked.beforeFreshStamp = async () => void await create("Zed");
    assert.equal(await repository.findSender("Zed"), undefined, "created while it looked");
    assert.equal((await repository.findSender("Zed"))?.name, "Zed");
  },
);

eachDatabase(
  "a transaction of ours writing personas twice is applied to the cache without a load",
  async (db) => {
    const { hooked, clock, repository, listed, create } = await open(db);
    await create("Ada");
    assert.deepEqual(await listed(), ["Ada"]);
    const loads = hooked.loads;
    await repository.exclusively("personas:names", async () => {
      clock.advance(1);
      await create("Bob");
      clock.advance(1);
      await create("Cy");
    });
    assert.deepEqual(await listed(), ["Ada", "Bob", "Cy"]);
    assert.equal(hooked.loads - loads, 1, "only the read of names after its first write");
  },
);
