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

Deno.test("search: a past that began a state answers a habit asked in the present (real SQLite)", async () => {
  // "I began working at Tesco" tells where I work now (told_beginnings.ts); read as told only in
  // the past it would lose PAST_TOLD and rank below a present line that shares only "work".
  const cases = [
    {
      query: "where do I work",
      told: ["I began working at Tesco in May", "I work from home on Fridays"],
    },
    {
      query: "what does Nan take for her heart",
      told: [
        "Nan started taking bisoprolol for her heart",
        "Nan takes her heart tablets with breakfast",
      ],
    },
  ];
  for (const { query, told: memories } of cases) {
    await withSqlite(async (fixture) => {
      const ids = await told(fixture, { background: [], told: memories });
      assert.deepEqual((await ranked(fixture, query)).slice(0, 2), ids, query);
    });
  }
});

Deno.test("search: one occasion's onset ranks below the habit asked in the present (real SQLite)", async () => {
  // review41a: "I started crying at the vet yesterday" read as a beginning kept its whole score
  // and ranked above the habit; an aspectual verb with one occasion's time tells no state
  // (told_beginnings.ts), so it loses PAST_TOLD again.
  await withSqlite(async (fixture) => {
    const ids = await told(fixture, {
      background: [],
      told: ["I started crying at the vet yesterday", "I cry at every film"],
    });
    assert.deepEqual((await ranked(fixture, "do I cry a lot")).slice(0, 2), [ids[1], ids[0]]);
  });
});
