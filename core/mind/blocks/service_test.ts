import assert from "node:assert/strict";
import { ManualClock } from "../../clock.ts";
import { Conflict, InvalidInput, NotFound } from "../../errors.ts";
import { personaMigrations, PersonaRepository } from "../../personas/mod.ts";
import { personaFixture } from "../../personas/testing/fixture.ts";
import { Database } from "../../storage/db.ts";
import { blockMigrations, CHANGES_KEPT, SqliteBlockRepository } from "./repository.ts";
import { MAX_BLOCKS } from "./schema.ts";
import { BlockService } from "./service.ts";

const aria = personaFixture("Aria");

function open(path = ":memory:") {
  const db = new Database(path);
  db.migrate([...personaMigrations, ...blockMigrations]);
  new PersonaRepository(db).save(aria);
  const clock = new ManualClock();
  const blocks = new BlockService({
    repository: new SqliteBlockRepository(db),
    clock,
    defaultLimit: 100,
  });
  return { db, clock, blocks };
}

Deno.test("a block's limit is enforced on set, append and a lowered limit", async () => {
  const { db, blocks } = open();
  try {
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
  } finally {
    db.close();
  }
});

Deno.test("a read-only block refuses edits until a call that only unlocks it", async () => {
  const { db, blocks } = open();
  try {
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
  } finally {
    db.close();
  }
});

Deno.test("prompt sections keep creation order; user blocks only for who is talking", async () => {
  const { db, clock, blocks } = open();
  try {
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
  } finally {
    db.close();
  }
});

Deno.test("blocks survive reopening the database; a persona has at most MAX_BLOCKS", async () => {
  const path = `${Deno.makeTempDirSync({ prefix: "blocks-" })}/p.db`;
  const first = open(path);
  for (let i = 0; i < MAX_BLOCKS; i++) await first.blocks.set(aria, { label: `b${i}` });
  await assert.rejects(first.blocks.set(aria, { label: "one-more" }), InvalidInput);
  await first.blocks.set(aria, { label: "b3", content: "kept", read_only: true });
  first.db.close();
  const second = open(path);
  try {
    const list = await second.blocks.list(aria);
    assert.equal(list.length, MAX_BLOCKS);
    assert.deepEqual(list.slice(0, 4).map((block) => block.label), ["b0", "b1", "b2", "b3"]);
    const kept = await second.blocks.get(aria, "b3");
    assert.equal(kept.content, "kept");
    assert.equal(kept.read_only, true);
  } finally {
    second.db.close();
  }
});

Deno.test("the change log of a block is bounded", async () => {
  const { db, blocks } = open();
  try {
    await blocks.set(aria, { label: "log", limit: 100_000 });
    for (let i = 0; i < CHANGES_KEPT + 10; i++) {
      await blocks.append(aria, { label: "log", content: `line ${i}` });
    }
    const changes = await blocks.changes(aria, "log", 1000);
    assert.equal(changes.length, CHANGES_KEPT);
    assert.match(changes[0]!.content!, new RegExp(`line ${CHANGES_KEPT + 9}$`));
  } finally {
    db.close();
  }
});
