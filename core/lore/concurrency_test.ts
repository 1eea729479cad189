/**
 * Lorebook writes racing each other: an update that read a book must not bring it back once a
 * delete was acknowledged, and concurrent partial updates each keep their fields (one node or
 * two sharing PostgreSQL). The interleaving is forced: a repository hook runs the other write
 * while an update is between its read and its write.
 */
import assert from "node:assert/strict";
import { ManualClock } from "../clock.ts";
import { NotFound } from "../errors.ts";
import { personaMigrations } from "../personas/mod.ts";
import { roomMigrations } from "../rooms/mod.ts";
import { type Database, storageMigrations } from "../storage/mod.ts";
import { PostgresDatabase } from "../storage/postgres.ts";
import { eachDatabase, POSTGRES_SKIPPED, testSchema } from "../storage/testing/databases.ts";
import { LORE_DEFAULTS, parseLorebook } from "./mod.ts";
import { LorebookRepository, loreMigrations, type StoredLorebook } from "./repository.ts";
import { LoreService } from "./service.ts";

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A repository that, once armed, runs the other write when an update has read the book. */
class HookedRepository extends LorebookRepository {
  #armed: PromiseWithResolvers<void> | null = null;

  /** Arms the hook; `write` is chained here, outside the update (it must not join its transaction). */
  arm<T>(write: () => Promise<T>): Promise<T> {
    this.#armed = Promise.withResolvers<void>();
    return this.#armed.promise.then(write);
  }

  override async find(id: string): Promise<StoredLorebook | undefined> {
    const found = await super.find(id);
    const armed = this.#armed;
    this.#armed = null;
    if (armed) {
      armed.resolve();
      // Time for the other write to finish; with the fix it waits for this update instead.
      await delay(150);
    }
    return found;
  }
}

async function open(db: Database, clock = new ManualClock()) {
  await db.migrate([
    ...storageMigrations,
    ...personaMigrations,
    ...roomMigrations,
    ...loreMigrations,
  ]);
  const repository = new HookedRepository(db);
  return { repository, service: new LoreService({ repository, clock, defaults: LORE_DEFAULTS }) };
}

const BOOK = parseLorebook({ name: "World", entries: [] });

eachDatabase("a lorebook deleted while an update of it runs stays deleted", async (db) => {
  const { repository, service } = await open(db);
  const book = await service.create(BOOK);
  const deletion = repository.arm(() => service.delete(book.id));
  const update = await service.update(book.id, { name: "New world" }).catch((error) => error);
  assert.equal((await deletion).id, book.id, "the delete was acknowledged");
  assert.equal(await repository.find(book.id), undefined, "and the book is gone");
  assert.deepEqual(await service.list(), []);
  if (update instanceof Error) assert.ok(update instanceof NotFound, String(update));
  await assert.rejects(service.update(book.id, { name: "Again" }), NotFound);
  assert.equal(await repository.find(book.id), undefined);
});

eachDatabase("lorebook partial updates at once each keep their field", async (db) => {
  const { repository, service } = await open(db);
  const book = await service.create(BOOK);
  const other = repository.arm(() => service.update(book.id, { fields: { scan_depth: 7 } }));
  await service.update(book.id, { name: "New world", fields: { description: "d" } });
  await other;
  const stored = (await repository.find(book.id))!;
  assert.deepEqual(
    [stored.name, stored.book.name, stored.book.description, stored.book.scan_depth],
    ["New world", "New world", "d", 7],
  );
  assert.ok(stored.updated_at > book.updated_at, "each update is later (the clock stood still)");
});

Deno.test({
  name: "two nodes sharing PostgreSQL: lorebook partial updates at once each keep their field",
  ignore: POSTGRES_SKIPPED,
  fn: async () => {
    const schema = await testSchema();
    const [first, second] = [0, 1].map(() =>
      new PostgresDatabase({ url: schema.url, poolSize: 4, idleTimeoutS: 0, connectTimeoutS: 10 })
    );
    try {
      const one = await open(first!);
      const two = await open(second!);
      const book = await one.service.create(BOOK);
      // Node two parses the book first: its cache must not serve the old one afterwards.
      await two.service.get(book.id);
      const other = one.repository.arm(() =>
        two.service.update(book.id, { fields: { token_budget: 99 } })
      );
      await one.service.update(book.id, { fields: { description: "d" } });
      await other;
      for (const node of [one, two]) {
        const stored = await node.service.get(book.id);
        assert.deepEqual([stored.book.description, stored.book.token_budget], ["d", 99]);
      }
    } finally {
      await first!.close();
      await second!.close();
      await schema.drop();
    }
  },
});
