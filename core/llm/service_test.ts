/**
 * The LLM service against both fake model servers, through the real clients: streaming, token
 * counts, every failure mode, cancellation that reaches the server, the queue, embeddings and
 * model lists. Each test runs once per provider.
 */
import assert from "node:assert/strict";
import { Busy, Cancelled, LlmUnavailable } from "../errors.ts";
import { eachProvider, failure, reason } from "../../tests/_providers.ts";

const hello = [{ role: "user" as const, content: "hello there" }];

eachProvider.test("chat streams tokens and reports the server's own token counts", async (p) => {
  const fake = p.start({ reply: () => "One two three four." });
  try {
    const pieces: string[] = [];
    const result = await p.llm(fake).chat({
      model: "llama3.1:8b",
      messages: hello,
      temperature: 0.3,
      maxTokens: 77,
      onToken: (text) => pieces.push(text),
    });
    assert.equal(result.text, "One two three four.");
    assert.equal(pieces.join(""), result.text);
    assert.ok(pieces.length >= 4);
    assert.equal(result.completionTokens, 4, "the server's completion count");
    assert.equal(result.promptTokens, 2, "the server's prompt count");
    assert.equal(result.model, "llama3.1:8b");
    assert.ok(result.firstTokenMs !== null);
    const [request] = fake.chatRequests();
    assert.equal(request?.stream, true);
    assert.equal(p.maxTokensOf(request!), 77, "the answer length limit is passed on");
  } finally {
    await fake.stop();
  }
});

eachProvider.test("an absent server is an LLM error that says how to start it", async (p) => {
  const fake = p.start();
  const llm = p.llm(fake);
  await fake.stop();
  const error = await failure(llm.chat({ model: "llama3.1:8b", messages: hello }));
  assert.ok(error instanceof LlmUnavailable);
  assert.equal(reason(error), "unreachable");
  assert.match((error.data as { hint: string }).hint, p.unreachableHint);
  assert.match(error.message, p.unreachableMessage);
});

eachProvider.test("a missing model is an LLM error that says how to get it", async (p) => {
  const fake = p.start({ models: ["phi3:mini"] });
  try {
    const error = await failure(p.llm(fake).chat({ model: "llama3.1:8b", messages: hello }));
    assert.equal(reason(error), "model_missing");
    assert.match((error.data as { hint: string }).hint, p.modelMissingHint("llama3.1:8b"));
  } finally {
    await fake.stop();
  }
});

eachProvider.test("a slow model hits the whole-request timeout, and the request is abandoned", async (p) => {
  const fake = p.start({ firstTokenDelayMs: 2000 });
  try {
    const started = performance.now();
    const error = await failure(
      p.llm(fake, { timeoutMs: 150 }).chat({ model: "llama3.1:8b", messages: hello }),
    );
    assert.equal(reason(error), "timeout");
    assert.ok(performance.now() - started < 1500);
    await fake.waitForAbandoned(1);
  } finally {
    await fake.stop();
  }
});

eachProvider.test("a silent stream hits the idle timeout", async (p) => {
  const fake = p.start({ tokenDelayMs: 1000, reply: () => "slow slow slow" });
  try {
    const error = await failure(
      p.llm(fake, { streamIdleMs: 100 }).chat({ model: "llama3.1:8b", messages: hello }),
    );
    assert.equal(reason(error), "stream_idle");
    assert.equal((error.data as { idle_ms: number }).idle_ms, 100);
  } finally {
    await fake.stop();
  }
});

eachProvider.test("a stream whose tokens keep coming is not idle, however long it takes", async (p) => {
  // 24 tokens 50 ms apart: the stream lasts 1.2 s, twice the idle limit, while no gap comes near
  // it (a limit ten times the gap, so a loaded machine's late timer does not read as idle).
  const words = Array.from({ length: 24 }, (_, at) => `w${at}`).join(" ");
  const fake = p.start({ tokenDelayMs: 50, reply: () => words });
  try {
    const result = await p.llm(fake, { streamIdleMs: 500 }).chat({
      model: "llama3.1:8b",
      messages: hello,
    });
    assert.equal(result.text, words);
  } finally {
    await fake.stop();
  }
});

