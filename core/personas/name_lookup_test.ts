/**
 * Lookups by name and name checks through the service, on both storage backends: which persona a
 * name finds where old data holds several that are one name, the name rule's finer points (lower
 * case look-alikes, runs of spaces, ids), the cache and its name index kept in step with our
 * writes (no reload of every row after a create), and a persona created by another process or
 * node found by name at once.
 */
import assert from "node:assert/strict";
import { ManualClock } from "../clock.ts";
import { Conflict, InvalidInput, PersonaNotFound } from "../errors.ts";
import { type Database, storageMigrations } from "../storage/mod.ts";
import { PostgresDatabase } from "../storage/postgres.ts";
import { SqliteDatabase } from "../storage/sqlite.ts";
import { eachDatabase, POSTGRES_SKIPPED, testSchema } from "../storage/testing/databases.ts";
import { personaMigrations, PersonaRepository } from "./repository.ts";
import { PersonaCreate, PersonaPatch } from "./schema.ts";
import { PersonaService } from "./service.ts";

/** `db`, counting the reads of every persona row (a cache load). */
function counting(db: Database): { db: Database; loads: () => number } {
  let loads = 0;
  const proxy = new Proxy(db, {
    get(target, key) {
      const value = Reflect.get(target, key, target);
      if (key === "all") {
        return (sql: string, ...params: unknown[]) => {
          if (/FROM personas WHERE importing IS NULL ORDER BY/.test(sql)) loads++;
          return (value as Database["all"]).call(target, sql, ...(params as []));
        };
      }
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
  return { db: proxy, loads: () => loads };
}

async function setup(db: Database) {
  await db.migrate([...storageMigrations, ...personaMigrations]);
  const clock = new ManualClock();
  const open = () => new PersonaService(new PersonaRepository(db), clock);
  const service = open();
  const create = (name: string) => {
    clock.advance(1000);
    return service.create(PersonaCreate.parse({ name }));
  };
  /** A persona named `name` as a version before the name rules stored it. */
  const stored = async (name: string) => {
    const persona = await create(`placeholder ${crypto.randomUUID()}`);
    await db.run("UPDATE personas SET name = ? WHERE id = ?", name, persona.id);
    return persona.id;
  };
  return { clock, service, create, stored, open };
}

eachDatabase(
  "old look-alikes: a name finds the same name before an older look-alike, else the oldest look-alike",
  async (db) => {
    const { stored, open } = await setup(db);
    const cyrillic = await stored("Ari\u0430");
    const capitals = await stored("ARIA");
    const greek = await stored("\u0391ria");
    const service = open();
    assert.equal((await service.findByName("aria"))?.id, capitals, "the same name first");
    assert.equal((await service.resolve("\u0391ria")).id, greek, "spelt so first");
    assert.equal((await service.findByName("\u0391RI\u0391"))?.id, cyrillic, "the oldest alike");
    // The check of a new name says which it clashes with: the same name.
    await assert.rejects(
      service.create(PersonaCreate.parse({ name: "Aria" })),
      (error: Conflict) => error instanceof Conflict && /already has it/.test(error.message),
    );
    // Of look-alikes only, the oldest: deleting the ARIA persona leaves two look-alikes.
    await service.delete(capitals);
    assert.equal((await service.findByName("aria"))?.id, cyrillic);
    await assert.rejects(
      service.create(PersonaCreate.parse({ name: "aria" })),
      (error: Conflict) => error instanceof Conflict && error.message.includes(cyrillic),
    );
  },
);

eachDatabase(
  "lower-case look-alikes and runs of spaces are one name; a persona's id is no name, renamed or not",
  async (db) => {
    const { service, create, stored } = await setup(db);
    // Greek ν is a look-alike of v in lower case only ("IΝAN" is not "IVAN").
    const ivan = await create("Ivan");
    await assert.rejects(create("i\u03bdan"), Conflict);
    assert.equal((await service.findByName("i\u03bdan"))?.id, ivan.id);
    const mary = await create("Mary Ann");
    await assert.rejects(create("Mary  Ann"), Conflict);
    await assert.rejects(create("Mary \u00a0Ann"), Conflict);
    assert.equal((await service.resolve("mary   ann")).id, mary.id);
    // An id of another form (stored by an older version) is refused as a name, also where a
    // taken name would be renamed (an import with on_conflict "rename").
    const old = await stored("Old");
    await db.run("UPDATE personas SET id = 'p_a' WHERE id = ?", old);
    const reopened = new PersonaService(new PersonaRepository(db), new ManualClock());
    for (const rename of [false, true]) {
      await assert.rejects(
        reopened.create(PersonaCreate.parse({ name: "P_A" }), { rename }),
        (error: InvalidInput) =>
          error instanceof InvalidInput && /persona's id/.test(error.message),
      );
    }
    await assert.rejects(
      reopened.update(ivan.id, PersonaPatch.parse({ name: "p_a" })),
      InvalidInput,
    );
  },
);

eachDatabase("a very long name names no persona and is no sender", async (db) => {
  const { service, create } = await setup(db);
  const aria = await create("Aria");
  const long = "\u00ad".repeat(100_000) + "Aria";
  await assert.rejects(service.resolve(long), PersonaNotFound);
  assert.equal(await service.findByName(long), undefined);
  assert.equal(await service.matchSender(long, ""), undefined);
  assert.equal((await service.resolve("\u00adAria")).id, aria.id);
});

eachDatabase(
  "our creates, renames and deletes keep the cache and its names in step: no reload of every row",
  async (db) => {
    const counted = counting(db);
    const { service, create, clock } = await setup(counted.db);
    const first = await create("First");
    assert.equal((await service.list()).length, 1);
    const loads = counted.loads();
    const created = [];
    for (let i = 0; i < 20; i++) created.push(await create(`Persona ${i}`));
    await service.update(created[3]!.id, PersonaPatch.parse({ name: "Renamed" }));
    await service.delete(created[4]!.id);
    clock.advance(1000);
    await service.create(PersonaCreate.parse({ name: "persona 0" }), { rename: true });
    assert.equal(counted.loads(), loads, "no load of every row after our own writes");
    assert.equal((await service.findByName("renamed"))?.id, created[3]!.id);
    assert.equal(await service.findByName("Persona 3"), undefined, "the old name is free");
    assert.equal(await service.findByName("Persona 4"), undefined, "deleted");
    assert.equal((await service.findByName("persona 0 (2)"))?.name, "persona 0 (2)");
    assert.equal((await service.resolve("FIRST")).id, first.id);
    await create("Persona 3");
    await assert.rejects(create("Persona 2"), Conflict);
    assert.equal(counted.loads(), loads);
    // The cache holds what a load reads, in the same order.
    const cached = (await service.list()).map((persona) => persona.name);
    const fresh = await new PersonaService(new PersonaRepository(db), new ManualClock()).list();
    assert.deepEqual(cached, fresh.map((persona) => persona.name));
  },
);

eachDatabase("a write that rolls back leaves the cache as it was", async (db) => {
  const { service, create } = await setup(db);
  await create("Aria");
  await assert.rejects(
    db.transaction(async () => {
      await service.create(PersonaCreate.parse({ name: "Ghost" }));
      throw new Error("rolled back");
    }),
    /rolled back/,
  );
  assert.equal(await service.findByName("Ghost"), undefined);
  assert.deepEqual((await service.list()).map((persona) => persona.name), ["Aria"]);
  await create("Ghost");
});

/** Two repositories over one database, as two processes (SQLite file) or nodes (PostgreSQL). */
async function twoNodes(
  work: (a: PersonaService, b: PersonaService) => Promise<void>,
  kind: "sqlite" | "postgres",
): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: "persona-names-" });
  const schema = kind === "postgres" ? await testSchema() : null;
  const open = () =>
    schema
      ? new PostgresDatabase({ url: schema.url, poolSize: 2, idleTimeoutS: 0, connectTimeoutS: 10 })
      : new SqliteDatabase(`${dir}/data.db`);
  const [one, two] = [open(), open()];
  try {
    await one.migrate([...storageMigrations, ...personaMigrations]);
    const clock = new ManualClock();
    await work(
      new PersonaService(new PersonaRepository(one), clock),
      new PersonaService(new PersonaRepository(two), clock),
    );
  } finally {
    await one.close();
    await two.close();
    await schema?.drop();
    await Deno.remove(dir, { recursive: true });
  }
}

