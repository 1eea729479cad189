/**
 * The sentence encoder (`MEMORY_ENCODER=use-lite`) loads only when the setting asks for it: a
 * server started with the defaults, warmed up, storing and searching, never imports TensorFlow.js
 * (whose engine, once imported, lives at `globalThis._tfengine`); a server with the setting does.
 *
 * @module
 */
import assert from "node:assert/strict";
import { PersonaCreate } from "../core/personas/mod.ts";
import { MemoryInput, SearchParams } from "../core/memory/mod.ts";
import type { RunningServer } from "../core/server/server.ts";
import { startTestServer } from "./_helpers.ts";

function tfLoaded(): boolean {
  return (globalThis as { _tfengine?: unknown })._tfengine !== undefined;
}

/** Warms `server` up, then stores and searches a memory; resolves to the first hit's content. */
async function storeAndSearch(server: RunningServer): Promise<string | undefined> {
  const { memory, personas } = server.services;
  await memory.warm();
  const aria = await personas.create(PersonaCreate.parse({ name: "Encoder Probe" }));
  await memory.store(aria, MemoryInput.parse({ content: "Spiders give me the creeps." }));
  const hits = await memory.search(
    aria,
    SearchParams.parse({ persona_id: aria.id, query: "spiders", min_importance: 0 }),
  );
  return hits[0]?.content;
}

Deno.test("a server with the default settings never loads the sentence encoder; MEMORY_ENCODER=use-lite does", async () => {
  const plain = await startTestServer();
  try {
    assert.equal(await storeAndSearch(plain), "Spiders give me the creeps.");
  } finally {
    await plain.shutdown();
  }
  assert.equal(tfLoaded(), false, "TensorFlow.js was imported with MEMORY_ENCODER unset");
  // The check above would see it: the same steps with the setting import it.
  const encoder = await startTestServer({ MEMORY_ENCODER: "use-lite" });
  try {
    assert.equal(await storeAndSearch(encoder), "Spiders give me the creeps.");
  } finally {
    await encoder.shutdown();
  }
  assert.equal(tfLoaded(), true, "TensorFlow.js was not imported with MEMORY_ENCODER=use-lite");
});

Deno.test("MEMORY_ENCODER=use-lite-cascade is a setting a server starts with, and it answers", async () => {
  const cascade = await startTestServer({ MEMORY_ENCODER: "use-lite-cascade" });
  try {
    assert.equal(cascade.services.config.MEMORY_ENCODER, "use-lite-cascade");
    assert.equal(await storeAndSearch(cascade), "Spiders give me the creeps.");
  } finally {
    await cascade.shutdown();
  }
});
