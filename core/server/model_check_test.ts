import assert from "node:assert/strict";
import { checkModelServer } from "./model_check.ts";
import type { ModelList } from "../llm/client.ts";

function run(list: ModelList, defaultModel = "llama3.1:8b") {
  const warnings: Array<{ message: string; fields?: Record<string, unknown> }> = [];
  const done = checkModelServer({
    llm: {
      provider: "ollama",
      host: "http://127.0.0.1:11434",
      listModels: () => Promise.resolve(list),
    },
    log: { warn: (message, fields) => warnings.push({ message, fields }) },
    config: { DEFAULT_MODEL: defaultModel, LLM_PROVIDER: "ollama" },
  });
  return done.then(() => warnings);
}

const model = (name: string) => ({ name, size: 1, modified_at: null });

Deno.test("an unreachable model server: one warning with the host and the hint", async () => {
  const warnings = await run({
    reachable: false,
    models: [],
    error: { message: "Cannot reach Ollama", data: { hint: "Start Ollama with `ollama serve`" } },
  });
  assert.equal(warnings.length, 1);
  assert.match(warnings[0]!.message, /not reachable: chats will fail/);
  assert.equal(warnings[0]!.fields?.host, "http://127.0.0.1:11434");
  assert.equal(warnings[0]!.fields?.hint, "Start Ollama with `ollama serve`");
});

Deno.test("a reachable server without DEFAULT_MODEL: one warning saying what to pull", async () => {
  const warnings = await run({ reachable: true, models: [model("qwen2.5:7b")] });
  assert.equal(warnings.length, 1);
  assert.match(String(warnings[0]!.fields?.hint), /ollama pull llama3\.1:8b/);
});

Deno.test("the default model present (also as name:latest), or another provider's: no warning", async () => {
  assert.deepEqual(await run({ reachable: true, models: [model("llama3.1:8b")] }), []);
  assert.deepEqual(await run({ reachable: true, models: [model("llama3:latest")] }, "llama3"), []);
  assert.deepEqual(await run({ reachable: true, models: [] }, "openai:gpt-x"), []);
});

Deno.test("a server that takes the connection but never lists: a start-up hint, not the chat's", async () => {
  const warnings = await run({
    reachable: false,
    models: [],
    error: {
      message: "Ollama did not finish within 5000 ms",
      data: {
        reason: "timeout",
        hint: "Try a shorter message or a smaller model, or raise OLLAMA_TIMEOUT_MS",
      },
    },
  });
  assert.equal(warnings.length, 1);
  assert.doesNotMatch(String(warnings[0]!.fields?.hint), /shorter message/);
  assert.match(String(warnings[0]!.fields?.hint), /did not list its models in time/);
});
