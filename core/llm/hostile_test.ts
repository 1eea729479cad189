/**
 * The LLM service against a hostile model server, through both providers' real clients: an
 * error body without end, a line without end, parts of the wrong shape, a reply without end, a
 * redirect. Every bound is checked by counting what was read or kept, never by timing.
 */
import assert from "node:assert/strict";
import { LlmUnavailable } from "../errors.ts";
import { EXCERPT_CHARS } from "./limits.ts";
import { OllamaBackend } from "./ollama.ts";
import { OpenAiBackend } from "./openai.ts";
import { LlmService } from "./service.ts";

const hello = [{ role: "user" as const, content: "hello" }];
const CHUNK = 64 * 1024;

/** How one provider frames a stream. */
interface Framing {
  name: string;
  chatPath: string;
  backend(url: string): OllamaBackend | OpenAiBackend;
  part(content: unknown, extra?: Record<string, unknown>): string;
  done(extra?: Record<string, unknown>): string;
}

const ollama: Framing = {
  name: "ollama",
  chatPath: "/api/chat",
  backend: (url) => new OllamaBackend(url),
  part: (content, extra = {}) =>
    JSON.stringify({ model: "m", message: { role: "assistant", content }, done: false, ...extra }) +
    "\n",
  done: (extra = {}) =>
    JSON.stringify({
      model: "m",
      message: { role: "assistant", content: "" },
      done: true,
      prompt_eval_count: 2,
      eval_count: 1,
      ...extra,
    }) + "\n",
};

const chunk = (delta: Record<string, unknown>, rest: Record<string, unknown> = {}) =>
  `data: ${
    JSON.stringify({
      id: "c",
      object: "chat.completion.chunk",
      created: 1,
      model: "m",
      choices: [{ index: 0, delta, finish_reason: null }],
      ...rest,
    })
  }\n\n`;

const openai: Framing = {
  name: "openai",
  chatPath: "/v1/chat/completions",
  backend: (url) => new OpenAiBackend({ baseUrl: `${url}/v1`, apiKey: "" }),
  part: (content) => chunk({ content }),
  done: (extra = {}) =>
    `data: ${
      JSON.stringify({
        id: "c",
        object: "chat.completion.chunk",
        created: 1,
        model: "m",
        choices: [{ index: 0, delta: {}, finish_reason: "stop" }],
        usage: { prompt_tokens: 2, completion_tokens: 1, total_tokens: 3 },
        ...extra,
      })
    }\n\ndata: [DONE]\n\n`,
};

/** What the server sent and whether the client hung up before the end. */
interface Sent {
  bytes: number;
  cancelled: boolean;
  requests: string[];
}

/** A body of `next()`'s pieces (strings) until it returns null; counted into `sent`. */
function body(sent: Sent, next: () => string | null): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    pull(controller) {
      const piece = next();
      if (piece === null) return controller.close();
      const bytes = encoder.encode(piece);
      sent.bytes += bytes.length;
      controller.enqueue(bytes);
    },
    cancel() {
      sent.cancelled = true;
    },
  });
}

/** Serves `respond` for chat requests on 127.0.0.1; `run` gets an LLM service over `framing`. */
async function withServer(
  framing: Framing,
  respond: (sent: Sent, url: string) => Response,
  run: (llm: LlmService, sent: Sent) => Promise<void>,
): Promise<void> {
  const sent: Sent = { bytes: 0, cancelled: false, requests: [] };
  const server: Deno.HttpServer<Deno.NetAddr> = Deno.serve({
    hostname: "127.0.0.1",
    port: 0,
    onListen: () => {},
  }, (request): Response => {
    const path = new URL(request.url).pathname;
    sent.requests.push(path);
    if (path !== framing.chatPath) return new Response("elsewhere", { status: 200 });
    return respond(sent, `http://127.0.0.1:${server.addr.port}`);
  });
  const url = `http://127.0.0.1:${server.addr.port}`;
  const llm = new LlmService({
    defaultProvider: framing.name as "ollama" | "openai",
    backends: { [framing.name]: framing.backend(url) },
    settings: { timeoutMs: 20_000, streamIdleMs: 10_000, concurrency: 2, queueLimit: 8 },
  });
  try {
    await run(llm, sent);
  } finally {
    await server.shutdown();
  }
}

