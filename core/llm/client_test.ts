import assert from "node:assert/strict";
import { AppError, Busy, Cancelled, LlmUnavailable } from "../errors.ts";
import { FakeOllama } from "../../tests/fake_ollama.ts";
import { type LlmSettings, OllamaClient } from "./client.ts";

function client(fake: FakeOllama, settings: Partial<LlmSettings> = {}): OllamaClient {
  return new OllamaClient({
    host: fake.url,
    timeoutMs: 5000,
    streamIdleMs: 5000,
    concurrency: 1,
    queueLimit: 64,
    ...settings,
  });
}

const hello = [{ role: "user" as const, content: "hello there" }];

async function failure(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof AppError, `expected a domain error, got ${error}`);
    return error;
  }
  assert.fail("expected a failure");
}

function reason(error: AppError): string {
  return (error.data as { reason: string }).reason;
}

Deno.test("chat streams tokens and reports Ollama's own token counts", async () => {
  const fake = FakeOllama.start({ reply: () => "One two three four." });
  try {
    const pieces: string[] = [];
    const result = await client(fake).chat({
      model: "llama3.1:8b",
      messages: hello,
      onToken: (text) => pieces.push(text),
    });
    assert.equal(result.text, "One two three four.");
    assert.equal(pieces.join(""), result.text);
    assert.ok(pieces.length >= 4);
    assert.equal(result.completionTokens, 4, "eval_count from the final chunk");
    assert.equal(result.promptTokens, 2, "prompt_eval_count from the final chunk");
    assert.equal(fake.chatRequests()[0]!.stream, true);
  } finally {
    await fake.stop();
  }
});

Deno.test("an absent Ollama is an LLM error that says to run ollama serve", async () => {
  const fake = FakeOllama.start();
  const llm = client(fake);
  await fake.stop();
  const error = await failure(llm.chat({ model: "llama3.1:8b", messages: hello }));
  assert.ok(error instanceof LlmUnavailable);
  assert.equal(reason(error), "unreachable");
  assert.match((error.data as { hint: string }).hint, /ollama serve/);
});

Deno.test("a missing model is an LLM error that says to pull it", async () => {
  const fake = FakeOllama.start({ models: ["phi3:mini"] });
  try {
    const error = await failure(client(fake).chat({ model: "llama3.1:8b", messages: hello }));
    assert.equal(reason(error), "model_missing");
    assert.match((error.data as { hint: string }).hint, /ollama pull llama3\.1:8b/);
  } finally {
    await fake.stop();
  }
});

Deno.test("a slow model hits the whole-request timeout, and the request is abandoned", async () => {
  const fake = FakeOllama.start({ firstTokenDelayMs: 2000 });
  try {
    const started = performance.now();
    const error = await failure(
      client(fake, { timeoutMs: 150 }).chat({ model: "llama3.1:8b", messages: hello }),
    );
    assert.equal(reason(error), "timeout");
    assert.ok(performance.now() - started < 1500);
    await fake.waitForAbandoned(1);
  } finally {
    await fake.stop();
  }
});

Deno.test("a silent stream hits the idle timeout", async () => {
  const fake = FakeOllama.start({ tokenDelayMs: 1000, reply: () => "slow slow slow" });
  try {
    const error = await failure(
      client(fake, { streamIdleMs: 100 }).chat({ model: "llama3.1:8b", messages: hello }),
    );
    assert.equal(reason(error), "stream_idle");
  } finally {
    await fake.stop();
  }
});

Deno.test("a dropped stream is an LLM error, never a canned reply", async () => {
  const fake = FakeOllama.start({ mode: "drop" });
  try {
    const error = await failure(client(fake).chat({ model: "llama3.1:8b", messages: hello }));
    assert.equal(reason(error), "stream_broken");
  } finally {
    await fake.stop();
  }
});

Deno.test("an HTTP 500 from Ollama is reported with its status", async () => {
  const fake = FakeOllama.start({ mode: "error" });
  try {
    const error = await failure(client(fake).chat({ model: "llama3.1:8b", messages: hello }));
    assert.equal(reason(error), "ollama_error");
    assert.equal((error.data as { status: number }).status, 500);
  } finally {
    await fake.stop();
  }
});

