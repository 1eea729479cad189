import assert from "node:assert/strict";
import { introducedNames, speakerNames } from "./speaker_names.ts";
import { input, memoryFixture } from "./testing/contract_fixture.ts";
import { SqliteBackend } from "./sqlite_backend.ts";
import type { SqliteDatabase } from "../storage/mod.ts";
import { UNNAMED } from "./ranking.ts";

Deno.test("a first-person introduction gives its speaker's names, as terms", () => {
  assert.deepEqual(introducedNames("I'm Maureen but everyone calls me Mo. Retired in 2016."), [
    "maureen",
    "mo",
  ]);
  assert.deepEqual(introducedNames("im jayden, 19, second year comp sci"), ["jayden"]);
  assert.deepEqual(introducedNames("My name is Sam and I bake."), ["sam"]);
  assert.deepEqual(introducedNames("The user is called Bob."), [], "not the speaker's own");
  assert.deepEqual(introducedNames("Jo from next door sings in a choir."), []);
});

Deno.test("speaker names: the query's names some candidate introduces as its speaker's", () => {
  const candidates = ["I'm Maureen but everyone calls me Mo.", "Mo's cousin Jo sings."].map(
    (content) => ({ record: { content } }),
  );
  assert.deepEqual(speakerNames(candidates, ["mo", "jo"]), ["mo"]);
  assert.deepEqual(speakerNames(candidates, []), []);
});

Deno.test("a first-person memory holds the name its speaker introduced: no UNNAMED for lacking it", async () => {
  const fixture = await memoryFixture((db) => new SqliteBackend(db as SqliteDatabase));
  try {
    for (
      const content of [
        "The ferry leaves at noon on Sundays.",
        "It rained all weekend at the campsite.",
        "I'm Maureen but everyone calls me Mo.",
      ]
    ) await fixture.memory.store(fixture.aria, input({ content }));
    const choir = await fixture.memory.store(
      fixture.aria,
      input({ content: "I sing alto in the community choir every week." }),
    );
    const other = await fixture.memory.store(
      fixture.aria,
      input({ content: "The user's neighbour sings in a church choir every week." }),
    );
    const hits = await fixture.memory.search(fixture.aria, {
      query: "Which choir does Mo sing in every week?",
      n_results: 5,
      min_importance: 0,
      explain: true,
    });
    const adjustment = (id: string) => hits.find((hit) => hit.id === id)?.score_parts?.adjustment;
    assert.equal(adjustment(choir.id), 1);
    assert.equal(adjustment(other.id), 1 - UNNAMED, "a memory in no one's voice holds no speaker");
  } finally {
    await fixture.close();
  }
});