for (const kind of ["sqlite", "postgres"] as const) {
  Deno.test({
    name: `a persona created or renamed elsewhere a moment ago is found by name at once [${kind}]`,
    ignore: kind === "postgres" && POSTGRES_SKIPPED,
    fn: () =>
      twoNodes(async (a, b) => {
        await a.create(PersonaCreate.parse({ name: "Kira" }));
        assert.equal((await a.list()).length, 1, "a's cache is loaded, its stamp just read");
        const aria = await b.create(PersonaCreate.parse({ name: "Aria" }));
        // At once: before a's change stamp is due for a check.
        assert.equal((await a.findByName("Ari\u0430"))?.id, aria.id);
        await b.update(aria.id, PersonaPatch.parse({ name: "Nova" }));
        assert.equal((await a.resolve("NOVA")).id, aria.id);
        // And a's name checks see b's names.
        await assert.rejects(a.create(PersonaCreate.parse({ name: "N\u043eva" })), Conflict);
        const renamed = await a.create(PersonaCreate.parse({ name: "Nova" }), { rename: true });
        assert.equal(renamed.name, "Nova (2)");
        assert.equal((await b.findByName("nova (2)"))?.id, renamed.id);
      }, kind),
  });
}

/** A repository that runs `during` once, as a write holding the names lock has checked its name. */
class PausingRepository extends PersonaRepository {
  during: (() => Promise<unknown>) | null = null;