eachProvider.test("a dropped stream is an LLM error, never a canned reply", async (p) => {
  const fake = p.start({ mode: "drop" });
  try {
    const error = await failure(p.llm(fake).chat({ model: "llama3.1:8b", messages: hello }));
    assert.equal(reason(error), "stream_broken");
  } finally {
    await fake.stop();
  }
});

eachProvider.test("a stream that ends before the model finished is stream_broken, never a short reply", async (p) => {
  const fake = p.start({ mode: "truncate", reply: () => "one two three four five" });
  try {
    const error = await failure(p.llm(fake).chat({ model: "llama3.1:8b", messages: hello }));
    assert.equal(reason(error), "stream_broken");
    assert.match(error.message, /broke off/);
  } finally {
    await fake.stop();
  }
});

eachProvider.test("an error inside the stream is an LLM error, never a partial reply", async (p) => {
  const fake = p.start({ mode: "stream_error" });
  try {
    const pieces: string[] = [];
    const error = await failure(
      p.llm(fake).chat({
        model: "llama3.1:8b",
        messages: hello,
        onToken: (text) => pieces.push(text),
      }),
    );
    assert.ok(error instanceof LlmUnavailable);
    assert.equal(pieces.length, 2, "the two tokens before the error were streamed");
    assert.match(error.message, /context window is full|model runner stopped/);
  } finally {
    await fake.stop();
  }
});

eachProvider.test("an HTTP 500 from the server is reported with its status", async (p) => {
  const fake = p.start({ mode: "error" });
  try {
    const error = await failure(p.llm(fake).chat({ model: "llama3.1:8b", messages: hello }));
    assert.equal(reason(error), p.httpErrorReason);
    assert.equal((error.data as { status: number }).status, 500);
    assert.equal(fake.chatRequests().length, 1, "no hidden retries: the queue and errors decide");
  } finally {
    await fake.stop();
  }
});

eachProvider.test("aborting reaches the server even after the response was garbage-collected", async (p) => {
  const gc = (globalThis as { gc?: () => void }).gc;
  assert.ok(gc, "run with --v8-flags=--expose-gc (deno task test does)");
  const fake = p.start({ tokenDelayMs: 200, reply: () => "a b c d e f g h i j k l" });
  try {
    const controller = new AbortController();
    let first!: () => void;
    const firstToken = new Promise<void>((resolve) => (first = resolve));
    const chat = p.llm(fake).chat({
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

eachProvider.test("the queue runs calls in order of arrival and turns the excess away at once", async (p) => {
  const fake = p.start({
    firstTokenDelayMs: 30,
    reply: (request) => `reply to ${request.messages.at(-1)?.content}`,
  });
  try {
    const llm = p.llm(fake, { concurrency: 1, queueLimit: 2 });
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

eachProvider.test("a queued call cancelled before it runs never reaches the server", async (p) => {
  const fake = p.start({ firstTokenDelayMs: 100 });
  try {
    const llm = p.llm(fake, { concurrency: 1, queueLimit: 5 });
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

eachProvider.test("listModels reports the models, or that the server is unreachable", async (p) => {
  const fake = p.start({ models: ["llama3.1:8b", "nomic-embed-text"] });
  const llm = p.llm(fake);
  const list = await llm.listModels();
  assert.equal(list.reachable, true);
  assert.deepEqual(list.models.map((model) => model.name), ["llama3.1:8b", "nomic-embed-text"]);
  assert.match(list.models[0]?.modified_at ?? "", /^20\d\d-/);
  await fake.stop();
  const down = await llm.listModels();
  assert.equal(down.reachable, false);
  assert.match(down.error?.message ?? "", p.unreachableMessage);
});

eachProvider.test("embed returns one vector per input, in order", async (p) => {
  const fake = p.start({ models: ["nomic-embed-text"], embedDimensions: 16 });
  try {
    const llm = p.llm(fake);
    const inputs = ["magic spells", "dragons", "the harbor at dawn"];
    const vectors = await llm.embed("nomic-embed-text", inputs);
    assert.equal(vectors.length, 3);
    assert.equal(vectors[0]?.length, 16);
    const [one] = await llm.embed("nomic-embed-text", ["dragons"]);
    assert.deepEqual(vectors[1], one, "the second vector is the second input's");
    const missing = await failure(llm.embed("other", ["x"]));
    assert.equal(reason(missing), "model_missing");
  } finally {
    await fake.stop();
  }
});
