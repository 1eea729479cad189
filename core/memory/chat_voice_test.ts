import assert from "node:assert/strict";
import { speakersRemark } from "./chat_voice.ts";
import { comparedVoice } from "./update_voices.ts";
import { changesSubjectOf } from "./update_evidence.ts";
import { input, type MemoryFixture, memoryFixture } from "./testing/contract_fixture.ts";
import { SqliteBackend } from "./sqlite_backend.ts";
import type { SqliteDatabase } from "../storage/mod.ts";

Deno.test("a chat remark with its subject left out, or 'us', is the speaker's; a remark about someone is not", () => {
  for (
    const text of [
      "practising the cello every night!!",
      "trying to cut down on sugar, down to one biscuit a day",
      "the old laptop finally gave up :( got a secondhand one from work",
      "cello fund is at $900!! could actually buy one by spring",
      "book club is every other tuesday at the library",
      "the hall flooded so rehearsal is on fridays in the church now",
      "Priya teaches us the harmonies now",
    ]
  ) assert.ok(speakersRemark(text), text);
  for (
    const text of [
      "Dev is a wedding photographer in Brussels",
      "Sam's rent is 900 euros",
      "The train was cancelled, so Dev came by bus",
      "morning walks are the best",
      "She moved to Leeds last year",
      "We talked about us for hours", // a talk report: its "us" is no fact of the group
    ]
  ) assert.ok(!speakersRemark(text), text);
  assert.ok(comparedVoice("other", "practising the cello every night!!"));
  assert.ok(!comparedVoice("other", "Dev is a wedding photographer in Brussels"));
  assert.ok(!comparedVoice("other"), "no text: no one's voice is compared");
});

Deno.test("a change acting on what an older fact opens with as its subject", () => {
  assert.ok(changesSubjectOf(
    "my dentist is dr. hale, the practice on mill lane",
    "switched dentists, I go to a clinic in york now",
  ));
  assert.ok(changesSubjectOf(
    "grandma is in a care home in Leeds",
    "we moved grandma to a place by the sea last week",
  ));
  // After "I" the opening words are a verb, no subject.
  assert.ok(!changesSubjectOf("I bike to work every day", "I sold the bike and take the bus now"));
  // The change acts on something else.
  assert.ok(
    !changesSubjectOf(
      "my dentist is dr. hale, the practice on mill lane",
      "switched banks, the new one is in york",
    ),
  );
});

/** Stores each of `told` a minute after the one before, after some chatter; their ids. */
async function told(fixture: MemoryFixture, told: readonly string[]): Promise<string[]> {
  for (
    const content of [
      "Traffic on the ring road was terrible this morning.",
      "It rained all weekend at the campsite.",
      "The neighbours' dog barked half the night.",
      "I finished a long novel about a lighthouse keeper.",
    ]
  ) await fixture.memory.store(fixture.aria, input({ content }));
  const ids: string[] = [];
  for (const content of told) {
    fixture.clock.advance(60_000);
    ids.push((await fixture.memory.store(fixture.aria, input({ content }))).id);
  }
  return ids;
}

async function first(fixture: MemoryFixture, query: string): Promise<string[]> {
  const hits = await fixture.memory.search(fixture.aria, {
    query,
    n_results: 5,
    min_importance: 0,
  });
  return hits.map((hit) => hit.id);
}

async function pair(older: string, newer: string, query: string): Promise<string[]> {
  const fixture = await memoryFixture((db) => new SqliteBackend(db as SqliteDatabase));
  try {
    const [old, update] = await told(fixture, [older, newer]);
    const hits = await first(fixture, query);
    return hits.map((id) => id === old ? "older" : id === update ? "newer" : "other");
  } finally {
    await fixture.close();
  }
}

Deno.test("search: an unlinked update told in chat style, its subject a bare noun, comes first (real SQLite)", async () => {
  const hits = await pair(
    "choir rehearsal is monday nights at the old school hall, 7 til 9",
    "the school hall flooded so choir rehearsal is thursdays at the library now",
    "what nights is choir rehearsal",
  );
  assert.deepEqual(hits.slice(0, 2), ["newer", "older"]);
});

Deno.test("search: a change acting on an older fact's subject is about the same thing (real SQLite)", async () => {
  const hits = await pair(
    "my dentist is dr. hale, the practice on mill lane",
    "switched dentists, I see a lovely woman called Okoro at the big clinic on 5th street now, way closer to work",
    "who is my dentist",
  );
  assert.deepEqual(hits.slice(0, 2), ["newer", "older"]);
});
