/**
 * What the model-server fakes share: real HTTP on 127.0.0.1, behaviour that a test can change at
 * any time (slow, failing, dropping or stalling the stream, lacking a model, absent once
 * stopped), a record of what arrived, and a count of the requests whose client went away before
 * the answer was complete. `FakeOllama` speaks Ollama's API, `FakeOpenAi` the OpenAI-compatible
 * one; both are driven through the real clients. What they are asked and the replies,
 * counts and embeddings they give: `fake_model_behavior.ts`.
 *
 * @module
 */
import {
  asksForJson,
  defaultReply,
  type FakeBehavior,
  type FakeChatRequest,
  type RecordedRequest,
} from "./fake_model_behavior.ts";

/** Resolves after `ms`. */
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The messages of one streamed answer, in the server's own wire format. */
export interface StreamScript {
  /** One message per token. */
  token(text: string): string;
  /** The message that ends the answer (may hold several wire messages). */
  final(): string;
  /** The error message sent in the stream in `stream_error` mode. */
  error(): string;
}

/** The shared part of the fakes; subclasses route paths to their API. */
export abstract class FakeModelServer<B extends FakeBehavior = FakeBehavior> {
  /** Base URL, e.g. `http://127.0.0.1:41234` (without any API prefix). */
  readonly url: string;
  readonly behavior: B;
  /** Every request received: path, parsed body and headers. */
  readonly requests: RecordedRequest[] = [];
  /** Requests whose client went away before the answer was complete. */
  abandoned = 0;
  /** `performance.now()` when the last stream finished sending (its final message). */
  lastStreamFinishedAt = 0;
  /** Path of chat requests, for {@linkcode chatRequests}. */
  protected abstract readonly chatPath: string;
  readonly #server: Deno.HttpServer<Deno.NetAddr>;
  readonly #pendingWaiters: Array<() => void> = [];
  #abandonWaiters: Array<() => void> = [];
  /** Ends each request held by `hang` mode (Deno.serve may miss a client's close). */
  readonly #hanging = new Set<() => void>();

  /** `behavior` must hold every field of B beyond {@linkcode FakeBehavior}. */
  protected constructor(
    behavior: Partial<FakeBehavior> & Omit<B, keyof FakeBehavior>,
    port: number,
  ) {
    this.behavior = {
      reply: defaultReply,
      firstTokenDelayMs: 0,
      tokenDelayMs: 0,
      mode: "ok",
      models: ["llama3.1:8b"],
      embedDimensions: 64,
      ...behavior,
    } as B;
    this.#server = Deno.serve(
      { hostname: "127.0.0.1", port, onListen: () => {} },
      (request) => this.#handle(request),
    );
    this.url = `http://127.0.0.1:${this.#server.addr.port}`;
  }

  /** The port it listens on. */
  get port(): number {
    return this.#server.addr.port;
  }

  /** The chat requests received so far. */
  chatRequests(): FakeChatRequest[] {
    return this.requests.filter((request) => request.path === this.chatPath).map((request) =>
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

  /** Stops listening (the "server absent" case once stopped); requests left hanging end. */
  async stop(): Promise<void> {
    for (const end of this.#hanging) end();
    await this.#server.shutdown();
  }

  /** Answers one request that is not a `hang` or `error` (both handled here). */
  protected abstract route(path: string, body: unknown, request: Request): Promise<Response>;

  /** The answer of `error` mode, in the server's own error format. */
  protected abstract failure(): Response;

  async #handle(request: Request): Promise<Response> {
    const path = new URL(request.url).pathname;
    const body = request.method === "POST" ? await request.json().catch(() => ({})) : undefined;
    this.requests.push({ path, body, headers: request.headers, at: performance.now() });
    this.#pendingWaiters.splice(0).forEach((wake) => wake());
    const mode = this.modeOf(body);
    if (mode === "error") return this.failure();
    if (mode === "hang") return await this.#hang(request);
    return await this.route(path, body, request);
  }

  /** The mode a request is answered in (JSON requests may have their own). */
  protected modeOf(body: unknown): FakeBehavior["mode"] {
    const json = asksForJson(body) ? this.behavior.json : undefined;
    return json?.mode ?? this.behavior.mode;
  }

  /** The first-token delay of a request (JSON requests may have their own). */
  protected firstTokenDelayOf(body: unknown): number {
    const json = asksForJson(body) ? this.behavior.json : undefined;
    return json?.firstTokenDelayMs ?? this.behavior.firstTokenDelayMs;
  }

  /** The gate a request's answer waits at (JSON requests may have their own). */
  protected heldOf(body: unknown): Promise<void> | undefined {
    return (asksForJson(body) ? this.behavior.json?.held : undefined) ?? this.behavior.held;
  }

  #markAbandoned(): void {
    this.abandoned++;
    this.#abandonWaiters.splice(0).forEach((wake) => wake());
  }

  #hang(request: Request): Promise<Response> {
    return new Promise((resolve) => {
      const end = () => {
        this.#hanging.delete(end);
        resolve(new Response(null, { status: 499 }));
      };
      this.#hanging.add(end);
      request.signal.addEventListener("abort", () => {
        this.#markAbandoned();
        end();
      });
    });
  }

  /** Waits for the first token's delay; false when the client went away meanwhile. */
  protected async delayedAnswer(request: Request, body?: unknown): Promise<boolean> {
    await this.heldOf(body);
    await sleep(this.firstTokenDelayOf(body));
    if (!request.signal.aborted) return true;
    this.#markAbandoned();
    return false;
  }

  /** Streams `tokens` with the behaviour's delays and failure modes, then the final message. */
  protected stream(
    tokens: string[],
    script: StreamScript & { contentType: string; body?: unknown },
  ): Response {
    const encoder = new TextEncoder();
    const behavior = {
      ...this.behavior,
      mode: this.modeOf(script.body),
      firstTokenDelayMs: this.firstTokenDelayOf(script.body),
      held: this.heldOf(script.body),
    };
    let cancelled = false;
    let finished = false;
    const stream = new ReadableStream<Uint8Array>({
      start: async (controller) => {
        if (behavior.held !== undefined) await behavior.held;
        if (behavior.firstTokenDelayMs > 0) await sleep(behavior.firstTokenDelayMs);
        for (const [index, token] of tokens.entries()) {
          if (cancelled) return;
          if (index === 2 && behavior.mode === "drop") {
            controller.error(new Error("fake model server: stream dropped"));
            return;
          }
          if (index === 2 && (behavior.mode === "stream_error" || behavior.mode === "truncate")) {
            if (behavior.mode === "stream_error") {
              controller.enqueue(encoder.encode(script.error()));
            }
            finished = true;
            controller.close();
            return;
          }
          controller.enqueue(encoder.encode(script.token(token)));
          // A zero delay must not become a timer: nested timers are clamped to 4 ms.
          if (index < tokens.length - 1 && behavior.tokenDelayMs > 0) {
            await sleep(behavior.tokenDelayMs);
          }
        }
        if (cancelled) return;
        controller.enqueue(encoder.encode(script.final()));
        finished = true;
        this.lastStreamFinishedAt = performance.now();
        controller.close();
      },
      cancel: () => {
        cancelled = true;
        if (!finished) this.#markAbandoned();
      },
    });
    return new Response(stream, { headers: { "Content-Type": script.contentType } });
  }
}
