/**
 * Contract cases, part 1: store, get, search (filters, ranking, access counts), update, delete,
 * stats, the conversation seam. Test code only; `contract.ts` runs them.
 *
 * @module
 */
import assert from "node:assert/strict";
import { InvalidInput, NotFound } from "../../errors.ts";
import { LocalEmbedder } from "../embedder.ts";
import { daysAgo, input, type MemoryFixture } from "./contract_fixture.ts";

/** One contract case. */
export type ContractCase = [name: string, run: (fixture: MemoryFixture) => Promise<void>];

const search = (f: MemoryFixture, query: string, extra: Record<string, unknown> = {}) =>
  f.memory.search(f.aria, { query, n_results: 5, min_importance: 0, ...extra });

/** The store/search/update/delete/stats/visibility cases. */
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
  [
    "update corrects content (re-embedded), importance and visibility; empty updates fail",
    async (f) => {
      const stored = await f.memory.store(f.aria, input({ content: "My sister lives in Porto" }));
      const updated = await f.memory.update(stored.id, {
        content: "My sister lives in Madrid",
        importance: 0.95,
        visibility: "public",
      });
      assert.equal(updated.content, "My sister lives in Madrid");
      assert.deepEqual(await f.memory.get(stored.id), updated);
      assert.equal(updated.base_importance, 0.95);
      const [hit] = await search(f, "Madrid");
      assert.equal(hit?.id, stored.id);
      const [vector] = await new LocalEmbedder().embed(["Porto"]);
      const porto = await f.backend.candidates({
        personaId: f.aria.id,
        othersVisibility: [],
        vector: vector!,
        embedder: f.memory.embedderId,
        terms: ["porto"],
        minImportance: 0,
        limit: 10,
      });
      assert.ok(
        porto.every((candidate) => candidate.lexical === 0),
        "the old words are gone from BM25",
      );
      await assert.rejects(f.memory.update(stored.id, {}), InvalidInput);
      await assert.rejects(f.memory.update("missing", { importance: 0.1 }), NotFound);
    },
  ],
  ["delete removes a memory from get and search", async (f) => {
    const stored = await f.memory.store(
      f.aria,
      input({ content: "The secret tunnel under the mill" }),
    );
    const deleted = await f.memory.delete(stored.id);
    assert.equal(deleted.id, stored.id);
    await assert.rejects(f.memory.get(stored.id), NotFound);
    assert.equal((await search(f, "secret tunnel mill")).length, 0);
    await assert.rejects(f.memory.delete(stored.id), NotFound);
  }],
  ["stats: totals, per type, average and high importance, oldest and newest", async (f) => {
    const [first] = await f.memory.storeMany(f.aria, [
      input({ content: "a", importance: 0.2, created_at: daysAgo(f.clock, 10) }),
      input({ content: "b", importance: 0.8, memory_type: "reflection" }),
      input({
        content: "c",
        importance: 0.5,
        created_at: daysAgo(f.clock, 3),
        visibility: "public",
      }),
    ]);
    const stats = await f.memory.stats(f.aria);
    assert.equal(stats.total_memories, 3);
    assert.deepEqual(stats.memory_types, { conversation: 2, reflection: 1 });
    assert.equal(stats.average_importance, 0.5);
    assert.equal(stats.high_importance_count, 1);
    assert.equal(stats.oldest_memory, daysAgo(f.clock, 10));
    assert.equal(stats.newest_memory, new Date(f.clock.now()).toISOString());
    assert.deepEqual(stats.by_visibility, { private: 2, shared: 0, public: 1 });
    assert.deepEqual(
      Object.keys(stats.memory_types),
      ["conversation", "reflection"],
      "oldest first",
    );
    assert.equal(stats.total_accesses, 0);
    assert.equal(stats.needs_reindex, 0);
    assert.equal((await f.memory.stats(f.kira)).total_memories, 0);
    await f.backend.touch([first!], daysAgo(f.clock, 1));
    assert.equal((await f.memory.stats(f.aria)).total_accesses, 1);
    assert.deepEqual(await f.memory.stats(f.kira), {
      persona_id: f.kira.id,
      total_memories: 0,
      memory_types: {},
      average_importance: 0,
      high_importance_count: 0,
      oldest_memory: null,
      newest_memory: null,
      by_visibility: { private: 0, shared: 0, public: 0 },
      total_accesses: 0,
      embedder: f.memory.embedderId,
      needs_reindex: 0,
      backend: f.backend.name,
    });
  }],
  [
    "list pages newest first (stored order among equal times), with the total, by type",
    async (f) => {
      const older = await f.memory.storeMany(f.aria, [
        input({ content: "first old", created_at: daysAgo(f.clock, 5) }),
        input({
          content: "second old",
          created_at: daysAgo(f.clock, 5),
          memory_type: "reflection",
        }),
        input({ content: "oldest", created_at: daysAgo(f.clock, 9) }),
      ]);
      await f.memory.storeMany(f.aria, [
        input({ content: "new a", memory_type: "reflection" }),
        input({ content: "new b" }),
      ]);
      await f.memory.store(f.kira, input({ content: "not Aria's" }));
      const contents = async (options: { limit: number; offset: number; memoryType?: string }) => {
        const page = await f.memory.list(f.aria, options);
        return { total: page.total, contents: page.memories.map((memory) => memory.content) };
      };
      assert.deepEqual(await contents({ limit: 10, offset: 0 }), {
        total: 5,
        contents: ["new b", "new a", "second old", "first old", "oldest"],
      });
      assert.deepEqual(await contents({ limit: 2, offset: 1 }), {
        total: 5,
        contents: ["new a", "second old"],
      });
      assert.deepEqual(await contents({ limit: 5, offset: 5 }), { total: 5, contents: [] });
      assert.deepEqual(await contents({ limit: 1, offset: 1, memoryType: "reflection" }), {
        total: 2,
        contents: ["second old"],
      });
      assert.deepEqual(await contents({ limit: 5, offset: 0, memoryType: "dream" }), {
        total: 0,
        contents: [],
      });
      const [listed] = (await f.memory.list(f.aria, { limit: 1, offset: 4 })).memories;
      assert.deepEqual(listed, older[2], "every field, as stored");
    },
  ],
  [
    "the conversation seam: rememberExchange stores scored exchanges; recall finds them",
    async (f) => {
      for (
        const line of ["I learned a fire spell", "Magic spells need focus", "A spell of light"]
      ) {
        await f.memory.rememberExchange({
          persona: f.aria,
          sender: "user-1",
          roomId: null,
          message: line,
          response: "How wonderful!",
        });
      }
      const { memory_id } = await f.memory.rememberExchange({
        persona: f.aria,
        sender: "Kira",
        roomId: "tavern",
        message: "Tea?",
        response: "Yes",
      });
      const fromKira = await f.memory.get(memory_id);
      assert.deepEqual(fromKira.related_personas, [f.kira.id]);
      assert.deepEqual(fromKira.metadata, { sender: "Kira", room_id: "tavern" });
      const recalled = await f.memory.recall(f.aria, "magic spells", { limit: 5 });
      assert.equal(recalled.length, 3);
      assert.ok(
        recalled.every((item) =>
          item.memory_type === "conversation" && /spell/i.test(item.content)
        ),
      );
      assert.deepEqual(await f.memory.recall(f.aria, "   ", { limit: 5 }), []);

      await f.memory.rememberTurn({
        dialogueId: "c1",
        speaker: f.kira,
        listeners: [f.aria],
        content: "The northern library hides a map",
        topic: "maps",
        quality: 0.6,
      });
      const [heard] = await f.memory.search(f.aria, {
        query: "library map",
        n_results: 1,
        min_importance: 0,
      });
      assert.equal(heard!.content, "Kira said (about maps): The northern library hides a map");
      assert.deepEqual(heard!.related_personas, [f.kira.id]);
      assert.equal(heard!.emotional_valence, 0.6);
      const [said] = await f.memory.search(f.kira, {
        query: "library map",
        n_results: 1,
        min_importance: 0,
      });
      assert.equal(said!.content, "I said to Aria (about maps): The northern library hides a map");
    },
  ],
];