Deno.test("aborting reaches Ollama even after the response was garbage-collected", async () => {
  const gc = (globalThis as { gc?: () => void }).gc;
  assert.ok(gc, "run with --v8-flags=--expose-gc (deno task test does)");
  const fake = FakeOllama.start({ tokenDelayMs: 200, reply: () => "a b c d e f g h i j k l" });
  try {
    const controller = new AbortController();
    let first!: () => void;
    const firstToken = new Promise<void>((resolve) => (first = resolve));
    const chat = client(fake).chat({
      model: "llama3.1:8b",
      messages: hello,
      signal: controller.signal,
      onToken: () => first(),
    });
    await firstToken;
    for (let i = 0; i < 5; i++) {
      gc();
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    controller.abort();
    const error = await failure(chat);
    assert.ok(error instanceof Cancelled);
    await fake.waitForAbandoned(1);
    assert.equal(fake.abandoned, 1, "the fake server saw the connection close");
  } finally {
    await fake.stop();
  }
});

Deno.test("the queue runs calls in order of arrival and turns the excess away at once", async () => {
  const fake = FakeOllama.start({
    firstTokenDelayMs: 30,
    reply: (request) => `reply to ${request.messages.at(-1)!.content}`,
  });
  try {
    const llm = client(fake, { concurrency: 1, queueLimit: 2 });
    const finished: string[] = [];
    const calls = ["a", "b", "c"].map((name) =>
      llm.chat({ model: "llama3.1:8b", messages: [{ role: "user", content: name }] }).then(
        (result) => finished.push(result.text),
      )
    );
    assert.deepEqual(llm.load(), { running: 1, waiting: 2 });
    const refused = await failure(llm.chat({ model: "llama3.1:8b", messages: hello }));
    assert.ok(refused instanceof Busy);
    assert.equal(reason(refused), "queue_full");
    await Promise.all(calls);
    assert.deepEqual(finished, ["reply to a", "reply to b", "reply to c"]);
    assert.deepEqual(llm.load(), { running: 0, waiting: 0 });
  } finally {
    await fake.stop();
  }
});

Deno.test("a queued call cancelled before it runs never reaches Ollama", async () => {
  const fake = FakeOllama.start({ firstTokenDelayMs: 100 });
  try {
    const llm = client(fake, { concurrency: 1, queueLimit: 5 });
    const running = llm.chat({ model: "llama3.1:8b", messages: hello });
    const controller = new AbortController();
    const queued = llm.chat({ model: "llama3.1:8b", messages: hello, signal: controller.signal });
    controller.abort();
    assert.ok((await failure(queued)) instanceof Cancelled);
    await running;
    assert.equal(fake.chatRequests().length, 1);
  } finally {
    await fake.stop();
  }
});

Deno.test("listModels reports the models, or that Ollama is unreachable", async () => {
  const fake = FakeOllama.start({ models: ["llama3.1:8b", "nomic-embed-text"] });
  const llm = client(fake);
  const list = await llm.listModels();
  assert.equal(list.reachable, true);
  assert.deepEqual(list.models.map((model) => model.name), ["llama3.1:8b", "nomic-embed-text"]);
  await fake.stop();
  const down = await llm.listModels();
  assert.equal(down.reachable, false);
  assert.match(down.error!.message, /Cannot reach Ollama/);
});

Deno.test("embed returns one vector per input", async () => {
  const fake = FakeOllama.start({ models: ["nomic-embed-text"], embedDimensions: 16 });
  try {
    const vectors = await client(fake).embed("nomic-embed-text", ["magic spells", "dragons"]);
    assert.equal(vectors.length, 2);
    assert.equal(vectors[0]!.length, 16);
    const missing = await failure(client(fake).embed("other", ["x"]));
    assert.equal(reason(missing), "model_missing");
  } finally {
    await fake.stop();
  }
});