async function failure(promise: Promise<unknown>): Promise<LlmUnavailable> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof LlmUnavailable, `expected LlmUnavailable, got ${error}`);
    return error;
  }
  assert.fail("expected a failure");
}

const reason = (error: LlmUnavailable) => (error.data as { reason: string }).reason;

/** A stream of `stream` content type. */
function streamed(framing: Framing, sent: Sent, next: () => string | null): Response {
  const type = framing.name === "ollama" ? "application/x-ndjson" : "text/event-stream";
  return new Response(body(sent, next), { headers: { "content-type": type } });
}

for (const framing of [ollama, openai]) {
  const test = (name: string, fn: () => Promise<void>) => Deno.test(`${framing.name}: ${name}`, fn);

  test("an error body is read only in its first bytes, and repeated as a one-line excerpt", async () => {
    const total = 32 * 1024 * 1024;
    const trace = "Error: boom\n    at internal (/srv/secret/runner.go:42)\n".repeat(1200);
    await withServer(framing, (sent) => {
      const stream = body(sent, () => sent.bytes < total ? trace.slice(0, CHUNK) : null);
      return new Response(stream, { status: 500, headers: { "content-type": "text/plain" } });
    }, async (llm, sent) => {
      const error = await failure(llm.chat({ model: "m", messages: hello }));
      assert.equal((error.data as { status: number }).status, 500);
      assert.ok(!error.message.includes("\n"), "one line");
      assert.ok(error.message.length < EXCERPT_CHARS + 100, `message of ${error.message.length}`);
      assert.ok(JSON.stringify(error.data).length < 4 * EXCERPT_CHARS);
      assert.ok(sent.bytes < total, `the whole body was read (${sent.bytes} bytes)`);
    });
  });

  test("a line without end is stream_broken 'line too long', not read to its end", async () => {
    const total = 16 * 1024 * 1024;
    const piece = framing.name === "ollama" ? '{"message":{"content":"' : 'data: {"x":"';
    let first = true;
    await withServer(framing, (sent) =>
      streamed(framing, sent, () => {
        if (sent.bytes >= total) return null;
        const head = first ? piece : "";
        first = false;
        return head + "a".repeat(CHUNK);
      }), async (llm, sent) => {
      const error = await failure(llm.chat({ model: "m", messages: hello }));
      assert.equal(reason(error), "stream_broken");
      assert.match(error.message, /line too long/);
      assert.ok(sent.bytes < total, `the whole line was read (${sent.bytes} bytes)`);
    });
  });

  test("content that is not a string is stream_broken, naming it", async () => {
    const parts = [framing.part("ok"), framing.part(42), framing.done()];
    await withServer(
      framing,
      (sent) => streamed(framing, sent, () => parts.shift() ?? null),
      async (llm) => {
        const error = await failure(llm.chat({ model: "m", messages: hello }));
        assert.equal(reason(error), "stream_broken");
        assert.match(error.message, /content is not a string/);
      },
    );
  });

  test("a stream that ends with no content is stream_broken, never an empty reply", async () => {
    const parts = [framing.done()];
    await withServer(
      framing,
      (sent) => streamed(framing, sent, () => parts.shift() ?? null),
      async (llm) => {
        const error = await failure(llm.chat({ model: "m", messages: hello }));
        assert.equal(reason(error), "stream_broken");
        assert.match(error.message, /empty/);
      },
    );
  });

  test("a reply that spends its whole limit without text is no_answer, not 'Retry'", async () => {
    const extra = framing.name === "ollama"
      ? { done_reason: "length" }
      : { choices: [{ index: 0, delta: {}, finish_reason: "length" }] };
    // A thinking model: its thoughts are not text.
    const thought = framing.name === "ollama"
      ? framing.part("", { message: { role: "assistant", content: "", thinking: "hmm" } })
      : chunk({ reasoning_content: "hmm" });
    const parts = [thought, framing.done(extra)];
    await withServer(
      framing,
      (sent) => streamed(framing, sent, () => parts.shift() ?? null),
      async (llm) => {
        const error = await failure(llm.chat({ model: "m", messages: hello, maxTokens: 77 }));
        assert.equal(reason(error), "no_answer");
        assert.match(error.message, /whole LLM_MAX_TOKENS \(77\) without answering/);
        assert.match(String((error.data as { hint: string }).hint), /Raise LLM_MAX_TOKENS/);
      },
    );
  });

  test("token counts that are not finite and ≥ 0 count as 0", async () => {
    const extra = framing.name === "ollama"
      ? { prompt_eval_count: -1e308, eval_count: "7" }
      : { usage: { prompt_tokens: -1e308, completion_tokens: "7", total_tokens: 0 } };
    const parts = [framing.part("hi"), framing.done(extra)];
    await withServer(
      framing,
      (sent) => streamed(framing, sent, () => parts.shift() ?? null),
      async (llm) => {
        const result = await llm.chat({ model: "m", messages: hello });
        assert.equal(result.text, "hi");
        assert.equal(result.promptTokens, 0);
        assert.equal(result.completionTokens, 0);
      },
    );
  });

  test("a reply without end is cut at its bound and the request is aborted", async () => {
    const maxParts = 100_000;
    let parts = 0;
    await withServer(
      framing,
      (sent) => streamed(framing, sent, () => parts++ < maxParts ? framing.part("tok ") : null),
      async (llm, sent) => {
        const result = await llm.chat({ model: "m", messages: hello, maxTokens: 10 });
        // 10 tokens: at most 2 parts per token and 16 more (the last one kept), 32 characters each.
        const bound = Math.min((2 * 10 + 16 + 1) * "tok ".length, 10 * 32);
        assert.ok(result.text.length <= bound, `${result.text.length} characters kept`);
        assert.ok(result.text.startsWith("tok tok"));
        for (let i = 0; i < 100 && !sent.cancelled; i++) {
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
        assert.ok(sent.cancelled, "the request was aborted");
        assert.ok(parts < maxParts);
      },
    );
  });

  test("a redirect is refused with a clear error and never followed", async () => {
    await withServer(
      framing,
      (_sent, url) =>
        new Response(null, { status: 302, headers: { location: `${url}/elsewhere` } }),
      async (llm, sent) => {
        const error = await failure(llm.chat({ model: "m", messages: hello }));
        assert.equal(reason(error), "redirected");
        assert.match(
          error.message,
          /redirect \(HTTP 302\) to http:\/\/127\.0\.0\.1:\d+\/elsewhere/,
        );
        assert.deepEqual(sent.requests, [framing.chatPath]);
      },
    );
  });
}

for (const framing of [ollama, openai]) {
  Deno.test(`${framing.name}: a 429's Retry-After is passed on in seconds`, async () => {
    await withServer(framing, () =>
      new Response(JSON.stringify({ error: "slow down" }), {
        status: 429,
        headers: { "content-type": "application/json", "retry-after": "17" },
      }), async (llm) => {
      const error = await failure(llm.chat({ model: "m", messages: hello }));
      assert.equal((error.data as { retry_after_s?: number }).retry_after_s, 17);
      assert.match(error.message, /slow down/);
    });
  });
}

for (const framing of [ollama, openai]) {
  Deno.test(`${framing.name}: a model list without end is cut at 4 MiB, a clear error`, async () => {
    const sent: Sent = { bytes: 0, cancelled: false, requests: [] };
    const piece = '{"name":"m","model":"m","size":1},'.repeat(2000);
    let first = true;
    const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, () => {
      const stream = body(sent, () => {
        if (sent.bytes > 256 * 1024 * 1024) return null;
        const head = first ? '{"object":"list","models":[' : "";
        first = false;
        return head + piece;
      });
      return new Response(stream, { headers: { "content-type": "application/json" } });
    });
    const url = `http://127.0.0.1:${server.addr.port}`;
    const llm = new LlmService({
      defaultProvider: framing.name as "ollama" | "openai",
      backends: { [framing.name]: framing.backend(url) },
      settings: { timeoutMs: 20_000, streamIdleMs: 10_000, concurrency: 2, queueLimit: 8 },
    });
    try {
      const list = await llm.listModels();
      assert.equal(list.reachable, false);
      assert.equal((list.error?.data as { reason: string }).reason, "reply_too_large");
      assert.match(list.error!.message, /over 4194304 bytes/);
      // 4 MiB read; past that, only what sockets buffered (the body has 256 MiB).
      assert.ok(sent.bytes < 32 * 1024 * 1024, `${sent.bytes} bytes sent`);
    } finally {
      await server.shutdown();
    }
  });
}
