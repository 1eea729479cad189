import assert from "node:assert/strict";
import type { SqliteDatabase } from "../storage/mod.ts";
import { input, memoryFixture } from "./testing/contract_fixture.ts";
import { replacementCandidates } from "./replacement_candidates.ts";
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

Deno.test("a chain is read a link at a time for all chains at once, each memory once", async () => {
  const fixture = await fixtureOf();
  try {
    const chain = await chainOf(fixture, 12);
    const reads: number[] = [];
    const backend = fixture.backend;
    const counting = Object.create(backend) as typeof backend;
    counting.getMany = (ids) => {
      reads.push(ids.length);
      return backend.getMany(ids);
    };
    counting.get = () => Promise.reject(new Error("one read per link, not per memory"));
    const found = await Promise.all([chain[0]!, chain[3]!].map((id) => backend.get(id)));
    const added = await replacementCandidates(
      counting,
      found.map((record) => ({ record: record!, similarity: 0, lexical: 0 })),
      { minImportance: 0 },
    );
    assert.equal(new Set(added.map((candidate) => candidate.record.id)).size, added.length);
    assert.equal(added.length, 10, "links 1, 2 and 4..11: none read twice");
    assert.ok(reads.every((count) => count <= 2), `reads ${reads}`);
  } finally {
    await fixture.close();
  }
});
