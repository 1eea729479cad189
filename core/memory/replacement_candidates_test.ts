import assert from "node:assert/strict";
import type { SqliteDatabase } from "../storage/mod.ts";
import { input, memoryFixture } from "./testing/contract_fixture.ts";
import { replacementCandidates } from "./replacement_candidates.ts";
import type { MemoryBackend } from "./backend.ts";
import { MAX_CHAIN_READS } from "./chain_walk.ts";
import { SqliteBackend } from "./sqlite_backend.ts";

const fixtureOf = () => memoryFixture((db) => new SqliteBackend(db as SqliteDatabase));

/** Stores `count` memories on `fixture`, each superseding the one before; returns their ids. */
async function chainOf(fixture: Awaited<ReturnType<typeof fixtureOf>>, count: number) {
  const chain: string[] = [];
  for (let i = 0; i < count; i++) {
    const stored = await fixture.memory.store(
      fixture.aria,
      input({ content: `Version ${i} of the plan`, supersedes: chain.slice(-1) }),
    );
    chain.push(stored.id);
  }
  return chain;
}

Deno.test("a found memory leads to its chain's head however many replacements away", async () => {
  const fixture = await fixtureOf();
  try {
    const chain = await chainOf(fixture, 40);
    const first = await fixture.backend.get(chain[0]!);
    const added = await replacementCandidates(
      fixture.backend,
      [{ record: first!, similarity: 0.5, lexical: 0.5 }],
      { minImportance: 0 },
    );
    // Every link joins (ranking hands the relevance on through each), the head among them.
    assert.deepEqual(
      added.map((candidate) => candidate.record.id).sort(),
      chain.slice(1).sort(),
    );
    assert.ok(added.every((candidate) => candidate.similarity === 0 && candidate.lexical === 0));
  } finally {
    await fixture.close();
  }
});

/**
 * `backend` with its reads counted: `chainFrom` and `chainLinks` (both absent when `walk`) and
 * `getMany` calls.
 */
function counted(backend: MemoryBackend, walk = false) {
  const reads = { chains: 0, links: 0, many: [] as number[] };
  const counting = Object.create(backend) as MemoryBackend;
  counting.getMany = (ids) => {
    reads.many.push(ids.length);
    return backend.getMany(ids);
  };
  counting.chainFrom = walk ? undefined : (ids) => {
    reads.chains++;
    return backend.chainFrom!(ids);
  };
  counting.chainLinks = walk ? undefined : (ids) => {
    reads.links++;
    return backend.chainLinks!(ids);
  };
  counting.get = () => Promise.reject(new Error("one read per link, not per memory"));
  return { counting, reads };
}

Deno.test("a sixty-link chain is two reads on SQLite (its links, then its memories), not one per link", async () => {
  const fixture = await fixtureOf();
  try {
    const chain = await chainOf(fixture, 60);
    const { counting, reads } = counted(fixture.backend);
    const first = await fixture.backend.get(chain[0]!);
    const added = await replacementCandidates(
      counting,
      [{ record: first!, similarity: 0, lexical: 0 }],
      { minImportance: 0 },
    );
    assert.deepEqual(added.map((candidate) => candidate.record.id).sort(), chain.slice(1).sort());
    // The links in one recursive query, then the memories to rank at once (attack37 A1).
    assert.deepEqual(reads, { chains: 0, links: 1, many: [59] });
  } finally {
    await fixture.close();
  }
});

Deno.test("without a recursive read, chains are walked a level at a time within a bound", async () => {
  const fixture = await fixtureOf();
  try {
    const chain = await chainOf(fixture, MAX_CHAIN_READS + 10);
    const { counting, reads } = counted(fixture.backend, true);
    const found = await Promise.all([chain[0]!, chain[3]!].map((id) => fixture.backend.get(id)));
    const added = await replacementCandidates(
      counting,
      found.map((record) => ({ record: record!, similarity: 0, lexical: 0 })),
      { minImportance: 0 },
    );
    assert.equal(reads.many.length, MAX_CHAIN_READS, "stops at the bound");
    // From links 1 and 4, each read a level further: links 1..67 (3 is found itself).
    assert.ok(reads.many.every((count) => count <= 2), `reads ${reads.many}`);
    const ids = added.map((candidate) => candidate.record.id);
    assert.equal(new Set(ids).size, ids.length, "none twice");
    assert.deepEqual(
      ids.sort(),
      chain.slice(1, MAX_CHAIN_READS + 4).filter((id) => id !== chain[3]).sort(),
    );
  } finally {
    await fixture.close();
  }
});

Deno.test("a cycle left by an old database is read once and adds each memory once", async () => {
  const fixture = await fixtureOf();
  try {
    const [a, b] = await chainOf(fixture, 2);
    // b ↔ a: the old data the cycle check (`supersede_cycles.ts`) now refuses.
    await fixture.db.run("UPDATE memories SET superseded_by = ? WHERE id = ?", a!, b!);
    const c = await fixture.memory.store(fixture.aria, input({ content: "Unrelated plan" }));
    for (const walk of [false, true]) {
      const { counting, reads } = counted(fixture.backend, walk);
      const found = (await fixture.backend.get(c.id))!;
      const start = { ...found, superseded_by: a! };
      const added = await replacementCandidates(
        counting,
        [{ record: start, similarity: 0, lexical: 0 }],
        { minImportance: 0 },
      );
      assert.deepEqual(added.map((candidate) => candidate.record.id).sort(), [a!, b!].sort());
      const count = reads.chains + reads.links + reads.many.length;
      assert.ok(count <= 2, `reads ${JSON.stringify(reads)}`);
    }
  } finally {
    await fixture.close();
  }
});

Deno.test("a replacement of another memory_type than asked for is not added", async () => {
  const fixture = await fixtureOf();
  try {
    const old = await fixture.memory.store(
      fixture.aria,
      input({ content: "The plan is red", memory_type: "fact" }),
    );
    const newer = await fixture.memory.store(
      fixture.aria,
      input({ content: "The plan is blue", memory_type: "observation", supersedes: [old.id] }),
    );
    const found = (await fixture.backend.get(old.id))!;
    assert.equal(found.superseded_by, newer.id);
    const candidates = [{ record: found, similarity: 0, lexical: 0 }];
    for (const walk of [false, true]) {
      const { counting } = counted(fixture.backend, walk);
      assert.deepEqual(
        await replacementCandidates(counting, candidates, { minImportance: 0, memoryType: "fact" }),
        [],
      );
      const any = await replacementCandidates(counting, candidates, { minImportance: 0 });
      assert.deepEqual(any.map((candidate) => candidate.record.id), [newer.id]);
    }
  } finally {
    await fixture.close();
  }
});
