import assert from "node:assert/strict";
import { JOINERS, pairsMe } from "./paired_me.ts";
import { voiceOf } from "./query.ts";
import { words } from "./text.ts";
import { input, memoryFixture } from "./testing/contract_fixture.ts";
import { SqliteBackend } from "./sqlite_backend.ts";
import type { SqliteDatabase } from "../storage/mod.ts";

Deno.test("'me' paired by 'and' or 'n', on either side, is the speaker; alone or in 'between you and me' it is not", () => {
  assert.deepEqual([...JOINERS].sort(), ["and", "n"]);
  for (
    const text of [
      "every winter me and lars go ice fishing",
      "colleen and me met at a social",
      "me n leah booked ibiza",
      "dale n me went for wings",
      "she drove colleen and me to the airport",
    ]
  ) assert.ok(pairsMe(words(text)), text);
  for (
    const text of [
      "colleen got me a kindle",
      "tell me about lars and donna",
      "between you and me raj is quitting",
      "between me and you raj is quitting",
      "between me n you raj is quitting",
      "me",
      "and",
      "",
    ]
  ) assert.ok(!pairsMe(words(text)), text);
});

Deno.test("voiceOf: a line pairing 'me' with someone is the speaker's; other people's facts stay no one's", () => {
  for (
    const text of [
      "every winter me and loss go ice fishing on lake of the woods",
      "Colleen and me met at a social at the legion hall",
      "me n leah are off to ibiza in august",
      "me and Zoë go skiing every winter", // not ASCII: the Unicode path
      "Zoë and me share a flat in Kraków",
    ]
  ) assert.equal(voiceOf(text), "self", text);
  for (
    const text of [
      "Colleen's dad had a heart attack",
      "Raj's truck is a Kenworth",
      "Colleen got me a Kindle for Christmas",
      "between you and me, Raj is quitting",
      "between you and me, Zoë is quitting",
      "between me and you, Raj is quitting",
    ]
  ) assert.equal(voiceOf(text), "other", text);
});

Deno.test("search: a first-person question ranks the speaker's 'me and X' line above someone else's shorter one (real SQLite)", async () => {
  const fixture = await memoryFixture((db) => new SqliteBackend(db as SqliteDatabase));
  try {
    const ours = await fixture.memory.store(
      fixture.aria,
      input({ content: "every winter me and Lars go ice fishing up on Lake of the Woods" }),
    );
    const theirs = await fixture.memory.store(
      fixture.aria,
      input({ content: "Raj goes ice fishing every winter" }),
    );
    const hits = await fixture.memory.search(fixture.aria, {
      query: "when do I go ice fishing",
      n_results: 5,
      min_importance: 0,
    });
    assert.deepEqual(hits.slice(0, 2).map((hit) => hit.id), [ours.id, theirs.id]);
  } finally {
    await fixture.close();
  }
});
