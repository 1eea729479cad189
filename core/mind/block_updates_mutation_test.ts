/**
 * Pins of fix129's block offers that mutation testing (mut46) found loose: group lines (no
 * single sender) are offered no user block at all, not even one of a user whose name is written
 * "null"; and MAX_SOURCES, the most memories one waiting extraction job gathers, is 20.
 */
import assert from "node:assert/strict";
import { ManualClock } from "../clock.ts";
import { personaMigrations, PersonaRepository } from "../personas/mod.ts";
import { personaFixture } from "../personas/testing/fixture.ts";
import { SqliteDatabase, storageMigrations } from "../storage/mod.ts";
import { offeredBlocks } from "./block_updates.ts";
import { blockMigrations, SqlBlockRepository } from "./blocks/repository.ts";
import { BlockService } from "./blocks/service.ts";
import { MAX_SOURCES } from "./extraction.ts";

const aria = personaFixture("Aria");

Deno.test("group lines are offered no user block, not even user:null", async () => {
  const db = new SqliteDatabase(":memory:");
  try {
    const migrations = [...storageMigrations, ...personaMigrations, ...blockMigrations];
    await db.migrate(migrations);
    await new PersonaRepository(db).insert(aria);
    const repository = new SqlBlockRepository(db);
    const blocks = new BlockService({ repository, clock: new ManualClock(), defaultLimit: 200 });
    await blocks.set(aria, { label: "user:null", content: "Null's own notes." });
    await blocks.set(aria, { label: "persona", content: "A kind librarian." });
    const group = await offeredBlocks(blocks, { persona: aria, sender: null });
    assert.deepEqual(group.map((block) => block.label), ["persona"]);
  } finally {
    await db.close();
  }
});

Deno.test("a waiting extraction job gathers at most 20 memories (MAX_SOURCES)", () => {
  assert.equal(MAX_SOURCES, 20);
});
