import assert from "node:assert/strict";
import { PersonaNotFound } from "../errors.ts";
import { runMemoryContract } from "./contract.ts";
import { input, memoryFixture } from "./contract_fixture.ts";
import { SqliteBackend } from "./sqlite_backend.ts";

Deno.test("the memory contract holds for the sqlite backend", async (t) => {
  await runMemoryContract(t, (db) => new SqliteBackend(db));
});

Deno.test("storing for a persona deleted meanwhile is persona-not-found, not a crash", async () => {
  const fixture = await memoryFixture((db) => new SqliteBackend(db));
  try {
    fixture.db.run("DELETE FROM personas WHERE id = ?", fixture.kira.id);
    await assert.rejects(
      fixture.memory.store(fixture.kira, input({ content: "x" })),
      PersonaNotFound,
    );
  } finally {
    await fixture.close();
  }
});
