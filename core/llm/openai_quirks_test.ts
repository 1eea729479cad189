/**
 * OpenAI-compatible servers that answer a stream their own way, through the real client over HTTP:
 * a stream that finished but stays open, a whole JSON answer to `stream: true`, other choices than
 * the answer's, a prompt too long for the context, a model still loading; and replies cut at the
 * token limit flagged on both providers.
 */
import assert from "node:assert/strict";
import { Busy } from "../errors.ts";
import {
  chunk,
  failure,
  hello,
  limitHit,
  llmAt,
  ollama,
  openai,
  reason,
  type Sent,
  streamed,
  withServer,
} from "./testing/hostile_server.ts";

const encoder = new TextEncoder();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const USAGE = { prompt_tokens: 11, completion_tokens: 2, total_tokens: 13 };

/** An error body as OpenAI-compatible servers send one. */
function errorReply(status: number, error: Record<string, unknown>, headers = {}): Response {
  return Response.json({ error }, { status, headers });
}

/** A whole `chat.completion` (what a server ignoring `stream: true` answers). */
function completion(content: unknown, finish = "stop", extra: Record<string, unknown> = {}) {
  return Response.json({
    id: "c",
    object: "chat.completion",
    created: 1,
    model: "m",
    choices: [{
      index: 0,
      message: { role: "assistant", content, reasoning_content: "hmm" },
      finish_reason: finish,
    }],
    usage: USAGE,
    ...extra,
  });
}

Deno.test("a stream that sent its finish and usage but stays open ends with the whole answer", async () => {
  let keepAlives = 0;
  await withServer(openai, (sent) => {
    const parts = [
      chunk({ content: "Hello" }),
      chunk({ content: " there." }),
      chunk({}, { choices: [{ index: 0, delta: {}, finish_reason: "stop" }] }),
      chunk({}, { choices: [], usage: USAGE }),
    ];
    const stream = new ReadableStream<Uint8Array>({
      async pull(controller) {
        // After the answer, only keep-alive comments: never [DONE], never the end.
        const part = parts.shift();
        if (part === undefined) {
          await sleep(50);
          keepAlives++;
        }
        controller.enqueue(encoder.encode(part ?? ": keep-alive\n\n"));
      },
      cancel() {
        sent.cancelled = true;
      },
    });
    return new Response(stream, { headers: { "content-type": "text/event-stream" } });
  }, async (llm, sent) => {
    const result = await llm.chat({ model: "m", messages: hello });
    assert.equal(result.text, "Hello there.");
    assert.deepEqual([result.promptTokens, result.completionTokens], [11, 2]);
    assert.equal(result.truncated, undefined);
    for (let i = 0; i < 100 && !sent.cancelled; i++) await sleep(20);
    assert.ok(sent.cancelled, "the request was ended");
    assert.ok(keepAlives > 0, "the stream stayed open after its finish");
  });
});

Deno.test("a whole JSON completion answered to stream: true is the answer", async () => {
  let reply = () => completion("<think>plan</think>\nWhole answer.");
  await withServer(openai, () => reply(), async (llm) => {
    const pieces: string[] = [];
    const result = await llm.chat({ model: "m", messages: hello, onToken: (p) => pieces.push(p) });
    assert.equal(result.text, "Whole answer.");
    assert.deepEqual(pieces, ["Whole answer."]);
    assert.deepEqual([result.promptTokens, result.completionTokens], [11, 2]);
    assert.equal(result.truncated, undefined);

    reply = () => completion("Cut he", "length");
    assert.equal((await llm.chat({ model: "m", messages: hello })).truncated, true);

    // Past the reply's bound (32 characters a token): cut there, as a stream would be.
    reply = () => completion("x".repeat(1000));
    const long = await llm.chat({ model: "m", messages: hello, maxTokens: 10 });
    assert.equal(long.text.length, 320);
    assert.equal(long.truncated, true);

    reply = () => completion(null);
    assert.equal(reason(await failure(llm.chat({ model: "m", messages: hello }))), "stream_broken");

    reply = () => new Response("{not json", { headers: { "content-type": "application/json" } });
    const unreadable = await failure(llm.chat({ model: "m", messages: hello }));
    assert.equal(reason(unreadable), "stream_broken");
    assert.match(unreadable.message, /ignored stream: true and its JSON answer could not be read/);

    reply = () => Response.json({ error: { message: "upstream exploded", type: "server_error" } });
    const error = await failure(llm.chat({ model: "m", messages: hello }));
    assert.equal(reason(error), "server_error");
    assert.match(error.message, /upstream exploded/);
  });
});

Deno.test("only the choice with index 0 is the answer; another's finish does not end it", async () => {
  const other = (delta: Record<string, unknown>, finish: string | null = null) =>
    chunk({}, { choices: [{ index: 1, delta, finish_reason: finish }] });
  const parts = [
    chunk({ content: "A" }),
    other({ content: "ZZZ" }),
    other({}, "stop"),
    chunk({}, {
      choices: [{ index: 1, delta: { content: "Y" } }, { index: 0, delta: { content: "B" } }],
    }),
    openai.done(),
  ];
  await withServer(
    openai,
    (sent) => streamed(openai, sent, () => parts.shift() ?? null),
    async (llm) => {
      assert.equal((await llm.chat({ model: "m", messages: hello })).text, "AB");
    },
  );
});

