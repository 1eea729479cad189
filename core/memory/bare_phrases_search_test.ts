import assert from "node:assert/strict";
import { BACKGROUND, ranked, told, topHits, withSqlite } from "./testing/told_memories.ts";
import { chatExchange, input } from "./testing/contract_fixture.ts";

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

Deno.test("search: 'house party in Fallowfield' ranks the line holding the phrase first (real SQLite)", async () => {
  // "Fallowfield party house" holds the words apart (and is shorter) and loses PHRASE_APART, as
  // one line of the pool holds the phrase (pooledPhrase, bare_phrases.ts); without it, it ranks
  // first.
  await withSqlite(async (fixture) => {
    const ids = await told(fixture, {
      background: BACKGROUND,
      told: [
        "I met Ana at a house party in Fallowfield when we were both students",
        "Fallowfield party house",
      ],
    });
    assert.deepEqual((await ranked(fixture, "house party in Fallowfield")).slice(0, 2), ids);
  });
});

Deno.test("search: keywords no line holds together cost no line its score (real SQLite)", async () => {
  // "lighthouse painted": no line holds the two words side by side, so none loses PHRASE_APART
  // and every hit keeps the adjustment it had without the rule (1 here).
  await withSqlite(async (fixture) => {
    const ids = await told(fixture, {
      background: BACKGROUND,
      told: ["The lighthouse is painted blue now", "The lighthouse keeper paints the lighthouse"],
    });
    const hits = await topHits(fixture, "lighthouse painted", { explain: true });
    const stored = hits.filter((hit) => ids.includes(hit.id));
    assert.equal(stored.length, 2);
    for (const hit of stored) assert.equal(hit.score_parts?.adjustment, 1, hit.content);
  });
});

Deno.test("search: a phrase only a superseded line holds costs the current lines nothing (real SQLite)", async () => {
  // Only "A blue lighthouse stood by the harbour." holds "blue lighthouse", and it is superseded:
  // history, cut from what is recalled, so the phrase names nothing the store speaks of now and
  // the current lines keep adjustment 1 (review44c F1; reading the pool with it gave them 0.8).
  await withSqlite(async (fixture) => {
    const ids = await told(fixture, {
      background: BACKGROUND,
      told: [
        "The lighthouse on the point is painted blue.",
        "We walked to the lighthouse and it looked blue in the fog.",
      ],
    });
    const old = await fixture.memory.store(
      fixture.aria,
      input({ content: "A blue lighthouse stood by the harbour." }),
    );
    const replacement = await fixture.memory.store(
      fixture.aria,
      input({ content: "The harbour light is now a white tower.", supersedes: [old.id] }),
    );
    const hits = await topHits(fixture, "blue lighthouse", { n_results: 8, explain: true });
    const current = hits.filter((hit) => [...ids, replacement.id].includes(hit.id));
    assert.equal(current.length, 3);
    for (const hit of current) assert.equal(hit.score_parts?.adjustment, 1, hit.content);
  });
});

Deno.test("search: a kept exchange repeating the phrase as its message costs the facts nothing (real SQLite)", async () => {
  // "Sounds good thanks" said again: the kept exchange holds the words only as the same message,
  // not as a unit the store speaks of, so the fact keeps adjustment 1 (review44c F2; counting the
  // exchange as a holder gave the fact 0.8).
  await withSqlite(async (fixture) => {
    const [fact] = await told(fixture, {
      background: BACKGROUND,
      told: ["The user sounds tired lately and thanks Aria for the good advice."],
    });
    await chatExchange(fixture, "Sounds good thanks");
    const hits = await topHits(fixture, "Sounds good thanks", { explain: true });
    const factHit = hits.find((hit) => hit.id === fact);
    assert.equal(factHit?.score_parts?.adjustment, 1);
  });
});
