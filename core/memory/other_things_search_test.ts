import assert from "node:assert/strict";
import { BACKGROUND, ranked, told, withSqlite } from "./testing/told_memories.ts";

Deno.test("search: a line holding what is asked of a named person ranks above another of their things (real SQLite)", async () => {
  // "Oskar's been learning Italian ..." holds Oskar three times and nothing else the question
  // asks: no "work", no relative of it ("job" is one), no answer of a type; it loses
  // OTHER_THING (other_things.ts). Without the rule it ranks first, by a hair (0.409 / 0.407).
  await withSqlite(async (fixture) => {
    const ids = await told(fixture, {
      background: BACKGROUND,
      told: [
        "Lena's brother Oskar has a job at the big bakery on Mill Lane near the old station, nights mostly, and he hates the early starts and the noise",
        "Oskar's been learning Italian, Oskar is hopeless at it but Oskar keeps going",
      ],
    });
    assert.deepEqual((await ranked(fixture, "what's Oskar's work")).slice(0, 2), ids);
  });
});
