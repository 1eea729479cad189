/**
 * Contract cases, part 4: supersession (`supersedes` on store and update, `superseded_by` on
 * the older memory, its ranking, validation and repair on delete). Test code only.
 *
 * @module
 */
import assert from "node:assert/strict";
import { InvalidInput } from "../../errors.ts";
import { JUST_BELOW, SUPERSEDED } from "../ranking.ts";
import { input, type MemoryFixture } from "./contract_fixture.ts";
import type { ContractCase } from "./contract_search.ts";

const search = (f: MemoryFixture, query: string) =>
  f.memory.search(f.aria, { query, n_results: 10, min_importance: 0 });

/** The supersession cases. */
export const SUPERSESSION_CASES: ContractCase[] = [
  [
    "a memory stored with supersedes outranks the one it replaces, which is kept and linked",
    async (f) => {
      const old = await f.memory.store(
        f.aria,
        input({ content: "I live in a small flat in Lyon", importance: 0.9 }),
      );
      await f.memory.storeMany(f.aria, [
        input({ content: "The market sells lavender on Sundays" }),
        input({ content: "My brother lives near the station" }),
      ]);
      const newer = await f.memory.store(
        f.aria,
        input({
          content: "I moved to Porto and rent a house by the sea",
          importance: 0.2,
          supersedes: [old.id],
        }),
      );
      assert.deepEqual(newer.supersedes, [old.id]);
      assert.equal((await f.memory.get(old.id)).superseded_by, newer.id);
      assert.equal(await f.memory.count(f.aria), 4, "nothing is deleted");

      // "live" is a word of the old memory only: the newer one is found through the link.
      const hits = await search(f, "Where do I live?");
      assert.equal(hits[0]?.id, newer.id, JSON.stringify(hits.map((hit) => hit.content)));
      const replaced = hits.find((hit) => hit.id === old.id);
      assert.ok(replaced, "the old memory is still found");
      assert.equal(replaced.superseded_by, newer.id, "the hit shows the link");
      assert.deepEqual(hits[0]!.supersedes, [old.id]);
      assert.ok(replaced.score <= hits[0]!.score * SUPERSEDED + 1e-4, "clearly below");
    },
  ],
  [
    "a superseded message keeps its score for what its update leaves alone, not for what it replaces",
    async (f) => {
      const old = await f.memory.store(
        f.aria,
        input({
          content: "My little sister Bisi has a braiding salon on Harehills Lane, " +
            "and I get my hair done free as her sister",
          importance: 0.5,
        }),
      );
      await f.memory.storeMany(f.aria, [
        input({ content: "The market sells lavender on Sundays" }),
        input({ content: "My brother Tunde is an accountant in Manchester" }),
      ]);
      const newer = await f.memory.store(
        f.aria,
        input({
          content: "Bisi moved the salon to a bigger unit on Roundhay Road",
          importance: 0.5,
          supersedes: [old.id],
        }),
      );
      // The sisterhood is in a part the move leaves alone: the old message keeps its score,
      // just below its replacement's at most.
      const sister = await search(f, "Do I have a sister?");
      const kept = sister.find((hit) => hit.id === old.id);
      const current = sister.find((hit) => hit.id === newer.id);
      assert.ok(kept && current, JSON.stringify(sister.map((hit) => hit.content)));
      assert.ok(sister.indexOf(current) < sister.indexOf(kept), "the replacement still first");
      assert.ok(kept.score > current.score * SUPERSEDED + 1e-3, "not halved");
      assert.ok(kept.score <= current.score * JUST_BELOW + 1e-4, "at most just below");
      // The salon's place is what the move replaces: the replacement first, the old one halved.
      const salon = await search(f, "Where is Bisi's salon?");
      assert.equal(salon[0]?.id, newer.id, JSON.stringify(salon.map((hit) => hit.content)));
      const replaced = salon.find((hit) => hit.id === old.id);
      assert.ok(replaced, "the old message is still found");
      assert.ok(replaced.score <= salon[0]!.score * SUPERSEDED + 1e-4, "clearly below");
    },
  ],
  [
    "supersedes is checked (same persona, existing, not itself); update adds links; delete undoes them",
    async (f) => {
      const kiras = await f.memory.store(f.kira, input({ content: "Kira's note" }));
      for (const ids of [["no-such-memory"], [kiras.id]]) {
        await assert.rejects(
          f.memory.store(f.aria, input({ content: "x", supersedes: ids })),
          InvalidInput,
        );
      }
      const [first, second] = await f.memory.storeMany(f.aria, [
        input({ content: "Tea at four" }),
        input({ content: "Tea at five now" }),
      ]);
      await assert.rejects(f.memory.update(second!.id, { supersedes: [second!.id] }), InvalidInput);
      const updated = await f.memory.update(second!.id, { supersedes: [first!.id] });
      assert.deepEqual(updated.supersedes, [first!.id]);
      assert.equal((await f.memory.get(first!.id)).superseded_by, second!.id);

      await f.memory.delete(second!.id);
      assert.equal((await f.memory.get(first!.id)).superseded_by, null, "current again");
    },
  ],
  ["memory.update refuses a link that closes a cycle through a chain read at once", async (f) => {
    // Every backend reads the chain above a memory at once (`chainFrom`), so the cycle check
    // sees the whole chain, not MAX_LINK_HOPS links of it (attack36 A3).
    const a = await f.memory.store(f.aria, input({ content: "My gym is on Elm Street" }));
    const b = await f.memory.store(
      f.aria,
      input({ content: "My gym moved to Oak Street", supersedes: [a.id] }),
    );
    const c = await f.memory.store(
      f.aria,
      input({ content: "My gym moved to Pine Street", supersedes: [b.id] }),
    );
    assert.ok(f.backend.chainFrom, "the backend reads chains at once");
    await assert.rejects(() => f.memory.update(a.id, { supersedes: [c.id] }), InvalidInput);
    assert.equal((await f.memory.get(c.id)).superseded_by, null, "the newest stays current");
  }],
  ["a chain of replacements ends at its newest link", async (f) => {
    const first = await f.memory.store(f.aria, input({ content: "My bicycle is red" }));
    const second = await f.memory.store(
      f.aria,
      input({ content: "I painted it blue", supersedes: [first.id] }),
    );
    const third = await f.memory.store(
      f.aria,
      input({ content: "Now it is green", supersedes: [second.id] }),
    );
    const hits = await search(f, "bicycle");
    assert.deepEqual(hits.map((hit) => hit.id), [third.id, second.id, first.id]);
  }],
  ["a chain of sixty replacements, all worded alike, puts its current memory first", async (f) => {
    // Every version ties in BM25 and more tie than a candidate pool holds: the newest must be
    // kept on ties, and a chain followed to its head however long (`replacement_candidates.ts`).
    const chain: string[] = [];
    for (let i = 0; i < 60; i++) {
      f.clock.advance(60_000);
      const stored = await f.memory.store(
        f.aria,
        input({
          content: `My address is house number ${i} on Walrus street`,
          importance: 0.5,
          supersedes: chain.slice(-1),
        }),
      );
      chain.push(stored.id);
    }
    const hits = await f.memory.search(f.aria, {
      query: "what is my address on Walrus street",
      n_results: 5,
      min_importance: 0,
    });
    const ranks = hits.map((hit) => chain.indexOf(hit.id));
    assert.deepEqual(ranks, [59, 58, 57, 56, 55], "newest versions first, current at the top");
  }],
  [
    "deleting a middle link keeps the chain: the older memory is replaced by the newer",
    async (f) => {
      const chain: string[] = [];
      for (const colour of ["red", "blue", "green", "yellow"]) {
        f.clock.advance(60_000);
        const stored = await f.memory.store(
          f.aria,
          input({ content: `My bicycle is ${colour}`, supersedes: chain.slice(-1) }),
        );
        chain.push(stored.id);
      }
      const [red, blue, green, yellow] = chain as [string, string, string, string];
      await f.memory.delete(green);
      assert.equal((await f.memory.get(blue)).superseded_by, yellow, "relinked to the newer one");
      assert.deepEqual((await f.memory.get(yellow)).supersedes, [blue]);
      assert.equal((await f.memory.get(red)).superseded_by, blue, "untouched");
      await f.memory.delete(red);
      assert.deepEqual((await f.memory.get(blue)).supersedes, [], "the oldest has no heir to pass");
      await f.memory.delete(yellow);
      assert.equal((await f.memory.get(blue)).superseded_by, null, "the head gone: current again");
      const hits = await search(f, "bicycle");
      assert.deepEqual(hits.map((hit) => hit.id), [blue]);
    },
  ],
  [
    "source_ids are kept and checked; undoing a supersession restores its sources too",
    async (f) => {
      const kiras = await f.memory.store(f.kira, input({ content: "Kira's own note" }));
      await assert.rejects(
        f.memory.store(f.aria, input({ content: "x", source_ids: [kiras.id] })),
        InvalidInput,
      );
      const exchange = await f.memory.store(f.aria, input({ content: "Tam said: I live in Lyon" }));
      const lyon = await f.memory.store(
        f.aria,
        input({ content: "Tam lives in Lyon.", memory_type: "fact", source_ids: [exchange.id] }),
      );
      assert.deepEqual((await f.memory.get(lyon.id)).source_ids, [exchange.id], "kept");
      const again = await f.memory.store(f.aria, input({ content: "Tam said: Lyon, yes" }));
      await f.memory.addSources(lyon.id, [again.id, exchange.id]);
      assert.deepEqual((await f.memory.get(lyon.id)).source_ids, [exchange.id, again.id]);
      const porto = await f.memory.store(
        f.aria,
        input({
          content: "Tam lives in Porto.",
          memory_type: "fact",
          supersedes: [lyon.id, exchange.id],
        }),
      );
      assert.equal((await f.memory.get(exchange.id)).superseded_by, porto.id);
      const undone = await f.memory.update(lyon.id, { superseded_by: null });
      assert.equal(undone.superseded_by, null);
      assert.equal((await f.memory.get(lyon.id)).superseded_by, null);
      assert.equal((await f.memory.get(exchange.id)).superseded_by, null, "its source too");
      assert.deepEqual((await f.memory.get(porto.id)).supersedes, [], "the newer one lists none");
    },
  ],
];
