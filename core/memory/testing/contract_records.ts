/**
 * Contract cases, part 1b: update, delete, stats, list pages and the conversation seam. Test
 * code only; `contract.ts` runs them right after `contract_search.ts`'s.
 *
 * @module
 */
import assert from "node:assert/strict";
import { InvalidInput, NotFound } from "../../errors.ts";
import { LocalEmbedder } from "../embedder.ts";
import { daysAgo, input, type MemoryFixture } from "./contract_fixture.ts";
import { type ContractCase, search } from "./contract_search.ts";

/**
 * Memories stored with one creation time as `memory.list` orders them, newest first: the last
 * stored first, or, on a backend without a storing order (Chroma), by id, highest first.
 */
function tiedNewestFirst<T extends { id: string }>(f: MemoryFixture, tied: readonly T[]): T[] {
  if (f.backend.name !== "chroma") return tied.toReversed();
  return tied.toSorted((a, b) => a.id < b.id ? 1 : a.id > b.id ? -1 : 0);
}

/** The update/delete/stats/list/conversation cases. */
export const RECORD_CASES: ContractCase[] = [
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
    "list pages newest first (stored order among equal times; Chroma: id), with the total, by type",
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
      const newer = await f.memory.storeMany(f.aria, [
        input({ content: "new a", memory_type: "reflection" }),
        input({ content: "new b" }),
      ]);
      await f.memory.store(f.kira, input({ content: "not Aria's" }));
      const contents = async (options: { limit: number; offset: number; memoryType?: string }) => {
        const page = await f.memory.list(f.aria, options);
        return { total: page.total, contents: page.memories.map((memory) => memory.content) };
      };
      const order = [
        ...tiedNewestFirst(f, newer),
        ...tiedNewestFirst(f, older.slice(0, 2)),
        older[2]!,
      ]
        .map((memory) => memory.content);
      assert.deepEqual(await contents({ limit: 10, offset: 0 }), { total: 5, contents: order });
      assert.deepEqual(await contents({ limit: 2, offset: 1 }), {
        total: 5,
        contents: order.slice(1, 3),
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
    "list pages after the last memory sent: stores and deletes meanwhile neither repeat nor skip",
    async (f) => {
      // m0 oldest ... m9 newest; m5 and m6 share a time (the tie order decides), across a page end.
      const times = [20, 19, 18, 17, 16, 15, 15, 13, 12, 11].map((d) => daysAgo(f.clock, d));
      const stored = await f.memory.storeMany(
        f.aria,
        times.map((created_at, i) => input({ content: `m${i}`, created_at })),
      );
      const names = (page: { memories: { content: string }[] }) =>
        page.memories.map((memory) => memory.content);
      const [top, below] = tiedNewestFirst(f, stored.slice(5, 7)).map((memory) => memory.content);
      const first = await f.memory.list(f.aria, { limit: 4, offset: 0 });
      assert.deepEqual(names(first), ["m9", "m8", "m7", top]);
      assert.equal(first.more, true);
      for (let i = 0; i < 3; i++) await f.memory.store(f.aria, input({ content: `new ${i}` }));
      const second = await f.memory.list(f.aria, { limit: 4, offset: 4, after: first.next });
      assert.deepEqual(names(second), [below, "m4", "m3", "m2"], "no repeat after 3 stores");
      assert.equal(second.more, true);
      // The page's own last memory and three of the first page deleted: nothing unseen skipped.
      for (const i of [9, 8, 7, 2]) await f.memory.delete(stored[i]!.id);
      const third = await f.memory.list(f.aria, { limit: 4, offset: 8, after: second.next });
      assert.deepEqual(names(third), ["m1", "m0"], "no skip after 4 deletes");
      assert.equal(third.more, false);
      const exact = await f.memory.list(f.aria, { limit: 2, offset: 0, after: second.next });
      assert.deepEqual([names(exact), exact.more], [["m1", "m0"], false], "more is exact");
    },
  ],
  [
    "list pages after a memory deleted meanwhile: the rest of its creation time still follows",
    async (f) => {
      // One chat turn or import batch stores several memories with one clock read.
      const tied = await f.memory.storeMany(
        f.aria,
        Array.from(
          { length: 6 },
          (_, i) => input({ content: `t${i}`, created_at: daysAgo(f.clock, 3) }),
        ),
      );
      await f.memory.store(f.aria, input({ content: "older", created_at: daysAgo(f.clock, 4) }));
      await f.memory.store(f.aria, input({ content: "newer", created_at: daysAgo(f.clock, 2) }));
      const order = ["newer", ...tiedNewestFirst(f, tied).map((memory) => memory.content), "older"];
      const seen: string[] = [];
      let after: string | undefined;
      for (let pages = 0; pages < 10; pages++) {
        const page = await f.memory.list(f.aria, { limit: 2, offset: seen.length, after });
        seen.push(...page.memories.map((memory) => memory.content));
        // The page's last memory goes before the next page is asked for.
        const last = page.memories.at(-1);
        if (last) await f.memory.delete(last.id);
        if (!page.more) break;
        after = page.next;
      }
      assert.deepEqual(seen, order, "every memory once, in order, none of the tie skipped");
    },
  ],
  [
    "the conversation seam: an exchange's sender names another persona by its name's look-alikes",
    async (f) => {
      const relatedOf = async (sender: string) => {
        const exchange = {
          persona: f.aria,
          sender,
          roomId: null,
          message: "Tea?",
          response: "Yes",
        };
        const { memory_id } = await f.memory.rememberExchange(exchange);
        return (await f.memory.get(memory_id)).related_personas;
      };
      // Full-width, Cyrillic і, upper case with Cyrillic К: names refused beside Kira, so Kira.
      for (const sender of ["\uff2b\uff49\uff52\uff41", "K\u0456ra", "\u041aIRA", f.kira.id]) {
        assert.deepEqual(await relatedOf(sender), [f.kira.id], JSON.stringify(sender));
      }
      // Merely similar names are someone else; Aria's own look-alike is Aria herself.
      for (const sender of ["Kiran", "Kíra", "Кира", "Ari\u0430", "user"]) {
        assert.deepEqual(await relatedOf(sender), [], JSON.stringify(sender));
      }
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
