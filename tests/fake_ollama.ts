/**
 * An Ollama-compatible HTTP server for tests: real HTTP on 127.0.0.1, Ollama's wire format
 * (`/api/chat` streaming NDJSON and non-streaming, `/api/tags`, `/api/embed`, `/api/version`),
 * driven through the real `npm:ollama` client. It can be told to be slow, to fail, to drop the
 * stream, to lack a model, or to be absent; it records what it received and which requests the
 * client abandoned.
 *
 * @module
 */

/** A chat message as Ollama receives it. */
export interface FakeChatMessage {
  role: string;
  content: string;
}

/** A `/api/chat` request body as received. */
export interface FakeChatRequest {
  model: string;
  messages: FakeChatMessage[];
  stream?: boolean;
  options?: Record<string, unknown>;
  [key: string]: unknown;
}

/** How the server answers; change fields at any time during a test. */
export interface FakeBehavior {
  /** Builds the assistant's reply; by default a deterministic line that quotes the user. */
  reply: (request: FakeChatRequest) => string;
  /** Delay before the first token (ms). */
  firstTokenDelayMs: number;
  /** Delay between tokens (ms). */
  tokenDelayMs: number;
  /** `ok`; `error` answers HTTP 500; `drop` sends two tokens then breaks the stream; `hang` never answers. */
  mode: "ok" | "error" | "drop" | "hang";
  /** Models `/api/tags` lists; a chat or embed for any other model is a 404 like Ollama's. */
  models: string[];
  /** Embedding dimension of `/api/embed`. */
  embedDimensions: number;
  /** Token counts to report instead of counting words (Ollama's own counts differ from words). */
  counts?: { prompt: number; completion: number };
}

/** Default reply: quotes the last user message so tests can see what the model was asked. */
export function defaultReply(request: FakeChatRequest): string {
  const last = [...request.messages].reverse().find((message) => message.role === "user");
  const said = (last?.content ?? "").split("\n").at(-1)!.slice(0, 80);
  return `Well met! You said: ${said}. What a tale that would make.`;
}

/** Splits a reply into word-ish tokens that join back to it exactly. */
export function tokenize(text: string): string[] {
  return text.match(/\S+\s*|\s+/g) ?? [];
}

/** A deterministic bag-of-words embedding, so similar texts get similar vectors. */
export function fakeEmbedding(text: string, dimensions: number): number[] {
  const vector = new Array<number>(dimensions).fill(0);
  for (const word of text.toLowerCase().match(/[a-z0-9]+/g) ?? []) {
    let hash = 2166136261;
    for (const char of word) hash = Math.imul(hash ^ char.charCodeAt(0), 16777619);
    vector[Math.abs(hash) % dimensions]! += 1;
  }
  const norm = Math.hypot(...vector) || 1;
  return vector.map((value) => value / norm);
}

