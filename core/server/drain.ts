/**
 * Graceful shutdown's first step (SIGTERM, SIGINT): new work is refused while the calls in flight
 * finish, for at most SHUTDOWN_GRACE_MS; what still runs then is cancelled (-32008) as before.
 *
 * The REST listener simply stops (`Deno.HttpServer.shutdown`: new connections are refused, idle
 * ones closed, requests in flight answered). SERVER_PORT cannot stop listening yet: in Deno 2.9
 * that also closes every WebSocket at once, and their calls in flight are what is waited for. So
 * until its WebSockets are drained it answers every new HTTP request (a WebSocket upgrade, a
 * Streamable HTTP POST, an SSE GET) 503 with `Retry-After` and `Connection: close`, and counts the
 * ones it took before: each until its handler returned, or for an SSE answer until its stream
 * ends. `GET /api/health` reached meanwhile answers 503 `draining`.
 *
 * What a guard is told may still pass ({@linkcode DrainOptions.passes}) goes on to its handler
 * while draining: on SERVER_PORT, a Streamable HTTP POST in an MCP session, which may be the
 * `notifications/cancelled` of a call being waited for. The endpoint refuses any new call in it
 * with {@linkcode drainingRefusal} itself (it alone can read the body), and lets notifications
 * take effect.
 *
 * @module
 */
import { failure } from "./rpc/envelope.ts";
import { shuttingDown, toWireError } from "./rpc/wire_errors.ts";
import { HEALTH_PATH } from "./rest/health.ts";

/** The drain of one server: off until {@linkcode Drain.start}. */
export class Drain {
  #draining = false;
  #inflight = 0;
  #taken = 0;
  #idle: Array<() => void> = [];

  /** True once shutdown began. */
  get draining(): boolean {
    return this.#draining;
  }

  /** Requests taken and not done yet (an SSE answer until its stream ends). */
  get inflight(): number {
    return this.#inflight;
  }

  /** Requests taken so far: it moves with every request (burst_collect.ts's quiet window). */
  get taken(): number {
    return this.#taken;
  }

  /** Refuses new work from now on. */
  start(): void {
    this.#draining = true;
  }

  /**
   * Resolves once the requests taken by {@linkcode guard}ed handlers are done, or after `graceMs`
   * (whichever comes first).
   */
  async settled(graceMs: number): Promise<void> {
    if (this.#inflight === 0) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([
      new Promise<void>((resolve) => this.#idle.push(resolve)),
      new Promise<void>((resolve) => timer = setTimeout(resolve, graceMs)),
    ]);
    clearTimeout(timer);
  }

