import assert from "node:assert/strict";
import { ManualClock } from "../clock.ts";
import { CHANGE_CHECK_MS, type Database, storageMigrations } from "../storage/mod.ts";
import { eachDatabase, eachSharedDatabase } from "../storage/testing/databases.ts";
import { personaMigrations, PersonaRepository } from "./repository.ts";
import { PersonaCreate } from "./schema.ts";
import { PersonaService } from "./service.ts";

/** `db`, counting the queries that read the personas table. */
function counted(db: Database): { db: Database; reads: () => number } {
  let reads = 0;
  const proxy = new Proxy(db, {
    get(target, key) {
      // Bound to the database itself: its private fields refuse a proxy as `this`.
      const value = Reflect.get(target, key);
      if (typeof value !== "function") return value;
      if (key !== "get" && key !== "all") return value.bind(target);
      return (sql: string, ...params: unknown[]) => {
        if (/\bFROM personas\b/.test(sql)) reads++;
        return value.call(target, sql, ...params);
      };
    },
  });
  return { db: proxy, reads: () => reads };
}

eachDatabase("a chat sender that names no persona is asked of the database once", async (raw) => {
  await raw.migrate([...storageMigrations, ...personaMigrations]);
  const { db, reads } = counted(raw);
  const service = new PersonaService(new PersonaRepository(db), new ManualClock());
  const ada = await service.create(PersonaCreate.parse({ name: "Ada" }));
  assert.equal(await service.matchSender("user", ada.id), undefined);
  const after = reads();
  assert.equal(await service.matchSender("user", ada.id), undefined);
  assert.equal(await service.matchSender("user", ada.id), undefined);
  assert.equal(reads(), after, "a known stranger costs no query");
  // Each write of ours forgets the strangers: the new persona is the sender now.
  const user = await service.create(PersonaCreate.parse({ name: "User" }));
  assert.equal((await service.matchSender("user", ada.id))?.id, user.id);
  assert.equal((await service.matchSender(user.id, ada.id))?.id, user.id);
  assert.equal(await service.matchSender("user", user.id), undefined, "not the persona itself");
  await service.delete(user.id);
  assert.equal(await service.matchSender("user", ada.id), undefined);
});

eachSharedDatabase(
  "a sender named by a persona another node creates shows within the change bound",
  async (db, other) => {
    await db.migrate([...storageMigrations, ...personaMigrations]);
    const clock = new ManualClock();
    const here = new PersonaService(new PersonaRepository(db), clock);
    const elsewhere = new PersonaService(new PersonaRepository(other), clock);
    const ada = await here.create(PersonaCreate.parse({ name: "Ada" }));
    assert.equal(await here.matchSender("Bob", ada.id), undefined);
    const bob = await elsewhere.create(PersonaCreate.parse({ name: "Bob" }));
    await new Promise((resolve) => setTimeout(resolve, CHANGE_CHECK_MS[db.dialect] + 20));
    assert.equal((await here.matchSender("bob", ada.id))?.id, bob.id);
    assert.equal((await here.matchSender("Bob", ada.id))?.id, bob.id);
  },
);

eachDatabase(
  "a persona's name (or a look-alike) as chat sender is found in the cache: no query",
  async (raw) => {
    await raw.migrate([...storageMigrations, ...personaMigrations]);
    const { db, reads } = counted(raw);
    const service = new PersonaService(new PersonaRepository(db), new ManualClock());
    const ada = await service.create(PersonaCreate.parse({ name: "Ada" }));
    const kira = await service.create(PersonaCreate.parse({ name: "Kira" }));
    assert.equal((await service.matchSender("Kira", ada.id))?.id, kira.id);
    const after = reads();
    for (const sender of ["Kira", "kira", " KIRA ", "\u041aira", "\uff2bira"]) {
      assert.equal((await service.matchSender(sender, ada.id))?.id, kira.id, sender);
    }
    assert.equal(reads(), after, "served from the cache");
  },
);
