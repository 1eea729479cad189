/**
 * `memory.reindex` (`memory_reindex.ts`) on real SQLite: updates made while a batch is being
 * embedded are kept; only the embedder and vector of unchanged memories are written.
 *
 * @module
 */
import assert from "node:assert/strict";
import { input, memoryFixture } from "./testing/contract_fixture.ts";
import { SqliteBackend } from "./sqlite_backend.ts";
import type { SqliteDatabase } from "../storage/mod.ts";
import { LocalEmbedder } from "./embedder.ts";

Deno.test("memory.reindex keeps the updates made while it embeds: importance, visibility, links, content", async () => {
  const fixture = await memoryFixture((db) => new SqliteBackend(db as SqliteDatabase));
  try {
    const { aria } = fixture;
    const old = [
      "Aria keeps a lighthouse.",
      "Aria sings at the harbour.",
      "Aria lives in Lyon.",
      "Aria fears storms.",
      "Aria owns a red boat.",
    ];
    const stored = [];
    for (const content of old) stored.push(await fixture.memory.store(aria, input({ content })));
    const [kept, shown, moved, replaced, sunk] = stored;
    // A new embedder: every memory is stale; its reindex batch waits at the gate.
    const local = new LocalEmbedder();
    let open!: () => void;
    const gate = new Promise<void>((resolve) => open = resolve);
    let reached!: () => void;
    const embedding = new Promise<void>((resolve) => reached = resolve);
    const embedder = {
      id: "other:test",
      async embed(texts: readonly string[]): Promise<Float32Array[]> {
        if (texts.includes(old[0]!)) {
          reached();
          await gate;
        }
        return await local.embed(texts);
      },
    };
    const memory = await fixture.reopen({ embedder });
    const reindexing = memory.reindex(aria);
    await embedding;
    await memory.update(kept!.id, { importance: 0.95 });
    await memory.update(shown!.id, { visibility: "public" });
    await memory.update(moved!.id, { content: "Aria lives in Porto." });
    await memory.update(moved!.id, { supersedes: [replaced!.id] });
    await memory.delete(sunk!.id);
    open();
    // Counted: only the memories written. The one deleted, and the one given new content (embedded
    // by the new embedder then), were skipped.
    assert.deepEqual(await reindexing, { total: 5, reindexed: 3, already_current: 0 });
    const now = await Promise.all(stored.slice(0, 4).map((record) => memory.get(record!.id)));
    assert.equal(now[0]!.importance, 0.95, "the importance holds");
    assert.equal(now[1]!.visibility, "public", "the visibility holds");
    assert.equal(now[2]!.content, "Aria lives in Porto.", "the content holds");
    assert.deepEqual(now[2]!.supersedes, [replaced!.id], "the link holds");
    assert.equal(now[3]!.superseded_by, moved!.id, "the link holds on the replaced memory");
    assert.ok(now.every((record) => record.embedder === "other:test"), "all re-embedded");
  } finally {
    await fixture.close();
  }
});
