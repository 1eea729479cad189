import assert from "node:assert/strict";
import { BACKGROUND, ranked, told, withSqlite } from "./testing/told_memories.ts";
import { input } from "./testing/contract_fixture.ts";

Deno.test("search: an unlinked update in the group's voice comes first, the fact it replaces just below (real SQLite)", async () => {
  await withSqlite(async (fixture) => {
    const [older, newer] = await told(fixture, {
      background: BACKGROUND,
      told: [
        "We keep three goats in the meadow behind the barn.",
        "We sold the goats in the spring, so there are no more animals in the meadow.",
      ],
    });
    const hits = await ranked(fixture, "Do we keep goats?");
    assert.equal(hits[0], newer);
    assert.equal(hits[1], older);
  });
});

Deno.test("search: an unlinked update told in the group's voice replaces the persona's own fact (real SQLite)", async () => {
  await withSqlite(async (fixture) => {
    const [older, newer] = await told(fixture, {
      background: BACKGROUND,
      told: [
        "I rent a small studio flat near the harbour.",
        "We left the studio flat near the harbour and now rent a cottage in the hills.",
      ],
    });
    const hits = await ranked(fixture, "Do I rent a flat near the harbour?");
    assert.equal(hits[0], newer);
    assert.equal(hits[1], older);
  });
});

Deno.test("search: two remarks in no one's voice about one person are no fact and its update (real SQLite)", async () => {
  await withSqlite(async (fixture) => {
    // Both name Noor and align well in meaning, and the newer says "now": compared as the
    // persona's own memories would be, the newer one would replace the older.
    const [older, newer] = await told(fixture, {
      background: BACKGROUND,
      told: [
        "Noor just turned six and started going to the village school.",
        "Noor learned to ride a bike this summer and now rides it to school.",
      ],
    });
    const hits = await ranked(fixture, "How old is Noor?");
    assert.equal(hits[0], older);
    assert.equal(hits[1], newer);
  });
});

Deno.test("search: a memory stored with supersedes replaces what it names, no other fact by inference (real SQLite)", async () => {
  await withSqlite(async (fixture) => {
    // The move names Lars and Kenora as the lodge does, and matches "Lars" about as well: read
    // as an unlinked update it would replace the lodge. Its writer linked it to where mom lived.
    const [mom, lodge] = await told(fixture, {
      background: BACKGROUND,
      told: [
        "My mom lives in a care home in Thunder Bay.",
        "My brother Lars runs a fishing lodge outside Kenora.",
      ],
    });
    fixture.clock.advance(60_000);
    const move = await fixture.memory.store(
      fixture.aria,
      input({
        content: "We moved mom to a care home in Kenora so Lars can see her every day.",
        supersedes: [mom!],
      }),
    );
    const hits = await ranked(fixture, "Who is my brother Lars?");
    assert.equal(hits[0], lodge);
    assert.equal(hits[1], move.id);
  });
});

Deno.test("search: a newer memory about the same thing that states a new number comes first without a word of change (real SQLite)", async () => {
  await withSqlite(async (fixture) => {
    const [older, newer] = await told(fixture, {
      background: BACKGROUND,
      told: [
        "My resting heart rate is 72 beats a minute.",
        "At the check-up my resting heart rate was 58 beats a minute.",
      ],
    });
    const hits = await ranked(fixture, "What is my resting heart rate?");
    assert.equal(hits[0], newer);
    assert.equal(hits[1], older);
  });
});

for (
  const [query, fact, later] of [
    [
      "Where does my sister work?",
      "My sister left her job at the bank and works at a bakery.",
      "My sister left her phone at the bakery yesterday.",
    ],
    [
      "Where did my friend move?",
      "My best friend moved to Canada.",
      "My friend moved to a bigger flat in Leeds.",
    ],
  ]
) {
  Deno.test(`search: a later memory whose only word of change is the fact's own replaces no fact: "${query}" (real SQLite)`, async () => {
    await withSqlite(async (fixture) => {
      const [older] = await told(fixture, { background: BACKGROUND, told: [fact!, later!] });
      assert.equal((await ranked(fixture, query!))[0], older);
    });
  });
}

for (
  const [query, fact, update] of [
    [
      "What car do I drive?",
      "I sold my bike and drive a Volvo.",
      "I sold the Volvo and drive a Tesla.",
    ],
    ["Which gym do I go to?", "I changed gyms to FitLife.", "I changed gyms to IronWorks."],
  ]
) {
  Deno.test(`search: the next link of a chain of updates, told with the fact's own verb, comes first: "${query}" (real SQLite)`, async () => {
    await withSqlite(async (fixture) => {
      const [older, newer] = await told(fixture, {
        background: BACKGROUND,
        told: [fact!, update!],
      });
      assert.deepEqual((await ranked(fixture, query!)).slice(0, 2), [newer, older]);
    });
  });
}

for (
  const [fact, later] of [
    [
      "I am clumsy and often drop things.",
      "I was clumsy today and dropped my keys down the drain.",
    ],
    ["I am clumsy and often drop my keys.", "I was clumsy and dropped my keys down the drain."],
    ["I am clumsy and often drop things.", "Being clumsy, I dropped things all over the kitchen."],
  ]
) {
  Deno.test(`search: a habit's verb of change in a later mishap replaces no fact: "${later}" (real SQLite)`, async () => {
    await withSqlite(async (fixture) => {
      const [older] = await told(fixture, { background: BACKGROUND, told: [fact!, later!] });
      assert.equal((await ranked(fixture, "Am I clumsy?"))[0], older);
    });
  });
}

for (
  const [query, fact, update] of [
    [
      "Do I still live in Berlin?",
      "I moved to Berlin for my studies.",
      "I moved to Lisbon last spring.",
    ],
    [
      "What milk do I take in my coffee?",
      "I switched to oat milk in my coffee.",
      "I switched to soy milk.",
    ],
  ]
) {
  Deno.test(`search: the speaker's own change to a new value, told with the fact's own verb, comes first: "${query}" (real SQLite)`, async () => {
    await withSqlite(async (fixture) => {
      const [older, newer] = await told(fixture, {
        background: BACKGROUND,
        told: [fact!, update!],
      });
      assert.deepEqual((await ranked(fixture, query!)).slice(0, 2), [newer, older]);
    });
  });
}
