import { tempDirSync } from "../../testing/temp_dirs.ts";
import assert from "node:assert/strict";
import { ManualClock } from "../../clock.ts";
import { Conflict, InvalidInput, NotFound } from "../../errors.ts";
import { personaMigrations, PersonaRepository } from "../../personas/mod.ts";
import { personaFixture } from "../../personas/testing/fixture.ts";
import { type Database, SqliteDatabase, storageMigrations } from "../../storage/mod.ts";
import { eachDatabase, eachSharedDatabase } from "../../storage/testing/databases.ts";
import { blockMigrations, CHANGES_KEPT, SqlBlockRepository } from "./repository.ts";
import { MAX_BLOCKS } from "./schema.ts";
import { BlockService } from "./service.ts";
import { offeredBlocks } from "../block_updates.ts";

const aria = personaFixture("Aria");

/** Block service over `db` (migrated, with Aria in it); `aria` false when she is there already. */
async function open(db: Database, options: { aria?: boolean } = {}) {
  await db.migrate([...storageMigrations, ...personaMigrations, ...blockMigrations]);
  if (options.aria !== false) await new PersonaRepository(db).insert(aria);
  const clock = new ManualClock();
  const blocks = new BlockService({
    repository: new SqlBlockRepository(db),
    clock,
    defaultLimit: 100,
  });
  return { db, clock, blocks };
}

eachDatabase("a block's limit is enforced on set, append and a lowered limit", async (db) => {
  const { blocks } = await open(db);
  const { block, created } = await blocks.set(aria, { label: "persona", content: "I sing." });
  assert.equal(created, true);
  assert.equal(block.char_limit, 100, "MEMORY_BLOCK_CHAR_LIMIT for a new block");
  await assert.rejects(
    blocks.set(aria, { label: "world", content: "x".repeat(101) }),
    (error) => error instanceof InvalidInput && /over its limit of 100/.test(error.message),
  );
  const exact = await blocks.set(aria, { label: "world", content: "x".repeat(100) });
  assert.equal(exact.block.content.length, 100, "a new block exactly at its limit is made");
  await blocks.delete(aria, "world");
  await assert.rejects(
    blocks.append(aria, { label: "persona", content: "y".repeat(93) }),
    (error) =>
      error instanceof InvalidInput && /would hold 101 characters, over its limit of 100/
        .test(error.message),
  );
  const fits = await blocks.append(aria, { label: "persona", content: "y".repeat(92) });
  assert.equal(fits.content.length, 100, "exactly the limit fits");
  await assert.rejects(blocks.set(aria, { label: "persona", limit: 99 }), InvalidInput);
  const same = await blocks.set(aria, { label: "persona", description: "who I am", limit: 100 });
  assert.equal(same.block.content.length, 100, "a change that keeps it at its limit is taken");
  await assert.rejects(blocks.append(aria, { label: "nothing", content: "a" }), NotFound);
  await assert.rejects(blocks.set(aria, { label: "persona" }), InvalidInput, "nothing to change");
});

eachDatabase("a read-only block refuses edits until a call that only unlocks it", async (db) => {
  const { blocks } = await open(db);
  await blocks.set(aria, { label: "persona", content: "I am Aria.", read_only: true });
  for (
    const attempt of [
      () => blocks.set(aria, { label: "persona", content: "I am Kira." }),
      () => blocks.set(aria, { label: "persona", content: "I am Kira.", read_only: false }),
      () => blocks.set(aria, { label: "persona", limit: 500 }),
      () => blocks.append(aria, { label: "persona", content: "more" }),
      () => blocks.delete(aria, "persona"),
    ]
  ) {
    await assert.rejects(
      attempt(),
      (error) => error instanceof Conflict && /read-only/.test(error.message),
    );
  }
  assert.equal((await blocks.get(aria, "persona")).content, "I am Aria.");
  const unlocked = await blocks.set(aria, { label: "persona", read_only: false });
  assert.equal(unlocked.block.read_only, false);
  await blocks.set(aria, { label: "persona", content: "I am Aria, a bard." });
  const actions = (await blocks.changes(aria, "persona", 10)).map((change) => change.action);
  assert.deepEqual(actions, ["set", "unlock", "create"]);
});

