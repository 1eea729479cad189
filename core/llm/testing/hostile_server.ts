/**
 * Test support: a hostile model server on 127.0.0.1 speaking each provider's chat stream, and an
 * LLM service over it (`hostile_test.ts`, `hostile_bounds_test.ts`). Test code only.
 *
 * @module
 */
import assert from "node:assert/strict";
import { LlmUnavailable } from "../../errors.ts";
import { OllamaBackend } from "../ollama.ts";
import { OpenAiBackend } from "../openai.ts";
import { LlmService } from "../service.ts";

/** A one-message chat. */
export const hello = [{ role: "user" as const, content: "hello" }];
/** Bytes of the pieces a body without end is sent in. */
export const CHUNK = 64 * 1024;

/** How one provider frames a stream. */
export interface Framing {
  name: string;
  chatPath: string;
  backend(url: string): OllamaBackend | OpenAiBackend;
  part(content: unknown, extra?: Record<string, unknown>): string;
  done(extra?: Record<string, unknown>): string;
}

/** Ollama's NDJSON chat stream. */
export const ollama: Framing = {
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

/** An OpenAI SSE chunk with `delta`. */
export const chunk = (delta: Record<string, unknown>, rest: Record<string, unknown> = {}) =>
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

/** OpenAI's SSE chat stream. */
export const openai: Framing = {
  name: "openai",
  chatPath: "/v1/chat/completions",
  backend: (url) => new OpenAiBackend({ baseUrl: `${url}/v1`, apiKey: "" }),
  part: (content) => chunk({ content }),
  done: (extra = {}) =>
    `${
      chunk({}, {
        choices: [{ index: 0, delta: {}, finish_reason: "stop" }],
        usage: { prompt_tokens: 2, completion_tokens: 1, total_tokens: 3 },
        ...extra,
      })
    }data: [DONE]\n\n`,
};

/** What `framing.done` carries to say the reply stopped at its token limit (`length`). */
export function limitHit(framing: Framing): Record<string, unknown> {
  return framing.name === "ollama"
    ? { done_reason: "length" }
    : { choices: [{ index: 0, delta: {}, finish_reason: "length" }] };
}

/** What the server sent and whether the client hung up before the end. */
export interface Sent {
  bytes: number;
  cancelled: boolean;
  requests: string[];
}

/** A body of `next()`'s pieces (strings) until it returns null; counted into `sent`. */
export function body(sent: Sent, next: () => string | null): ReadableStream<Uint8Array> {
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

/** An LLM service talking `framing` to the model server at `url` (bounds wide enough for tests). */
export function llmAt(framing: Framing, url: string): LlmService {
  return new LlmService({
    defaultProvider: framing.name as "ollama" | "openai",
    backends: { [framing.name]: framing.backend(url) },
    settings: { timeoutMs: 20_000, streamIdleMs: 10_000, concurrency: 2, queueLimit: 8 },
  });
}

/** Serves `respond` for chat requests on 127.0.0.1; `run` gets an LLM service over `framing`. */
export async function withServer(
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
  const llm = llmAt(framing, `http://127.0.0.1:${server.addr.port}`);
  try {
    await run(llm, sent);
  } finally {
    await server.shutdown();
  }
}

/** The LlmUnavailable `promise` rejects with. */
export async function failure(promise: Promise<unknown>): Promise<LlmUnavailable> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof LlmUnavailable, `expected LlmUnavailable, got ${error}`);
    return error;
  }
  assert.fail("expected a failure");
}

/** The `data.reason` of `error`. */
export const reason = (error: LlmUnavailable) => (error.data as { reason: string }).reason;

/** A stream of `stream` content type. */
export function streamed(framing: Framing, sent: Sent, next: () => string | null): Response {
  const type = framing.name === "ollama" ? "application/x-ndjson" : "text/event-stream";
  return new Response(body(sent, next), { headers: { "content-type": type } });
}
