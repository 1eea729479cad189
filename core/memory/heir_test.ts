import assert from "node:assert/strict";
import type { Candidate } from "./backend.ts";
import { CHAIN_EVIDENCE, chainRelevance, inherit, inheritedFactor } from "./heir.ts";
import { rank } from "./rank.ts";
import { relevance } from "./ranking.ts";
import { sampleRecord } from "./testing/record_fixture.ts";
import type { MemoryRecord } from "./schema.ts";
import { input, memoryFixture } from "./testing/contract_fixture.ts";
import { SqliteBackend } from "./sqlite_backend.ts";
import type { SqliteDatabase } from "../storage/mod.ts";

const NOW = Date.UTC(2026, 5, 1);
const HOUR = 3_600_000;

function candidate(content: string, lexical: number, fields: Partial<MemoryRecord> = {}) {
  const created_at = new Date(NOW - HOUR).toISOString();
  return {
    lexical,
    similarity: 0,
    record: sampleRecord({ id: content, content, created_at, ...fields }),
  } satisfies Candidate;
}

Deno.test("a replacement's relevance is the higher of the two plus CHAIN_EVIDENCE of the lower", () => {
  assert.equal(CHAIN_EVIDENCE, 0.15);
  assert.ok(Math.abs(chainRelevance(0.2, 0.6) - (0.6 + 0.15 * 0.2 * 0.4)) < 1e-12);
  assert.equal(chainRelevance(0.2, 0.6), chainRelevance(0.6, 0.2), "either way round");
  assert.equal(chainRelevance(0, 0.6), 0.6, "no evidence of its own: the older one's");
  assert.equal(chainRelevance(1, 1), 1, "never above 1");
  const newer: { relevance: number; heirOf?: unknown } = { relevance: 0.6 };
  const first = { relevance: 0.2 };
  inherit(newer as never, first as never);
  assert.equal(newer.heirOf, first, "it matched better itself: still the older one's standing");
  inherit(newer as never, { relevance: 0.1 } as never);
  assert.equal(newer.heirOf, first, "the first it replaces, of those matching worse");
  const older = { relevance: 0.9 };
  inherit(newer as never, older as never);
  assert.equal(newer.heirOf, older, "the one whose relevance it took");
  assert.equal(inheritedFactor({ relevance: 1 }, () => 0.6), 0.6);
  const heir = { relevance: 1, heirOf: { relevance: 1, factor: 1 }, factor: 0.6 };
  assert.equal(inheritedFactor(heir as never, (one: { factor: number }) => one.factor), 1);
});

Deno.test("two weak matches of one fact (a replacement and the memory it replaces) outrank one a little better", () => {
  const older = candidate("I commute in a silver Toyota", 0.5, {
    superseded_by: "I bought a Tesla",
  });
  const newer = candidate("I bought a Tesla", 0.5, { supersedes: [older.record.id] });
  const other = candidate("I washed my sister's car", 0.52);
  const ranked = rank([older, newer, other], { now: NOW, limit: 3 });
  assert.deepEqual(ranked.map((item) => item.record.id), [
    newer.record.id,
    other.record.id,
    older.record.id,
  ]);
  assert.ok(
    Math.abs(ranked[0]!.relevance - chainRelevance(relevance(newer), relevance(older))) < 1e-12,
  );
});

Deno.test("a replacement in no one's voice stands where the memory it replaces stood (voice)", () => {
  const older = candidate("Our rent is 900 euros a month", 0.8, {
    superseded_by: "The landlord raised the rent to 1,050 euros",
  });
  const newer = candidate("The landlord raised the rent to 1,050 euros", 0.3, {
    supersedes: [older.record.id],
  });
  const ours = candidate("We pay the gardener every month", 0.6);
  const ranked = rank([older, newer, ours], { now: NOW, limit: 3, voice: "group" });
  assert.deepEqual(ranked.map((item) => item.record.id), [
    newer.record.id,
    ours.record.id,
    older.record.id,
  ]);
  // Not the other way round: a replacement in the persona's voice keeps its own standing.
  const mine = candidate("I pay the rent myself now", 0.3, { supersedes: [older.record.id] });
  const theirs = candidate("The landlord said the rent is 900 euros", 0.8, {
    superseded_by: mine.record.id,
  });
  const [first] = rank([theirs, mine, ours], { now: NOW, limit: 3, voice: "group" });
  assert.equal(first!.record.id, mine.record.id);
});

Deno.test("a replacement takes the names the query asks about from the memory it replaces", () => {
  const older = candidate("I commute in a silver Toyota Corolla", 0.8, {
    superseded_by: "I sold it and bought a Tesla",
  });
  const newer = candidate("I sold it and bought a Tesla", 0.2, { supersedes: [older.record.id] });
  const other = candidate("My sister drives a red Toyota", 0.7);
  const ranked = rank([older, newer, other], {
    now: NOW,
    limit: 3,
    voice: "self",
    names: ["toyota"],
  });
  assert.deepEqual(ranked.map((item) => item.record.id)[0], newer.record.id);
});

Deno.test("search: a linked update told in no one's voice ranks first for a question in the group's (real SQLite)", async () => {
  const fixture = await memoryFixture((db) => new SqliteBackend(db as SqliteDatabase));
  try {
    for (
      const content of [
        "We talked about the price of train tickets.",
        "We pay the window cleaner forty euros a month.",
        "It rained all weekend at the campsite.",
        "Our neighbours pay far less for a bigger flat.",
      ]
    ) await fixture.memory.store(fixture.aria, input({ content }));
    const older = await fixture.memory.store(
      fixture.aria,
      input({ content: "Our rent is 900 euros a month." }),
    );
    fixture.clock.advance(60_000);
    const newer = await fixture.memory.store(
      fixture.aria,
      input({
        content: "The landlord raised the rent to 1,050 euros starting this month.",
        supersedes: [older.id],
      }),
    );
    const hits = await fixture.memory.search(fixture.aria, {
      query: "How much is our monthly rent?",
      n_results: 3,
      min_importance: 0,
    });
    assert.equal(hits[0]!.id, newer.id);
  } finally {
    await fixture.close();
  }
});

Deno.test("a replacement that matches better itself still keeps the voice of the fact it replaces", () => {
  const older = candidate("We have an old beagle named Biscuit", 0.3, {
    superseded_by: "Biscuit passed away and the house is quiet without a dog",
  });
  const newer = candidate("Biscuit passed away and the house is quiet without a dog", 0.6, {
    supersedes: [older.record.id],
  });
  const ours = candidate("We walked past the dog park", 0.5);
  const ranked = rank([older, newer, ours], { now: NOW, limit: 3, voice: "group" });
  assert.deepEqual(ranked.map((item) => item.record.id), [
    newer.record.id,
    ours.record.id,
    older.record.id,
  ]);
});
