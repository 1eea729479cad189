import assert from "node:assert/strict";
import { parseModelRef, qualifiedModel } from "./model_ref.ts";

Deno.test("a known provider prefix picks the provider; Ollama's name:tag never does", () => {
  assert.deepEqual(parseModelRef("llama3.1:8b", "openai"), {
    provider: "openai",
    model: "llama3.1:8b",
  });
  assert.deepEqual(parseModelRef("ollama:llama3.1:8b", "openai"), {
    provider: "ollama",
    model: "llama3.1:8b",
  });
  assert.deepEqual(parseModelRef("openai:qwen2.5-7b-instruct", "ollama"), {
    provider: "openai",
    model: "qwen2.5-7b-instruct",
  });
  assert.deepEqual(parseModelRef("openai:", "ollama"), { provider: "ollama", model: "openai:" });
  assert.deepEqual(parseModelRef("OpenAI:gpt", "ollama"), {
    provider: "ollama",
    model: "OpenAI:gpt",
  });
});

Deno.test("qualifiedModel spells out the provider once", () => {
  assert.equal(qualifiedModel("nomic-embed-text", "ollama"), "ollama:nomic-embed-text");
  assert.equal(qualifiedModel("openai:text-embed", "ollama"), "openai:text-embed");
  assert.equal(qualifiedModel("all-minilm:l6-v2", "openai"), "openai:all-minilm:l6-v2");
  assert.equal(qualifiedModel("x", "scripted"), "scripted:x");
});
