/**
 * Memories are prepared for searches when they come in over the wire (`core/memory/memory_prep.ts`,
 * perf52): stored with `memory.store`, restored by `persona.import` (each memory stored in turn),
 * changed by `memory.update`. The server runs in this process: its text memos are this test's.
 *
 * @module
 */
import assert from "node:assert/strict";
import { holdsText } from "../core/memory/text_memo.ts";
import { withTestServer } from "./_helpers.ts";

/** A bundle memory of `content`. */
const bundled = (content: string) => ({
  content,
  memory_type: "conversation",
  importance: 0.5,
  emotional_valence: 0,
  related_personas: [],
  visibility: "private",
  metadata: {},
  created_at: "2026-01-01T00:00:00Z",
});

Deno.test("memory.store, persona.import and memory.update prepare the texts they bring", async () => {
  await withTestServer(async ({ client }) => {
    const texts = [
      "The ferryman of perf52 whistles at dawn",
      "The ferryman of perf52 restored from a bundle",
      "The ferryman of perf52, second in the bundle",
      "The ferryman of perf52 changed his tune",
    ];
    for (const text of texts) assert.equal(holdsText(text), false, text);
    await client.call("persona.switch", { persona_id: "Aria" });
    const { memory_id } = await client.call<{ memory_id: string }>("memory.store", {
      content: texts[0],
    });
    assert.equal(holdsText(texts[0]!), true, "stored");
    await client.call("persona.import", {
      bundle: {
        format: "persona-mcp/bundle",
        version: 1,
        exported_at: "2026-12-01T10:00:00.000Z",
        persona: { name: "Ferryman" },
        memories: [bundled(texts[1]!), bundled(texts[2]!)],
      },
    });
    assert.equal(holdsText(texts[1]!), true, "imported");
    assert.equal(holdsText(texts[2]!), true, "imported");
    await client.call("memory.update", { memory_id, content: texts[3] });
    assert.equal(holdsText(texts[3]!), true, "updated");
  });
});
