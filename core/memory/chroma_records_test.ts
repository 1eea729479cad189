import assert from "node:assert/strict";
import { collectionName } from "./chroma_records.ts";

Deno.test("collection names are pinned: existing Chroma collections are found by them", () => {
  assert.equal(
    collectionName("local-hash-v1-256"),
    "persona-mcp-memories-local-hash-v1-256-d9ed9b53",
  );
  assert.equal(
    collectionName("ollama:nomic-embed-text"),
    "persona-mcp-memories-ollama-nomic-embed-text-1f9d50f5",
  );
  assert.equal(collectionName(""), "persona-mcp-memories--811c9dc5", "FNV-1a's offset basis");
});
