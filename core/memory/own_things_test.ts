import assert from "node:assert/strict";
import { KIN_OTHERS } from "./kin_owners.ts";
import { OWN_THING_WORDS, ownThings, SPEAKER_OWNER } from "./own_things.ts";
import { askedPossessions, othersThingFactor } from "./possessed_topics.ts";
import { SqliteBackend } from "./sqlite_backend.ts";
import type { SqliteDatabase } from "../storage/mod.ts";
import { input, memoryFixture } from "./testing/contract_fixture.ts";

Deno.test("OWN_THING_WORDS is 3 and SPEAKER_OWNER is the stop word i: the speaker's thing is the words after my or our", () => {
  assert.equal(OWN_THING_WORDS, 3);
  assert.equal(SPEAKER_OWNER, "i");
  assert.deepEqual(ownThings("where did we have our wedding"), [
    { owner: "i", terms: ["wed"] },
  ]);
  assert.deepEqual(ownThings("My shiny new red bike is outside"), [
    { owner: "i", terms: ["shini", "new", "red"] },
  ]);
  // Each "my" of a clause is read, a mark or a function word ends the thing.
  assert.deepEqual(ownThings("my van and my bike, our dog"), [
    { owner: "i", terms: ["van"] },
    { owner: "i", terms: ["bike"] },
    { owner: "i", terms: ["dog"] },
  ]);
});

Deno.test("a possessive after my or our owns the thing: my son's school is the son's", () => {
  assert.deepEqual(ownThings("my son's school is Roundhay"), []);
  assert.deepEqual(ownThings("mummy said my"), []);
  assert.deepEqual(ownThings("mymy wedding"), []);
});

Deno.test("a question about the speaker's own thing: a line where it is only a named person's loses KIN_OTHERS", () => {
  const asked = askedPossessions("where did we have our wedding");
  assert.deepEqual(asked, [{ owner: SPEAKER_OWNER, terms: ["wed"] }]);
  const others = "the aunties were going on about Yetunde's wedding and I just nodded";
  assert.equal(othersThingFactor(asked, others), 1 - KIN_OTHERS);
  // The speaker's own, no one's, or a family word's (it may be the speaker's too) keep all.
  assert.equal(othersThingFactor(asked, "our wedding was at Leeds Register Office"), 1);
  assert.equal(othersThingFactor(asked, "Conor and me got wed at Leeds Register Office"), 1);
  assert.equal(othersThingFactor(asked, "Yetunde's wedding was loud, my wedding was quiet"), 1);
  assert.equal(othersThingFactor(asked, "Mum's wedding dress is in the loft"), 1);
});

Deno.test("through memory.search on SQLite, our wedding outranks a named person's wedding told in the speaker's voice", async () => {
  const f = await memoryFixture((db) => new SqliteBackend(db as SqliteDatabase));
  try {
    const lines = [
      "our wedding was at Leeds Register Office, the do after was in the church hall",
      "Yetunde's wedding was in the church hall and I danced all night",
      "Priya's netball training is Thursdays till 5:30 this term",
    ];
    const ids: string[] = [];
    for (const content of lines) {
      f.clock.advance(60_000);
      ids.push((await f.memory.store(f.aria, input({ content }))).id);
    }
    const found = await f.memory.search(f.aria, {
      query: "where was our wedding",
      n_results: 3,
      min_importance: 0,
    });
    assert.equal(found[0]?.id, ids[0], found.map((m) => m.content).join(" | "));
  } finally {
    await f.close();
  }
});
