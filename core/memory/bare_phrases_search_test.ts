import assert from "node:assert/strict";
import { BACKGROUND, ranked, told, withSqlite } from "./testing/told_memories.ts";

Deno.test("search: the line holding a bare phrase in order ranks above one holding its words apart (real SQLite)", async () => {
  // "booked a dentist check-up at home time" holds "home" and "check" apart and loses
  // PHRASE_APART (bare_phrases.ts); without it, it ranks first.
  await withSqlite(async (fixture) => {
    const ids = await told(fixture, {
      background: BACKGROUND,
      told: [
        "the rescue want to do a home check before we adopt",
        "booked a dentist check-up at home time",
      ],
    });
    assert.deepEqual((await ranked(fixture, "home check")).slice(0, 2), ids);
  });
});
