/**
 * The text memos found by a record (`TextMemo.ofRecord`, `createdTime`) are never served stale
 * over a real SQLite file: each write that changes a memory (its content corrected, superseded,
 * touched, deleted) gives its next search a new record, whose values are its own text's, while a
 * record a search still holds keeps its own text's values.
 */
import assert from "node:assert/strict";
import { input, memoryFixture } from "./testing/contract_fixture.ts";
import { LocalEmbedder } from "./embedder.ts";
import { queryTerms } from "./lexical_index.ts";
import { SqliteBackend } from "./sqlite_backend.ts";
import type { SqliteDatabase } from "../storage/mod.ts";
import type { MemoryRecord } from "./schema.ts";
import { tellsIntent, tellsIntentOf } from "./intent.ts";
import { termsOf, termsOfRecord } from "./terms_memo.ts";
import {
  comparedVoice,
  comparedVoiceOf,
  inComparedVoice,
  measuringVoice,
  measuringVoiceOf,
} from "./update_voices.ts";
import { voiceOf, voiceOfRecord } from "./query.ts";
import { holdsDigits } from "./text_digits.ts";
import { updateKindsOfText } from "./update_kinds.ts";
import { createdTime, parsedTime } from "./created_time.ts";

/** Every record-keyed reading of `record` equals the text path's of its own content. */
function assertOwnValues(record: MemoryRecord): void {
  const { content } = record;
  assert.equal(tellsIntentOf(record), tellsIntent(content), content);
  assert.deepEqual(termsOfRecord(record), termsOf(content), content);
  assert.equal(inComparedVoice.ofRecord(record), inComparedVoice(content), content);
  assert.equal(comparedVoiceOf("other", record), comparedVoice("other", content), content);
  assert.equal(measuringVoiceOf("other", record), measuringVoice("other", content), content);
  assert.equal(voiceOfRecord(record), voiceOf(content), content);
  assert.equal(holdsDigits.ofRecord(record), holdsDigits(content), content);
  assert.equal(updateKindsOfText.ofRecord(record), updateKindsOfText(content), content);
  assert.equal(createdTime(record), parsedTime(record.created_at));
}

/** A fixture with one memory, and a lookup of its record as a search's candidate. */
async function withMemory(
  content: string,
  test: (
    fixture: Awaited<ReturnType<typeof memoryFixture>>,
    memory: MemoryRecord,
    find: (id: string) => Promise<MemoryRecord | undefined>,
  ) => Promise<void>,
): Promise<void> {
  const fixture = await memoryFixture((db) => new SqliteBackend(db as SqliteDatabase));
  try {
    const memory = await fixture.memory.store(fixture.aria, input({ content }));
    const embedder = new LocalEmbedder();
    const [vector] = await embedder.embed(["cello"]);
    const query = {
      personaId: fixture.aria.id,
      othersVisibility: [],
      vector: vector!,
      embedder: embedder.id,
      terms: queryTerms("cello"),
      minImportance: 0,
      limit: 50,
    };
    const find = async (id: string) =>
      (await fixture.backend.candidates(query)).find(({ record }) => record.id === id)?.record;
    await test(fixture, memory, find);
  } finally {
    await fixture.close();
  }
}

Deno.test("a corrected memory's next record is read by its new text, the old one by its own", async () => {
  await withMemory("I plan to learn the cello in 2027", async (fixture, memory, find) => {
    const before = (await find(memory.id))!;
    assert.ok(Object.isFrozen(before), "the row cache's shared record");
    assert.equal(tellsIntentOf(before), true);
    assert.equal(holdsDigits.ofRecord(before), true);
    assertOwnValues(before);
    assert.equal(await find(memory.id), before, "found again by identity");
    await fixture.memory.update(memory.id, { content: "I learned the cello as a child" });
    const after = (await find(memory.id))!;
    assert.notEqual(after, before);
    assert.equal(after.content, "I learned the cello as a child");
    assert.equal(tellsIntentOf(after), false, "the new text's value, not the old record's");
    assert.ok(termsOfRecord(after).includes("child"));
    assert.equal(holdsDigits.ofRecord(after), false);
    assertOwnValues(after);
    assert.equal(tellsIntentOf(before), true, "a record held keeps its own text's value");
  });
});

Deno.test("a superseded memory's next record is new, its values its text's", async () => {
  await withMemory("I want to sell my old cello", async (fixture, memory, find) => {
    const before = (await find(memory.id))!;
    assertOwnValues(before);
    const newer = await fixture.memory.store(
      fixture.aria,
      input({ content: "I sold my old cello last week", supersedes: [memory.id] }),
    );
    const after = (await find(memory.id))!;
    assert.notEqual(after, before, "the superseded row's record is made again");
    assert.equal(after.superseded_by, newer.id);
    assertOwnValues(after);
    const newest = (await find(newer.id))!;
    assert.equal(tellsIntentOf(newest), false);
    assertOwnValues(newest);
  });
});

Deno.test("a touched memory's next record is new and reads as before; a deleted one is gone", async () => {
  await withMemory(
    "Aria hopes to play the cello in an orchestra",
    async (fixture, memory, find) => {
      const before = (await find(memory.id))!;
      assertOwnValues(before);
      await fixture.memory.search(fixture.aria, {
        query: "cello",
        n_results: 5,
        min_importance: 0,
      });
      // The search's hit is touched: its count moved, so its record is made again.
      await fixture.memory.get(memory.id);
      const touched = (await find(memory.id))!;
      assert.notEqual(touched, before);
      assert.equal(touched.accessed_count, before.accessed_count + 1);
      assert.equal(touched.content, before.content);
      assertOwnValues(touched);
      await fixture.memory.delete(memory.id);
      assert.equal(await find(memory.id), undefined);
    },
  );
});
