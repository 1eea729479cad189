/**
 * A persona's blocks are kept between chats (`SqlBlockRepository.list`): each write path shows in
 * the very next read, and another process's or node's once the change stamp is checked. Every test
 * reads first (so the list is kept), writes through one path, and reads again.
 */
import assert from "node:assert/strict";
import { ManualClock } from "../../clock.ts";
import { personaMigrations, PersonaRepository } from "../../personas/mod.ts";
import { personaFixture } from "../../personas/testing/fixture.ts";
import { CHANGE_CHECK_MS, type Database, storageMigrations } from "../../storage/mod.ts";
import { eachDatabase, eachSharedDatabase } from "../../storage/testing/databases.ts";
import { blockMigrations, SqlBlockRepository } from "./repository.ts";
import { BlockService } from "./service.ts";

const aria = personaFixture("Aria");

/** A block service over `db`, migrated, with Aria in it unless `insert` is false. */
async function open(db: Database, insert = true) {
  await db.migrate([...storageMigrations, ...personaMigrations, ...blockMigrations]);
  if (insert) await new PersonaRepository(db).insert(aria);
  return new BlockService({
    repository: new SqlBlockRepository(db),
    clock: new ManualClock(),
    defaultLimit: 100,
  });
}

/** Aria's blocks as `label=content`. */
async function shown(blocks: BlockService): Promise<string[]> {
  return (await blocks.list(aria)).map((block) => `${block.label}=${block.content}`);
}

eachDatabase("kept blocks: set, append, delete and import show at once", async (db) => {
  const blocks = await open(db);
  assert.deepEqual(await shown(blocks), []);
  await blocks.set(aria, { label: "persona", content: "I sing." });
  assert.deepEqual(await shown(blocks), ["persona=I sing."], "created");
  await blocks.set(aria, { label: "persona", content: "I hum." });
  assert.deepEqual(await shown(blocks), ["persona=I hum."], "replaced");
  await blocks.append(aria, { label: "persona", content: "Loudly." });
  assert.deepEqual((await shown(blocks)).length, 1);
  assert.match((await shown(blocks))[0]!, /Loudly\.$/, "appended");
  await blocks.importBlocks(aria, [{ label: "world", value: "A city." }]);
  assert.equal((await shown(blocks))[1], "world=A city.", "imported");
  await blocks.delete(aria, "persona");
  assert.deepEqual(await shown(blocks), ["world=A city."], "deleted");
  (await blocks.list(aria))[0]!.content = "changed by a caller";
  assert.deepEqual(await shown(blocks), ["world=A city."], "a caller's change is not kept");
});

eachDatabase("kept blocks: read once while nothing is written", async (db) => {
  let reads = 0;
  const all = db.all.bind(db);
  db.all = <T>(sql: string, ...params: Parameters<Database["all"]>[1][]) => {
    if (sql.includes("FROM memory_blocks")) reads++;
    return all<T>(sql, ...params);
  };
  const blocks = await open(db);
  await blocks.set(aria, { label: "persona", content: "I sing." });
  await shown(blocks);
  const before = reads;
  assert.deepEqual(await shown(blocks), ["persona=I sing."]);
  assert.equal(reads, before);
});

eachSharedDatabase(
  "kept blocks: another process's write is seen once the stamp is checked",
  async (first, second) => {
    const ours = await open(first);
    const theirs = await open(second, false);
    assert.deepEqual(await shown(ours), []);
    await theirs.set(aria, { label: "persona", content: "Far." });
    await settle(first);
    assert.deepEqual(await shown(ours), ["persona=Far."], "created there");
    await theirs.delete(aria, "persona");
    await settle(first);
    assert.deepEqual(await shown(ours), [], "deleted there");
  },
);

/** Waits until `db`'s stamp is due for a check (or its NOTIFY has arrived, on PostgreSQL). */
function settle(db: Database): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, CHANGE_CHECK_MS[db.dialect] + 20));
}
