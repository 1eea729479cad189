/**
 * Contract cases, part 1: store, get, search (filters, ranking, access counts, recency). Test
 * code only; `contract.ts` runs them (update, delete, stats, list and the conversation seam are
 * `contract_records.ts`'s).
 *
 * @module
 */
import assert from "node:assert/strict";
import { InvalidInput, NotFound } from "../../errors.ts";
import { daysAgo, input, type MemoryFixture } from "./contract_fixture.ts";

/** One contract case. */
export type ContractCase = [name: string, run: (fixture: MemoryFixture) => Promise<void>];

/** Aria's five best hits for `query`, whatever their importance (`extra` adds parameters). */
export const search = (f: MemoryFixture, query: string, extra: Record<string, unknown> = {}) =>
  f.memory.search(f.aria, { query, n_results: 5, min_importance: 0, ...extra });

/** The store/get/search cases. */
export const SEARCH_CASES: ContractCase[] = [
  [
    "store keeps every field, scores importance when not given, and get reads it back",
    async (f) => {
      const created = daysAgo(f.clock, 40);
      const stored = await f.memory.store(
        f.aria,
        input({
          content: "Kira gave me a silver flute for my birthday",
          memory_type: "observation",
          emotional_valence: 0.8,
          related_personas: [f.kira.id],
          visibility: "shared",
          metadata: { place: "harbor", tags: ["gift"] },
          created_at: created,
        }),
      );
      const got = await f.memory.get(stored.id);
      assert.deepEqual(got, stored);
      assert.equal(got.created_at, created);
      assert.equal(got.importance_set_at, created);
      assert.equal(got.accessed_count, 0);
      assert.equal(got.last_accessed, null);
      assert.equal(got.embedder, f.memory.embedderId);
      assert.ok(got.importance > 0 && got.importance <= 1);
      const given = await f.memory.store(
        f.aria,
        input({ content: "A plain note", importance: 0.42 }),
      );
      assert.equal((await f.memory.get(given.id)).importance, 0.42);
      assert.equal(given.memory_type, "conversation");
      assert.equal(given.visibility, "private");
    },
  ],
  ["created_at in the future is refused; an unknown id is NotFound", async (f) => {
    const future = new Date(f.clock.now() + 86_400_000).toISOString();
    await assert.rejects(
      f.memory.store(f.aria, input({ content: "x", created_at: future })),
      InvalidInput,
    );
    await assert.rejects(f.memory.get("no-such-memory"), NotFound);
  }],
  [
    'search matches word forms ("moved" finds "moving") and ranks the relevant memory first',
    async (f) => {
      await f.memory.storeMany(f.aria, [
        input({ content: "We are moving to Lisbon next spring" }),
        input({ content: "The weather is nice today" }),
        input({ content: "I practised the lute all evening" }),
      ]);
      const hits = await search(f, "when we moved house");
      assert.equal(hits[0]!.content, "We are moving to Lisbon next spring");
      assert.ok(
        hits.every((hit) => hit.content !== "The weather is nice today"),
        "no unrelated hits",
      );
      assert.ok(hits[0]!.score > 0 && hits[0]!.score <= 1);
    },
  ],
  ["a rare name is found among hundreds of memories", async (f) => {
    const filler = Array.from(
      { length: 300 },
      (_, i) =>
        input({ content: `Day ${i}: we talked about the harbor, the market and the weather` }),
    );
    await f.memory.storeMany(f.aria, [
      ...filler,
      input({ content: "Zephyrine owes me three coins" }),
    ]);
    const [best] = await search(f, "Zephyrine");
    assert.equal(best!.content, "Zephyrine owes me three coins");
  }],
  ["filters: n_results, min_importance, memory_type", async (f) => {
    await f.memory.storeMany(f.aria, [
      input({
        content: "dragon sighting over the hills",
        importance: 0.9,
        memory_type: "observation",
      }),
      input({ content: "dragon stories at the tavern", importance: 0.3 }),
      input({ content: "a dragon kite for the festival", importance: 0.5 }),
    ]);
    assert.equal((await search(f, "dragon", { n_results: 2 })).length, 2);
    const important = await search(f, "dragon", { min_importance: 0.5 });
    assert.deepEqual(important.map((hit) => hit.importance).sort(), [0.5, 0.9]);
    const observed = await search(f, "dragon", { memory_type: "observation" });
    assert.deepEqual(observed.map((hit) => hit.memory_type), ["observation"]);
  }],
  ["each hit counts as an access: accessed_count and last_accessed move", async (f) => {
    const stored = await f.memory.store(f.aria, input({ content: "The lighthouse keeper sings" }));
    f.clock.advance(5000);
    const [hit] = await search(f, "lighthouse keeper");
    assert.equal(hit!.accessed_count, 1);
    const expected = new Date(f.clock.now()).toISOString();
    assert.equal(hit!.last_accessed, expected);
    await search(f, "lighthouse");
    const got = await f.memory.get(stored.id);
    assert.equal(got.accessed_count, 2);
    assert.equal(got.last_accessed, expected);
  }],
  ["recency decays per hour since last use; minutes apart, relevance decides", async (f) => {
    const old = await f.memory.store(
      f.aria,
      input({
        content: "the blue door of the bakery",
        importance: 0.5,
        created_at: daysAgo(f.clock, 60),
      }),
    );
    await f.memory.store(
      f.aria,
      input({ content: "the blue door of the bakery", importance: 0.5 }),
    );
    const [first] = await search(f, "blue door bakery");
    assert.notEqual(first!.id, old.id, "of two equal memories the recent one ranks first");

    f.clock.advance(86_400_000);
    const near = await f.memory.store(
      f.aria,
      input({ content: "owl feathers in the attic", importance: 0.5 }),
    );
    f.clock.advance(5 * 60_000);
    await f.memory.store(f.aria, input({ content: "the attic is dusty", importance: 0.5 }));
    const [top] = await search(f, "owl feathers attic");
    assert.equal(top!.id, near.id, "five minutes older but more relevant wins");
  }],
];
