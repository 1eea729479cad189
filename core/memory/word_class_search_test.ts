import assert from "node:assert/strict";
import { input, memoryFixture } from "./testing/contract_fixture.ts";
import { SqliteBackend } from "./sqlite_backend.ts";
import type { SqliteDatabase } from "../storage/mod.ts";

const MEMORIES = [
  "Traffic on the ring road was terrible this morning.",
  "the kids want pizza again tonight",
  "I am back on the Winnipeg run this month, out Monday back Thursday, long days through " +
  "Kenora and Dryden",
  "I'm running behind",
];

Deno.test('search: a noun asked after "what" does not match the verb after "I\'m" in full (real SQLite)', async () => {
  // "run" is the head of what "what" asks for, "running" follows "I'm": the other class, so
  // the short remark loses OTHER_CLASS and the route ranks first (session 37, set 17).
  const fixture = await memoryFixture((db) => new SqliteBackend(db as SqliteDatabase));
  try {
    const ids: string[] = [];
    for (const content of MEMORIES) {
      fixture.clock.advance(60_000);
      ids.push((await fixture.memory.store(fixture.aria, input({ content }))).id);
    }
    const hits = await fixture.memory.search(fixture.aria, {
      query: "what run am I on",
      n_results: 5,
      min_importance: 0,
    });
    assert.deepEqual(hits.slice(0, 2).map((hit) => hit.id), [ids[2], ids[3]]);
  } finally {
    await fixture.close();
  }
});