function countTokens(text: string): number {
  return tokenize(text).length;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The fake server. */
export class FakeOllama {
  /** Base URL, e.g. `http://127.0.0.1:41234`. */
  readonly url: string;
  readonly behavior: FakeBehavior;
  /** Every request received: path and parsed body. */
  readonly requests: Array<{ path: string; body: unknown; at: number }> = [];
  /** Requests whose client went away before the answer was complete. */
  abandoned = 0;
  /** `performance.now()` when the last stream finished sending (its final chunk). */
  lastStreamFinishedAt = 0;
  readonly #server: Deno.HttpServer<Deno.NetAddr>;
  readonly #pendingWaiters: Array<() => void> = [];
  #abandonWaiters: Array<() => void> = [];

  private constructor(behavior: Partial<FakeBehavior>, port: number) {
    this.behavior = {
      reply: defaultReply,
      firstTokenDelayMs: 0,
      tokenDelayMs: 0,
      mode: "ok",
      models: ["llama3.1:8b"],
      embedDimensions: 64,
      ...behavior,
    };
    this.#server = Deno.serve(
      { hostname: "127.0.0.1", port, onListen: () => {} },
      (request) => this.#handle(request),
    );
    this.url = `http://127.0.0.1:${this.#server.addr.port}`;
  }

  /** Starts a fake on an ephemeral port (or `port`, to come back where it was). */
  static start(behavior: Partial<FakeBehavior> = {}, port = 0): FakeOllama {
    return new FakeOllama(behavior, port);
  }

  /** The port it listens on. */
  get port(): number {
    return this.#server.addr.port;
  }

  /** The `/api/chat` requests received so far. */
  chatRequests(): FakeChatRequest[] {
    return this.requests.filter((request) => request.path === "/api/chat").map((request) =>
      request.body as FakeChatRequest
    );
  }

  /** Resolves when at least `count` chat requests have arrived. */
  async waitForChats(count: number): Promise<void> {
    while (this.chatRequests().length < count) {
      await new Promise<void>((resolve) => this.#pendingWaiters.push(resolve));
    }
  }

  /** Resolves when at least `count` requests have been abandoned by their client. */
  async waitForAbandoned(count: number): Promise<void> {
    while (this.abandoned < count) {
      await new Promise<void>((resolve) => this.#abandonWaiters.push(resolve));
    }
  }

  /** Stops listening (the "Ollama absent" case once stopped). */
  async stop(): Promise<void> {
    await this.#server.shutdown();
  }

  #record(path: string, body: unknown): void {
    this.requests.push({ path, body, at: performance.now() });
    this.#pendingWaiters.splice(0).forEach((wake) => wake());
  }

  #markAbandoned(): void {
    this.abandoned++;
    this.#abandonWaiters.splice(0).forEach((wake) => wake());
  }

  async #handle(request: Request): Promise<Response> {
    const path = new URL(request.url).pathname;
    const body = request.method === "POST" ? await request.json().catch(() => ({})) : undefined;
    this.#record(path, body);
    if (this.behavior.mode === "error") {
      return Response.json({ error: "fake ollama: internal failure" }, { status: 500 });
    }
    if (this.behavior.mode === "hang") return await this.#hang(request);
    switch (path) {
      case "/api/version":
        return Response.json({ version: "0.12.3" });
      case "/api/tags":
        return Response.json({ models: this.behavior.models.map(describeModel) });
      case "/api/embed":
        return this.#embed(body as { model: string; input: string | string[] });
      case "/api/chat":
        return this.#chat(body as FakeChatRequest, request);
      default:
        return new Response("404 page not found", { status: 404 });
    }
  }

  #hang(request: Request): Promise<Response> {
    return new Promise((resolve) => {
      request.signal.addEventListener("abort", () => {
        this.#markAbandoned();
        resolve(new Response(null, { status: 499 }));
      });
    });
  }

  #modelMissing(model: string): Response | undefined {
    if (this.behavior.models.includes(model)) return undefined;
    return Response.json({ error: `model "${model}" not found, try pulling it first` }, {
      status: 404,
    });
  }

  #embed(body: { model: string; input: string | string[] }): Response {
    const missing = this.#modelMissing(body.model);
    if (missing) return missing;
    const inputs = Array.isArray(body.input) ? body.input : [body.input];
    return Response.json({
      model: body.model,
      embeddings: inputs.map((text) => fakeEmbedding(text, this.behavior.embedDimensions)),
      total_duration: 1000,
      load_duration: 10,
      prompt_eval_count: inputs.reduce((sum, text) => sum + countTokens(text), 0),
    });
  }

  async #chat(body: FakeChatRequest, request: Request): Promise<Response> {
    const missing = this.#modelMissing(body.model);
    if (missing) return missing;
    const text = this.behavior.reply(body);
    const promptTokens = body.messages.reduce((sum, m) => sum + countTokens(m.content), 0);
    const final = {
      model: body.model,
      created_at: new Date().toISOString(),
      done: true,
      done_reason: "stop",
      total_duration: 1_000_000,
      load_duration: 1000,
      prompt_eval_count: this.behavior.counts?.prompt ?? promptTokens,
      prompt_eval_duration: 1000,
      eval_count: this.behavior.counts?.completion ?? countTokens(text),
      eval_duration: 1000,
    };
    if (body.stream === false) {
      await sleep(this.behavior.firstTokenDelayMs);
      if (request.signal.aborted) {
        this.#markAbandoned();
        return new Response(null, { status: 499 });
      }
      return Response.json({ ...final, message: { role: "assistant", content: text } });
    }
    return this.#stream(body.model, tokenize(text), final);
  }

  #stream(model: string, tokens: string[], final: Record<string, unknown>): Response {
    const encoder = new TextEncoder();
    const behavior = this.behavior;
    let cancelled = false;
    let finished = false;
    const line = (value: unknown) => encoder.encode(JSON.stringify(value) + "\n");
    const stream = new ReadableStream<Uint8Array>({
      start: async (controller) => {
        if (behavior.firstTokenDelayMs > 0) await sleep(behavior.firstTokenDelayMs);
        for (const [index, token] of tokens.entries()) {
          if (cancelled) return;
          if (behavior.mode === "drop" && index === 2) {
            controller.error(new Error("fake ollama: stream dropped"));
            return;
          }
          controller.enqueue(line({
            model,
            created_at: new Date().toISOString(),
            message: { role: "assistant", content: token },
            done: false,
          }));
          // A zero delay must not become a timer: nested timers are clamped to 4 ms.
          if (index < tokens.length - 1 && behavior.tokenDelayMs > 0) {
            await sleep(behavior.tokenDelayMs);
          }
        }
        if (cancelled) return;
        controller.enqueue(line({ ...final, message: { role: "assistant", content: "" } }));
        finished = true;
        this.lastStreamFinishedAt = performance.now();
        controller.close();
      },
      cancel: () => {
        cancelled = true;
        if (!finished) this.#markAbandoned();
      },
    });
    return new Response(stream, { headers: { "Content-Type": "application/x-ndjson" } });
  }
}

function describeModel(name: string) {
  return {
    name,
    model: name,
    modified_at: "2026-01-01T00:00:00Z",
    size: 4_920_753_328,
    digest: "fakefakefake",
    details: {
      format: "gguf",
      family: "llama",
      parameter_size: "8.0B",
      quantization_level: "Q4_K_M",
    },
  };
}
