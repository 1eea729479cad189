import assert from "node:assert/strict";
import { ranked, told, withSqlite } from "./testing/told_memories.ts";

const MEMORIES = ["Dad ate a curry last night", "Dad likes dal and biscuits with his tea"];

Deno.test("search: a line told only in the past ranks below the habit asked in the present (real SQLite)", async () => {
  // "what does Dad like to eat" asks a habit; "Dad ate a curry last night" tells one occasion
  // and loses PAST_TOLD (told_tense.ts): without it, it holds "eat" as a form and ranks first.
  await withSqlite(async (fixture) => {
    const ids = await told(fixture, { background: [], told: MEMORIES });
    const order = await ranked(fixture, "what does Dad like to eat");
    assert.deepEqual(order.slice(0, 2), [ids[1], ids[0]]);
  });
});