  /**
   * `handler`, refusing new requests while draining (but those `options.passes`) and counting
   * the ones it takes.
   */
  guard(
    handler: Deno.ServeHandler<Deno.NetAddr>,
    options: DrainOptions = {},
  ): Deno.ServeHandler<Deno.NetAddr> {
    return async (request, info) => {
      if (this.#draining && !options.passes?.(request)) return refusal(request);
      this.#inflight++;
      this.#taken++;
      let ended = false;
      const done = () => {
        if (ended) return;
        ended = true;
        if (--this.#inflight === 0) { for (const resolve of this.#idle.splice(0)) resolve(); }
      };
      let streamed = false;
      try {
        const response = await handler(request, info);
        if (!isEventStream(response)) return response;
        streamed = true;
        return followed(response, done);
      } finally {
        if (!streamed) done();
      }
    };
  }
}

/** Options of {@linkcode Drain.guard}. */
export interface DrainOptions {
  /**
   * True for a request that goes on to the handler while draining; the handler then refuses
   * what would be new work ({@linkcode drainingRefusal}).
   */
  passes?: (request: Request) => boolean;
}

const DRAINING_HEADERS = { "Retry-After": "1", "Connection": "close" };

/** The answer to a request that came while draining (health: 503 `draining`). */
function refusal(request: Request): Response {
  if (new URL(request.url).pathname === HEALTH_PATH) {
    return Response.json({ status: "draining" }, { status: 503, headers: DRAINING_HEADERS });
  }
  return drainingRefusal();
}

/**
 * 503 -32008 with `Retry-After` and `Connection: close`: new work refused while draining; `id`
 * is the request's, when the refusal could read it. `headers` are added (CORS).
 */
export function drainingRefusal(
  id: string | number | null = null,
  headers: Record<string, string> = {},
): Response {
  return Response.json(failure(id, toWireError(shuttingDown(id)).error), {
    status: 503,
    headers: { ...DRAINING_HEADERS, ...headers },
  });
}

/**
 * Whether `response` is an SSE stream. Its header is read first: reading `body` turns a body
 * given as text into a stream, which Deno then sends chunked, without its Content-Length.
 */
function isEventStream(response: Response): boolean {
  return (response.headers.get("content-type") ?? "").startsWith("text/event-stream") &&
    response.body !== null;
}

/** `response` with its body followed: `done` runs once it ends or its reader goes. */
function followed(response: Response, done: () => void): Response {
  const reader = response.body!.getReader();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const { value, done: ended } = await reader.read();
        if (ended) {
          controller.close();
          done();
        } else controller.enqueue(value);
      } catch (error) {
        done();
        controller.error(error);
      }
    },
    async cancel(reason) {
      done();
      await reader.cancel(reason);
    },
  });
  return new Response(body, { status: response.status, headers: response.headers });
}

/** Longest wait, once the grace is over, for the cancelled calls' (-32008) replies. */
const REPLY_GRACE_MS = 3_000;

/**
 * Longest wait, once the sessions are closed, for the listeners to stop: Deno's
 * `HttpServer.shutdown()` waits with no time limit for every answer to be written, and a client
 * that never reads one (pipelined requests, an event stream) would hold it forever (review35 R3).
 */
const LISTENER_GRACE_MS = 3_000;

/** Resolves when `work` settles or after `ms`, whichever comes first. */
async function within(work: Promise<unknown>, ms: number): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  await Promise.race([
    work.catch(() => {}),
    new Promise<void>((resolve) => timer = setTimeout(resolve, ms)),
  ]);
  clearTimeout(timer);
}

/** What {@linkcode stopGracefully} stops. */
export interface GracefulStop {
  /** The drain guarding both listeners. */
  drain: Drain;
  /** Longest wait for the calls in flight (SHUTDOWN_GRACE_MS). */
  graceMs: number;
  /** The REST listener: stops listening at once. */
  rest: { shutdown(): Promise<void> };
  /** SERVER_PORT's listener: stops last (its WebSockets would go with it). */
  server: { shutdown(): Promise<void> };
  /** The WebSockets: new messages refused, the calls in flight given the grace, then closed. */
  webSockets: { drain(graceMs: number): Promise<void> };
  /** Cancels every call still running (-32008). */
  cancel(): void;
  /** Closes the sessions and what else remains; resolves once that is closed. */
  finish(): Promise<unknown>;
}

/**
 * Stops a server gracefully: new work refused, the calls in flight finish for at most
 * `graceMs`, then what still runs is cancelled, its replies given a few seconds, and every
 * listener and session closed (a listener given a few seconds more: a client that does not read
 * is not waited for).
 */
export async function stopGracefully(stop: GracefulStop): Promise<void> {
  stop.drain.start();
  const restClosed = stop.rest.shutdown();
  await Promise.all([
    stop.webSockets.drain(stop.graceMs),
    within(restClosed, stop.graceMs),
    stop.drain.settled(stop.graceMs),
  ]);
  stop.cancel();
  await Promise.all([within(restClosed, REPLY_GRACE_MS), stop.drain.settled(REPLY_GRACE_MS)]);
  const listeners = Promise.all([stop.server.shutdown(), restClosed]);
  try {
    await stop.finish();
  } finally {
    await within(listeners, LISTENER_GRACE_MS);
  }
}
