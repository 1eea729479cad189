/**
 * Contract cases, part 7: pruning keeps supersession chains sound (a pruned middle link is
 * re-linked over, a chain's current memory outlives its older versions). Test code only;
 * `contract.ts` runs them.
 *
 * @module
 */
import assert from "node:assert/strict";
import type { ContractCase } from "./contract_search.ts";
import { daysAgo, input, type MemoryFixture } from "./contract_fixture.ts";

/** Stores `importances` as one chain of old, unread memories, each replacing the one before. */
async function chain(f: MemoryFixture, topic: string, importances: number[]): Promise<string[]> {
  const ids: string[] = [];
  for (const [i, importance] of importances.entries()) {
    const stored = await f.memory.store(
      f.aria,
      input({
        content: `${topic}, version ${i}`,
        importance,
        created_at: daysAgo(f.clock, 200 - i),
        supersedes: ids.slice(-1),
      }),
    );
    ids.push(stored.id);
  }
  return ids;
}

/** The pruning cases. */
export const PRUNING_CASES: ContractCase[] = [
  [
    "pruning re-links over pruned middle links and never leaves an older version current",
    async (f) => {
      const [a, b, c, d] = await chain(f, "My bicycle is red", [0.68, 0.1, 0.1, 0.5]);
      const [x, y] = await chain(f, "The rent is 900 euros", [0.6, 0.1]);
      const [p, q] = await chain(f, "My sister lives in Oslo", [0.8, 0.1]);
      await f.memory.storeMany(
        f.aria,
        Array.from({ length: 6 }, (_, i) =>
          input({
            content: `filler ${i}`,
            importance: 0.3,
            created_at: daysAgo(f.clock, 150),
          })),
      );
      const memory = await f.reopen({ settings: { pruneThreshold: 10, pruneTarget: 12 } });
      const get = (id: string) => memory.get(id);
      const exists = (id: string) => get(id).then(() => true, () => false);

      const first = await memory.pruning.prune(f.aria.id);
      assert.equal(first.memories_pruned, 2);
      assert.ok(!await exists(b!) && !await exists(c!), "the two weak middle links went");
      assert.equal((await get(a!)).superseded_by, d, "a → d: re-linked over b and c");
      assert.deepEqual((await get(d!)).supersedes, [a]);
      assert.equal((await get(x!)).superseded_by, y, "the current rent outlived nothing");
      assert.equal((await get(p!)).superseded_by, q, "a protected older version protects q");

      const second = await memory.pruning.prune(f.aria.id, true);
      assert.equal(second.memories_pruned, 0, "at the target already");
      const tighter = await f.reopen({ settings: { pruneThreshold: 10, pruneTarget: 11 } });
      assert.equal((await tighter.pruning.prune(f.aria.id)).memories_pruned, 1);
      assert.ok(!await exists(x!), "the superseded rent goes before the current one");
      assert.deepEqual((await get(y!)).supersedes, [], "and y no longer lists it");
      assert.ok(await exists(q!));
    },
  ],
];
