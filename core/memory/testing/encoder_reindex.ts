/**
 * The encoder's reindex case shared by the SQLite test and the other backends' tests: Aria's
 * three memories stored with the local embedder are re-embedded once, then found by a question
 * that shares no word with them.
 *
 * @module
 */
import assert from "node:assert/strict";
import { EncoderEmbedder } from "../embedder_encoder.ts";
import type { MemoryService } from "../service.ts";
import type { MemoryFixture } from "./contract_fixture.ts";

/**
 * Reopens `fixture` with the encoder, checks that `memory.reindex` re-embeds Aria's three
 * memories once (then none), and that "What am I afraid of?" finds "Spiders give me the
 * creeps." first. Returns the reopened service.
 */
export async function reindexedWithEncoder(fixture: MemoryFixture): Promise<MemoryService> {
  const embedder = new EncoderEmbedder();
  const memory = await fixture.reopen({ embedder });
  assert.deepEqual(await memory.reindex(fixture.aria), {
    total: 3,
    reindexed: 3,
    already_current: 0,
  });
  const records = await fixture.backend.list(fixture.aria.id);
  assert.deepEqual(records.map((record) => record.embedder), Array(3).fill(embedder.id));
  assert.deepEqual(await memory.reindex(fixture.aria), {
    total: 3,
    reindexed: 0,
    already_current: 3,
  });
  // No word in common with the memory: only the encoder's part of the vector links them.
  const [hit] = await memory.search(fixture.aria, {
    query: "What am I afraid of?",
    n_results: 1,
    min_importance: 0,
  });
  assert.equal(hit?.content, "Spiders give me the creeps.");
  return memory;
}
