/**
 * Search tests of a value of one thing restated with another and no word of change
 * (`restated_values.ts`, read by `update_pairs.ts`): stored without links, the newer one comes
 * first for a question on that slot, and only there; two that can both be true keep their order.
 */
import assert from "node:assert/strict";
import { BACKGROUND, ranked, told, withSqlite } from "./testing/told_memories.ts";

/** A fact, then a newer value of its slot told with no word of change, and a question on it. */
const RESTATED: { fact: string; newer: string; query: string }[] = [
  {
    fact: "The cataract operation on my left eye is on 12 March at Southampton General.",
    newer: "The cataract operation is on 2 April, same time, same ward.",
    query: "When is my cataract operation?",
  },
  {
    fact: "I sing alto in the gospel choir, rehearsal is on Wednesday nights at the church.",
    newer: "Choir rehearsal is on Tuesday nights this term.",
    query: "Which night is choir rehearsal?",
  },
  {
    fact: "I'm doing an Open University degree in criminology, second year, one module a year.",
    newer: "Third year of my Open University criminology degree, the essays are brutal.",
    query: "What year of my degree am I in?",
  },
];

for (const { fact, newer, query } of RESTATED) {
  Deno.test(`search: a value restated with no word of change comes first: "${query}" (real SQLite)`, async () => {
    await withSqlite(async (fixture) => {
      const [older, newerId] = await told(fixture, { background: BACKGROUND, told: [fact, newer] });
      const hits = await ranked(fixture, query);
      assert.equal(hits[0], newerId);
      assert.equal(hits[1], older);
    });
  });
}

Deno.test("search: two lessons on two days can both be true, the one asked stays first (real SQLite)", async () => {
  await withSqlite(async (fixture) => {
    const [swimming, piano] = await told(fixture, {
      background: BACKGROUND,
      told: [
        "My swimming lesson is on Mondays at the leisure centre.",
        "My piano lesson is on Thursdays at the leisure centre.",
      ],
    });
    const hits = await ranked(fixture, "When is my swimming lesson?");
    assert.equal(hits[0], swimming);
    assert.notEqual(hits[0], piano);
  });
});

Deno.test("search: a restated value is no update for a question on another slot (real SQLite)", async () => {
  await withSqlite(async (fixture) => {
    const [older] = await told(fixture, {
      background: BACKGROUND,
      told: [
        "I sing alto in the gospel choir, rehearsal is on Wednesday nights at the church.",
        "Choir rehearsal is on Tuesday nights this term.",
      ],
    });
    assert.equal((await ranked(fixture, "What part do I sing in the gospel choir?"))[0], older);
  });
});