eachDatabase(
  "prompt sections keep creation order; user blocks only for who is talking",
  async (db) => {
    const { clock, blocks } = await open(db);
    await blocks.set(aria, { label: "world", content: "The city of Vell." });
    await blocks.set(aria, { label: "user:Tam", content: "Tam bakes bread.\nTam has a cat." });
    await blocks.set(aria, { label: "persona", content: "I am a bard." });
    await blocks.set(aria, { label: "user:Ilse", content: "Ilse sails." });
    await blocks.set(aria, { label: "empty" });
    clock.advance(1000);
    await blocks.set(aria, { label: "world", content: "The city of Vell, by the sea." });
    const sections = await blocks.sections(aria, ["tam"]);
    assert.deepEqual(sections, [
      { title: "Core memory [world]", lines: ["The city of Vell, by the sea."] },
      { title: "Core memory [user:Tam]", lines: ["Tam bakes bread.", "Tam has a cat."] },
      { title: "Core memory [persona]", lines: ["I am a bard."] },
    ]);
  },
);

eachDatabase(
  "a user block is for its name's look-alikes too, not for merely similar names",
  async (db) => {
    const { blocks } = await open(db);
    await blocks.set(aria, { label: "user:Kira", content: "Kira bakes." });
    const kiraSection = { title: "Core memory [user:Kira]", lines: ["Kira bakes."] };
    // Full-width, Cyrillic і, Cyrillic К in capitals: names refused beside Kira, so Kira.
    for (const present of ["\uff2b\uff49\uff52\uff41", "K\u0456ra", "\u041aIRA", "kira"]) {
      assert.deepEqual(await blocks.sections(aria, [present]), [kiraSection], present);
      const offered = await offeredBlocks(blocks, { persona: aria, sender: present });
      assert.deepEqual(offered.map((block) => block.label), ["user:Kira"], present);
    }
    for (const present of ["Kiran", "K\u00edra", "\u041a\u0438\u0440\u0430"]) {
      assert.deepEqual(await blocks.sections(aria, [present]), [], present);
      const offered = await offeredBlocks(blocks, { persona: aria, sender: present });
      // Kira's block is hers alone: a merely similar sender is offered only a new block of their own.
      assert.deepEqual(offered.map((block) => block.label), [`user:${present}`]);
    }
  },
);

Deno.test("blocks survive reopening the database; a persona has at most MAX_BLOCKS", async () => {
  const path = `${tempDirSync("blocks-")}/p.db`;
  const first = await open(new SqliteDatabase(path));
  for (let i = 0; i < MAX_BLOCKS; i++) await first.blocks.set(aria, { label: `b${i}` });
  await assert.rejects(first.blocks.set(aria, { label: "one-more" }), InvalidInput);
  await first.blocks.set(aria, { label: "b3", content: "kept", read_only: true });
  await first.db.close();
  const second = await open(new SqliteDatabase(path), { aria: false });
  try {
    const list = await second.blocks.list(aria);
    assert.equal(list.length, MAX_BLOCKS);
    assert.deepEqual(list.slice(0, 4).map((block) => block.label), ["b0", "b1", "b2", "b3"]);
    const kept = await second.blocks.get(aria, "b3");
    assert.equal(kept.content, "kept");
    assert.equal(kept.read_only, true);
  } finally {
    await second.db.close();
  }
});

eachDatabase("the change log of a block is bounded", async (db) => {
  const { blocks } = await open(db);
  await blocks.set(aria, { label: "log", limit: 100_000 });
  for (let i = 0; i < CHANGES_KEPT + 10; i++) {
    await blocks.append(aria, { label: "log", content: `line ${i}` });
  }
  const changes = await blocks.changes(aria, "log", 1000);
  assert.equal(changes.length, CHANGES_KEPT);
  assert.match(changes[0]!.content!, new RegExp(`line ${CHANGES_KEPT + 9}$`));
});

eachSharedDatabase(
  "two nodes creating blocks at once keep the limit of MAX_BLOCKS and a strict order",
  async (one, two, kind) => {
    const first = await open(one);
    // Two SQLite connections in one process would wait on each other's write lock on one thread
    // (processes do not): on SQLite, the two services share one connection.
    const second = await open(kind === "sqlite" ? one : two, { aria: false });
    const results = await Promise.allSettled(
      Array.from(
        { length: MAX_BLOCKS + 6 },
        (_, i) => (i % 2 ? second : first).blocks.set(aria, { label: `b${i}`, content: `${i}` }),
      ),
    );
    assert.equal(results.filter((result) => result.status === "fulfilled").length, MAX_BLOCKS);
    const refused = results.filter((result) => result.status === "rejected");
    assert.ok(refused.every((result) => result.reason instanceof InvalidInput));
    const list = await first.blocks.list(aria);
    assert.equal(list.length, MAX_BLOCKS);
    assert.equal(new Set(list.map((block) => block.position)).size, MAX_BLOCKS, "no shared place");
  },
);
