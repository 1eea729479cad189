/**
 * A compound question's cost is bounded and cancellable through the service (review39 F5): a
 * hostile question of 150 parts embeds its first {@linkcode MAX_RANKED_PARTS} parts at most, and
 * a cancelled search embeds and ranks no further part.
 */
import assert from "node:assert/strict";
import { MAX_RANKED_PARTS } from "./compound_question.ts";
import type { Embedder } from "./embedder.ts";
import { embedQueryText } from "./memory_embedding.ts";
import { HashedTestEmbedder, input, memoryFixture } from "./testing/contract_fixture.ts";
import { SqliteBackend } from "./sqlite_backend.ts";
import type { SqliteDatabase } from "../storage/mod.ts";

/** A hashed embedder (no `embedQuery`) that records each text and signal it is given. */
function recording(onEmbed: (texts: readonly string[]) => void = () => {}) {
  const inner = new HashedTestEmbedder(64);
  const calls: { texts: readonly string[]; signal?: AbortSignal }[] = [];
  const embedder: Embedder = {
    id: inner.id,
    embed(texts, signal) {
      calls.push({ texts, signal });
      onEmbed(texts);
      return inner.embed(texts);
    },
  };
  return { embedder, calls };
}

const hostile = Array.from({ length: 200 }, (_, i) => `what is x${i}`).join(", ").slice(0, 2_000);

async function withService(
  embedder: Embedder,
  run: (fixture: Awaited<ReturnType<typeof memoryFixture>>) => Promise<void>,
): Promise<void> {
  const fixture = await memoryFixture((db) => new SqliteBackend(db as SqliteDatabase), {
    embedder,
  });
  try {
    await fixture.memory.storeMany(
      fixture.aria,
      ["x0 is a harbour", "x1 is a lighthouse", "x7 is a ferry"].map((content) =>
        input({ content })
      ),
    );
    await run(fixture);
  } finally {
    await fixture.close();
  }
}

Deno.test("a hostile compound question embeds the whole and MAX_RANKED_PARTS parts at most", async () => {
  const { embedder, calls } = recording();
  await withService(embedder, async (fixture) => {
    const params = { query: hostile, n_results: 5, min_importance: 0 };
    for (
      const search of [
        () => fixture.memory.search(fixture.aria, params),
        () =>
          fixture.memory.searchCrossPersona(fixture.aria, {
            ...params,
            include_shared: true,
            include_public: true,
          }),
        () => fixture.memory.recall(fixture.aria, hostile, { limit: 5 }),
      ]
    ) {
      calls.length = 0;
      await search();
      const texts = calls.flatMap((call) => call.texts);
      assert.equal(texts.length, 1 + MAX_RANKED_PARTS, texts.join(" | "));
      assert.deepEqual(texts.slice(1), ["what is x0", "what is x1", "what is x2", "what is x3"]);
    }
  });
});

Deno.test("a compound question's parts are embedded with the search's signal, and stop at it", async () => {
  const controller = new AbortController();
  // The first part's embedding is where the request is cancelled.
  const { embedder, calls } = recording((texts) => {
    if (texts[0] === "what is x0,") controller.abort();
  });
  await withService(embedder, async (fixture) => {
    const params = { query: "what is x0, and what is x1?", n_results: 5, min_importance: 0 };
    calls.length = 0;
    await assert.rejects(
      fixture.memory.search(fixture.aria, params, { signal: controller.signal }),
      (error: Error) => error.name === "AbortError",
    );
    assert.deepEqual(calls.map((call) => call.texts[0]), [params.query, "what is x0,"]);
    assert.ok(calls.every((call) => call.signal === controller.signal), "every embedding's signal");
  });
});

Deno.test("embedQueryText asks an embedder with embedQuery (no signal of its own) nothing once cancelled", async () => {
  let asked = 0;
  const embedder: Embedder = {
    id: "query-only",
    embed: () => Promise.resolve([]),
    embedQuery: () => {
      asked++;
      return Promise.resolve(new Float32Array(4));
    },
  };
  await embedQueryText(embedder, "what is x0", new AbortController().signal);
  assert.equal(asked, 1);
  await assert.rejects(
    embedQueryText(embedder, "what is x1", AbortSignal.abort()),
    (error: Error) => error.name === "AbortError",
  );
  assert.equal(asked, 1);
});
