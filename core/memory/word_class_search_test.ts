import assert from "node:assert/strict";
import { ranked, told, withSqlite } from "./testing/told_memories.ts";

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
  await withSqlite(async (fixture) => {
    const ids = await told(fixture, { background: [], told: MEMORIES });
    assert.deepEqual((await ranked(fixture, "what run am I on")).slice(0, 2), [ids[2], ids[3]]);
  });
});