  override async names() {
    const during = this.during;
    this.during = null;
    const names = await super.names();
    await during?.();
    return names;
  }
}

Deno.test({
  name: "another node's write during ours: our cache is loaded again, not patched [postgres]",
  ignore: POSTGRES_SKIPPED,
  fn: async () => {
    const schema = await testSchema();
    const open = () =>
      new PostgresDatabase({ url: schema.url, poolSize: 2, idleTimeoutS: 0, connectTimeoutS: 10 });
    const [one, two] = [open(), open()];
    try {
      await one.migrate([...storageMigrations, ...personaMigrations]);
      const clock = new ManualClock();
      const repository = new PausingRepository(one);
      const a = new PersonaService(repository, clock);
      const b = new PersonaService(new PersonaRepository(two), clock);
      clock.advance(1000);
      const kira = await a.create(PersonaCreate.parse({ name: "Kira" }));
      assert.equal((await a.list()).length, 1);
      // B deletes Kira while A creates Aria: A's commit moves the stamp by one more than its own.
      repository.during = () => b.delete(kira.id);
      clock.advance(1000);
      await a.create(PersonaCreate.parse({ name: "Aria" }));
      assert.equal(await a.find(kira.id), undefined, "the delete is seen");
      assert.deepEqual((await a.list()).map((persona) => persona.name), ["Aria"]);
    } finally {
      await one.close();
      await two.close();
      await schema.drop();
    }
  },
});

eachDatabase(
  "inside a transaction of ours, reads and name checks see its own writes",
  async (db) => {
    await setup(db);
    const repository = new PersonaRepository(db);
    const service = new PersonaService(repository, new ManualClock());
    await service.create(PersonaCreate.parse({ name: "Aria" }));
    assert.equal((await service.list()).length, 1, "the cache is loaded");
    await repository.exclusively("test", async () => {
      const zed = await service.create(PersonaCreate.parse({ name: "Zed" }));
      assert.equal((await service.findByName("zed"))?.id, zed.id);
      await assert.rejects(service.create(PersonaCreate.parse({ name: "ZED" })), Conflict);
    });
    assert.deepEqual((await service.list()).map((persona) => persona.name), ["Aria", "Zed"]);
  },
);