Deno.test("the first finish ends the answer: a later one does not change how it ended", async () => {
  const parts = [
    chunk({ content: "Done." }),
    chunk({}, { choices: [{ index: 0, delta: {}, finish_reason: "stop" }] }),
    // Some servers repeat a finish with the usage; this one says "length".
    `${
      chunk({}, { choices: [{ index: 0, delta: {}, finish_reason: "length" }], usage: USAGE })
    }data: [DONE]\n\n`,
  ];
  await withServer(
    openai,
    (sent) => streamed(openai, sent, () => parts.shift() ?? null),
    async (llm) => {
      const result = await llm.chat({ model: "m", messages: hello });
      assert.equal(result.text, "Done.");
      assert.equal(result.truncated, undefined, "it finished at its stop");
    },
  );
});

Deno.test("a prompt too long for the context is context_overflow with a hint that helps", async () => {
  const replies = [
    // llama-server
    () =>
      errorReply(400, {
        code: 400,
        message: "the request exceeds the available context size, try increasing it",
        type: "exceed_context_size_error",
        n_prompt_tokens: 5000,
        n_ctx: 4096,
      }),
    // OpenAI, vLLM
    () =>
      errorReply(400, {
        message: "This model's maximum context length is 4096 tokens. However, you requested " +
          "5000 tokens. Please reduce the length of the messages.",
        type: "invalid_request_error",
        param: "messages",
        code: "context_length_exceeded",
      }),
    // Proxies and gateways: 413 Payload Too Large, 422 Unprocessable Entity.
    () => errorReply(413, { message: "context length exceeded" }),
    () => errorReply(422, { message: "This model's maximum context length is 4096 tokens." }),
    // Inside the stream, as its first event.
    (sent: Sent) => {
      const parts = [
        `data: ${
          JSON.stringify({
            error: { message: "context window exceeded", code: "context_length_exceeded" },
          })
        }\n\n`,
      ];
      return streamed(openai, sent, () => parts.shift() ?? null);
    },
  ];
  for (const reply of replies) {
    await withServer(openai, (sent) => reply(sent), async (llm) => {
      const error = await failure(llm.chat({ model: "m", messages: hello }));
      assert.equal(reason(error), "context_overflow");
      assert.match(error.message, /does not fit in the model's context/);
      assert.match((error.data as { hint: string }).hint, /llama-server -c.*PROMPT_HISTORY_CHARS/);
    });
  }
});

Deno.test("a 503 while the model loads is model_loading (retry), with the server's Retry-After", async () => {
  let loading: string | false = "Loading model";
  await withServer(
    openai,
    () =>
      loading
        ? errorReply(503, { code: 503, message: loading, type: "unavailable_error" }, {
          "retry-after": "7",
        })
        : errorReply(503, { message: "Service Unavailable" }),
    async (llm) => {
      const error = await failure(llm.chat({ model: "m", messages: hello }));
      assert.equal(reason(error), "model_loading");
      assert.equal((error.data as { retry_after_s: number }).retry_after_s, 7);
      assert.match((error.data as { hint: string }).hint, /Retry when the model has loaded/);
      // llama-server's type for it says so, whatever the words.
      loading = "Not ready yet";
      assert.equal(
        reason(await failure(llm.chat({ model: "m", messages: hello }))),
        "model_loading",
      );
      loading = false;
      assert.equal(reason(await failure(llm.chat({ model: "m", messages: hello }))), "server_busy");
    },
  );
  // Embeddings: Busy, which memory clients retry.
  const server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen: () => {} },
    () => errorReply(503, { code: 503, message: "Loading model", type: "unavailable_error" }),
  );
  try {
    const llm = llmAt(openai, `http://127.0.0.1:${server.addr.port}`);
    await assert.rejects(() => llm.embed("m", ["a"]), (error) => {
      assert.ok(error instanceof Busy, `${error}`);
      return true;
    });
  } finally {
    await server.shutdown();
  }
});

for (const framing of [ollama, openai]) {
  Deno.test(`${framing.name}: a reply cut at the token limit says so; a finished one does not`, async () => {
    const extra = limitHit(framing);
    let cut = true;
    await withServer(framing, (sent) => {
      const parts = [framing.part("Long answer that"), framing.done(cut ? extra : {})];
      return streamed(framing, sent, () => parts.shift() ?? null);
    }, async (llm) => {
      const result = await llm.chat({ model: "m", messages: hello });
      assert.equal(result.text, "Long answer that");
      assert.equal(result.truncated, true);
      cut = false;
      assert.equal((await llm.chat({ model: "m", messages: hello })).truncated, undefined);
    });
  });
}
