/**
 * Searches started together run one after another on SQLite (`run_lane.ts`): a burst of recalls no
 * longer keeps every recall's state alive until the last ends. A recall that waits for something
 * outside the thread (here its embedder, on a timer) does not hold the others back.
 */
import assert from "node:assert/strict";
import { HashedTestEmbedder, input, memoryFixture } from "./testing/contract_fixture.ts";
import { SqliteBackend } from "./sqlite_backend.ts";
import type { SqliteDatabase } from "../storage/mod.ts";
import type { Candidate, CandidateQuery } from "./backend.ts";

/** An embedder that logs each query it is given; a query with "slow" waits on a timer first. */
class LoggingEmbedder extends HashedTestEmbedder {
  constructor(readonly log: string[]) {
    super(64);
  }

  override async embed(texts: readonly string[]): Promise<Float32Array[]> {
    for (const text of texts) this.log.push(`embed ${text}`);
    if (texts.some((text) => text.includes("slow"))) {
      await new Promise((resolve) => setTimeout(resolve, 30));
    }
    return await super.embed(texts);
  }
}

/** The SQLite backend, each search's ask for candidates logged. */
class LoggingBackend extends SqliteBackend {
  constructor(db: SqliteDatabase, readonly log: string[]) {
    super(db);
  }

  override candidates(query: CandidateQuery): Promise<Candidate[]> {
    this.log.push("candidates");
    return super.candidates(query);
  }
}

async function withFixture(
  test: (f: Awaited<ReturnType<typeof memoryFixture>>, log: string[]) => Promise<void>,
): Promise<void> {
  const log: string[] = [];
  const fixture = await memoryFixture((db) => new LoggingBackend(db as SqliteDatabase, log), {
    embedder: new LoggingEmbedder(log),
  });
  try {
    await fixture.memory.store(fixture.aria, input({ content: "Lars keeps bees behind the barn" }));
    await fixture.memory.store(fixture.aria, input({ content: "The barn roof leaks in spring" }));
    log.length = 0;
    await test(fixture, log);
  } finally {
    await fixture.close();
  }
}

Deno.test("recalls and searches started together run one after another", async () => {
  await withFixture(async (f, log) => {
    const queries = ["bees", "barn", "roof"];
    const recalls = queries.map((query) => f.memory.recall(f.aria, query, { limit: 2 }));
    const search = f.memory.search(f.aria, { query: "spring", n_results: 2, min_importance: 0 });
    const found = await Promise.all(recalls);
    await search;
    // Together (no lane) every query is embedded before any asks for its candidates.
    assert.deepEqual(log, [
      "embed bees",
      "candidates",
      "embed barn",
      "candidates",
      "embed roof",
      "candidates",
      "embed spring",
      "candidates",
    ]);
    // What each finds is what it finds alone.
    for (const [i, query] of queries.entries()) {
      const alone = await f.memory.recall(f.aria, query, { limit: 2 });
      assert.deepEqual(alone.map((m) => m.id), found[i]!.map((m) => m.id), query);
    }
  });
});

Deno.test("a recall waiting outside the thread lets the others run", async () => {
  await withFixture(async (f, log) => {
    await Promise.all(
      ["slow bees", "barn"].map((query) =>
        f.memory.recall(f.aria, query, { limit: 2 }).then(() => log.push(`recalled ${query}`))
      ),
    );
    // "barn" starts while "slow bees" waits for its embedder, and ends first.
    assert.deepEqual(log, [
      "embed slow bees",
      "embed barn",
      "candidates",
      "recalled barn",
      "candidates",
      "recalled slow bees",
    ]);
  });
});
