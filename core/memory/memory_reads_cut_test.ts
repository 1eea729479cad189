/**
 * A long recall or similarity query is cut to 2,000 units between characters: the text the
 * embedder gets never ends in half a surrogate pair (it was cut with `slice`).
 */
import assert from "node:assert/strict";
import { HashedTestEmbedder, memoryFixture } from "./testing/contract_fixture.ts";
import { SqliteBackend } from "./sqlite_backend.ts";
import type { SqliteDatabase } from "../storage/mod.ts";

/** An embedder that records what it is given. */
class RecordingEmbedder extends HashedTestEmbedder {
  readonly texts: string[] = [];

  override embed(texts: readonly string[]): Promise<Float32Array[]> {
    this.texts.push(...texts);
    return super.embed(texts);
  }
}

Deno.test("recall and similar cut a long query between characters", async () => {
  const embedder = new RecordingEmbedder(64);
  const fixture = await memoryFixture((db) => new SqliteBackend(db as SqliteDatabase), {
    embedder,
  });
  try {
    // 1 + 2 × 1,500 units: unit 2,000 is the first half of an emoji.
    const query = `a${"😀".repeat(1500)}`;
    await fixture.memory.recall(fixture.aria, query, { limit: 2 });
    await fixture.memory.similar(fixture.aria, query, { limit: 2 });
    const long = embedder.texts.filter((text) => text.length > 1000);
    assert.equal(long.length, 2, "both queries reached the embedder");
    for (const text of long) {
      assert.ok(text.isWellFormed(), "no half of a surrogate pair");
      assert.ok(text.length <= 2000 && text.endsWith("😀"), `${text.length} units`);
    }
  } finally {
    await fixture.close();
  }
});
