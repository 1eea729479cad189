/**
 * What only the OpenAI-compatible provider does: usage from the stream (or counted pieces), keys,
 * a base URL without `/v1`, float embeddings in index order, and `provider:model` routing.
 */
import assert from "node:assert/strict";
import { failure, OLLAMA, reason } from "../../tests/_providers.ts";
import { FakeOllama } from "../../tests/fake_ollama.ts";
import { FakeOpenAi } from "../../tests/fake_openai.ts";
import { LlmUnavailable } from "../errors.ts";
import { OllamaBackend } from "./ollama.ts";
import { OpenAiBackend } from "./openai.ts";
import { LlmService } from "./service.ts";

const hello = [{ role: "user" as const, content: "hello there" }];
const LIMITS = { timeoutMs: 5000, streamIdleMs: 5000, concurrency: 1, queueLimit: 8 };

function service(baseUrl: string, apiKey = ""): LlmService {
  return new LlmService({
    defaultProvider: "openai",
    backends: { openai: new OpenAiBackend({ baseUrl, apiKey }) },
    settings: LIMITS,
  });
}

Deno.test("token counts come from the usage chunk the client asks for, else from the pieces", async () => {
  const fake = FakeOpenAi.start({
    reply: () => "One two three four five.",
    counts: { prompt: 321, completion: 54 },
  });
  try {
    const llm = service(fake.baseUrl);
    const counted = await llm.chat({ model: "llama3.1:8b", messages: hello });
    assert.deepEqual([counted.promptTokens, counted.completionTokens], [321, 54]);
    assert.deepEqual(fake.chatRequests()[0]?.stream_options, { include_usage: true });

    fake.behavior.sendUsage = false;
    const estimated = await llm.chat({ model: "llama3.1:8b", messages: hello });
    assert.equal(estimated.text, "One two three four five.");
    assert.deepEqual([estimated.promptTokens, estimated.completionTokens], [0, 5]);
  } finally {
    await fake.stop();
  }
});

Deno.test("OPENAI_API_KEY is sent as a bearer key; without one no Authorization header goes out", async () => {
  const fake = FakeOpenAi.start({ apiKey: "sk-local-123" });
  try {
    const answer = await service(fake.baseUrl, "sk-local-123").chat({
      model: "llama3.1:8b",
      messages: hello,
    });
    assert.ok(answer.text);
    assert.equal(fake.requests.at(-1)?.headers.get("authorization"), "Bearer sk-local-123");

    const refused = await failure(
      service(fake.baseUrl, "wrong").chat({
        model: "llama3.1:8b",
        messages: hello,
      }),
    );
    assert.equal(reason(refused), "unauthorized");
    assert.equal((refused.data as { status: number }).status, 401);
    assert.match((refused.data as { hint: string }).hint, /OPENAI_API_KEY/);

    delete fake.behavior.apiKey;
    await service(fake.baseUrl).chat({ model: "llama3.1:8b", messages: hello });
    assert.equal(fake.requests.at(-1)?.headers.get("authorization"), null);
    assert.equal((await service(fake.baseUrl).listModels()).reachable, true);
    assert.equal(fake.requests.at(-1)?.headers.get("authorization"), null);
  } finally {
    await fake.stop();
  }
});

Deno.test("a base URL without /v1 is an HTTP 404 whose hint says to add it; a trailing slash is fine", async () => {
  const fake = FakeOpenAi.start();
  try {
    const slash = await service(`${fake.baseUrl}/`).chat({ model: "llama3.1:8b", messages: hello });
    assert.ok(slash.text);
    assert.equal(fake.requests.at(-1)?.path, "/v1/chat/completions");
    const error = await failure(service(fake.url).chat({ model: "llama3.1:8b", messages: hello }));
    assert.equal(reason(error), "server_error");
    assert.equal((error.data as { status: number }).status, 404);
    assert.match((error.data as { hint: string }).hint, /ends with \/v1/);
  } finally {
    await fake.stop();
  }
});

Deno.test("embeddings are asked for as floats and returned in input order", async () => {
  const fake = FakeOpenAi.start({ models: ["nomic-embed-text"], embedDimensions: 8 });
  try {
    const vectors = await service(fake.baseUrl).embed("nomic-embed-text", ["a cat", "a dog"]);
    const body = fake.requests.at(-1)?.body as Record<string, unknown>;
    assert.equal(body.encoding_format, "float");
    assert.deepEqual(body.input, ["a cat", "a dog"]);
    const [cat] = await service(fake.baseUrl).embed("nomic-embed-text", ["a cat"]);
    assert.deepEqual(vectors[0], cat, "the fake lists the data last to first; order is by index");
  } finally {
    await fake.stop();
  }
});

Deno.test("provider:model sends one call to the other server; an unconfigured provider is a clear error", async () => {
  const ollama = FakeOllama.start({ reply: () => "from ollama" });
  const openai = FakeOpenAi.start({ models: ["qwen2.5-7b"], reply: () => "from openai" });
  try {
    const both = new LlmService({
      defaultProvider: "ollama",
      backends: {
        ollama: new OllamaBackend(ollama.url),
        openai: new OpenAiBackend({ baseUrl: openai.baseUrl, apiKey: "" }),
      },
      settings: LIMITS,
    });
    assert.equal((await both.chat({ model: "llama3.1:8b", messages: hello })).text, "from ollama");
    const routed = await both.chat({ model: "openai:qwen2.5-7b", messages: hello });
    assert.equal(routed.text, "from openai");
    assert.equal(routed.model, "openai:qwen2.5-7b");
    assert.equal(openai.chatRequests()[0]?.model, "qwen2.5-7b", "sent without the prefix");
    const explicit = await both.chat({ model: "ollama:llama3.1:8b", messages: hello });
    assert.equal(explicit.text, "from ollama");
    assert.equal(ollama.chatRequests()[1]?.model, "llama3.1:8b");
    assert.equal(both.provider, "ollama");
    assert.equal(both.host, ollama.url);

    const onlyOllama = OLLAMA.llm(ollama);
    const error = await failure(onlyOllama.chat({ model: "openai:qwen2.5-7b", messages: hello }));
    assert.ok(error instanceof LlmUnavailable);
    assert.equal(reason(error), "provider_unconfigured");
    assert.match((error.data as { hint: string }).hint, /OPENAI_BASE_URL/);
    assert.deepEqual(onlyOllama.load(), { running: 0, waiting: 0 });
    const embedError = await failure(onlyOllama.embed("openai:x", ["a"]));
    assert.equal(reason(embedError), "provider_unconfigured");
  } finally {
    await ollama.stop();
    await openai.stop();
  }
});
