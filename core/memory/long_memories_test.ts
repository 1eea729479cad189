import assert from "node:assert/strict";
import type { SqliteDatabase } from "../storage/mod.ts";
import { CONTENT_LIMIT } from "./schema.ts";
import { SqliteBackend } from "./sqlite_backend.ts";
import { input, memoryFixture } from "./testing/contract_fixture.ts";
import { memoComputes } from "./text_memo.ts";

/** Words of two to four syllables from a fixed generator: ~1,500 distinct words a memory. */
function wordsFrom(seed: number): () => string {
  const syllables = [
    "ka",
    "lo",
    "mi",
    "ren",
    "tor",
    "va",
    "shu",
    "pel",
    "dri",
    "nox",
    "qua",
    "bel",
  ];
  const random = () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return () =>
    Array.from({ length: 2 + Math.floor(random() * 3) }, () => syllables[Math.floor(random() * 12)])
      .join("");
}

Deno.test("a search over 1,000 memories of the longest content works each out once, not again in the next search (attack38 A3)", async () => {
  const fixture = await memoryFixture((db) => new SqliteBackend(db as SqliteDatabase));
  try {
    const word = wordsFrom(38);
    const contents = Array.from({ length: 1_000 }, () => {
      const parts = ["Zed", word()];
      let length = 0;
      while (length < CONTENT_LIMIT) length += parts[parts.push(word()) - 1]!.length + 1;
      return parts.join(" ").slice(0, CONTENT_LIMIT).trim();
    });
    for (let done = 0; done < contents.length; done += 200) {
      await fixture.memory.storeMany(
        fixture.aria,
        contents.slice(done, done + 200).map((content) => input({ content, importance: 0.5 })),
      );
    }
    const query = { query: "Zed kalo", n_results: 100, min_importance: 0 };
    const first = memoComputes();
    const cold = await fixture.memory.search(fixture.aria, query);
    const coldAnalyses = memoComputes() - first;
    const warm = memoComputes();
    const again = await fixture.memory.search(fixture.aria, query);
    const warmAnalyses = memoComputes() - warm;
    assert.equal(cold.length, 100);
    assert.deepEqual(again.map((hit) => hit.id).sort(), cold.map((hit) => hit.id).sort());
    // Each memo remembers what it worked out of every candidate: the memos' texts are counted
    // once, and a memo's values of a search's pool of the longest texts fit its bound.
    assert.ok(
      warmAnalyses <= 20,
      `${warmAnalyses} analyses in the second search (${coldAnalyses} in the first)`,
    );
  } finally {
    await fixture.close();
  }
});
