/**
 * A deadline on request bodies. Deno's HTTP server waits for a body as long as its client keeps
 * the connection open: a client that sends its headers and then a byte now and then holds a
 * connection, a descriptor and a handler forever (slowloris). Every body the server reads goes
 * through {@linkcode withBodyDeadline}: the time spent waiting for the client's bytes is bounded,
 * and a body that does not arrive in time is answered 408 and its connection closed.
 *
 * A body that stops because its client closed the connection is a client's abort, not a server
 * error: readers see {@linkcode BodyNotReceived} (an {@linkcode RpcError}, so nothing logs it as
 * an internal error), and it is logged at debug level.
 *
 * @module
 */
import { standsFor } from "./client_gone.ts";
import { echoed } from "../../text_cut.ts";
import type { Logger } from "../../log.ts";
import { failure } from "../rpc/envelope.ts";
import { RpcCode, RpcError } from "../rpc/wire_errors.ts";

/** How long a body may keep the server waiting for its bytes, whatever its size. */
export const BODY_GRACE_MS = 10_000;

/**
 * The slowest transfer a large body may use past the grace: each 16 KiB received earns another
 * second, so an upload at 128 kbit/s or faster is never cut, and a trickle is cut after the grace.
 */
export const BODY_MIN_BYTES_PER_SECOND = 16 * 1024;

/**
 * Why a body did not arrive: too slow, its client closed the connection, or its framing broke
 * partway (a chunked body's chunk size that is no number).
 */
export type BodyFailure = "timeout" | "closed" | "malformed";

const FAILURE_MESSAGES: Record<BodyFailure, string> = {
  timeout: "Request Timeout: the request body did not arrive in time",
  closed: "Bad Request: the client closed the connection before its body arrived",
  malformed: "Bad Request: the request body's framing is invalid (its chunked encoding broke)",
};

/** Thrown to a body's reader when the body will not arrive (see {@linkcode BodyFailure}). */
export class BodyNotReceived extends RpcError {
  override name = "BodyNotReceived";

  constructor(readonly reason: BodyFailure) {
    super(RpcCode.InvalidRequest, FAILURE_MESSAGES[reason]);
  }
}

/**
 * What Deno's HTTP/1 server throws to a body's reader when the body's framing breaks partway: a
 * plain `Error` ("invalid HTTP/1 request: Invalid"), told apart by its message alone.
 */
const BROKEN_FRAMING = /^invalid HTTP\/1 request\b/;

/**
 * `error`, raised while reading a request body, as a {@linkcode BodyNotReceived} when it means
 * the client went away (Deno's `BadResource` for a body whose connection closed) or sent a body
 * whose framing broke (it was a 500 logged with its stack, review38 F6).
 */
export function bodyReadFailure(error: unknown): unknown {
  if (error instanceof BodyNotReceived) return error;
  if (error instanceof Deno.errors.BadResource || error instanceof Deno.errors.ConnectionReset) {
    return new BodyNotReceived("closed");
  }
  if (error instanceof Error && BROKEN_FRAMING.test(error.message)) {
    return new BodyNotReceived("malformed");
  }
  return error;
}

/** Options of {@linkcode withBodyDeadline}; the defaults are the constants above. */
export interface BodyDeadlineOptions {
  /** Waiting allowed for any body ({@linkcode BODY_GRACE_MS}). */
  graceMs?: number;
  /** Bytes per second that earn more waiting ({@linkcode BODY_MIN_BYTES_PER_SECOND}). */
  minBytesPerSecond?: number;
  /** Where timeouts and aborted bodies are logged (debug level). */
  log?: Logger;
}

/** The answer to a body that did not arrive in time (the connection closes after it). */
function timeoutResponse(error: BodyNotReceived): Response {
  return Response.json(failure(null, { code: error.code, message: error.message }), {
    status: 408,
    headers: { Connection: "close" },
  });
}

/**
 * Methods the Fetch standard forbids in a `Request` (building one throws): no route serves them,
 * so they are answered 501 at once, never as an internal error.
 */
const FORBIDDEN_METHODS = new Set(["CONNECT", "TRACE", "TRACK"]);

function notImplemented(method: string): Response {
  return Response.json({
    error: {
      code: RpcCode.MethodNotFound,
      message: `Method ${echoed(method)} is not supported by this server`,
    },
  }, { status: 501 });
}

/**
 * A request body read through a deadline: the time its reader spends waiting for the client is
 * bounded by the grace plus a second per {@linkcode BODY_MIN_BYTES_PER_SECOND} received. Time
 * the handler spends elsewhere (before it reads, between reads) is not counted.
 */
class DeadlineBody {
  readonly stream: ReadableStream<Uint8Array>;
  readonly expired: Promise<BodyNotReceived>;
  #reader: ReadableStreamDefaultReader<Uint8Array>;
  #expire!: (error: BodyNotReceived) => void;
  #received = 0;
  #waitedMs = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(source: ReadableStream<Uint8Array>, readonly options: Required<BodyDeadlineOptions>) {
    this.#reader = source.getReader();
    this.expired = new Promise((resolve) => this.#expire = resolve);
    this.stream = new ReadableStream<Uint8Array>({
      pull: (controller) => this.#pull(controller),
      cancel: (reason) => this.#reader.cancel(reason),
    }, { highWaterMark: 0 });
  }

  /** Stops the clock (the handler answered). */
  stop(): void {
    clearTimeout(this.#timer);
  }

  async #pull(controller: ReadableStreamDefaultController<Uint8Array>): Promise<void> {
    const { graceMs, minBytesPerSecond } = this.options;
    const allowedMs = graceMs + (this.#received / minBytesPerSecond) * 1000 - this.#waitedMs;
    const started = performance.now();
    let timedOut: BodyNotReceived | undefined;
    this.#timer = setTimeout(() => {
      timedOut = new BodyNotReceived("timeout");
      controller.error(timedOut);
      this.#reader.cancel(timedOut).catch(() => {});
      this.#expire(timedOut);
    }, Math.max(0, allowedMs));
    try {
      const { done, value } = await this.#reader.read();
      if (timedOut) return;
      if (done) return controller.close();
      this.#received += value.byteLength;
      controller.enqueue(value);
    } catch (error) {
      if (timedOut) return;
      const failure = bodyReadFailure(error);
      if (failure instanceof BodyNotReceived && failure.reason === "malformed") {
        // A client's broken framing (a bug of its own, or a probe): worth a line, not a stack.
        this.options.log.warn("Request body framing is invalid", {
          received_bytes: this.#received,
          reason: (error as Error).message,
        });
      } else if (failure instanceof BodyNotReceived) {
        this.options.log.debug("Client closed the connection before its body arrived", {
          received_bytes: this.#received,
        });
      }
      throw failure;
    } finally {
      clearTimeout(this.#timer);
      this.#waitedMs += performance.now() - started;
    }
  }
}

/**
 * `handler` with a deadline on every request body (see the module documentation). A request
 * without a body goes to `handler` unchanged (WebSocket upgrades need the original request).
 */
export function withBodyDeadline<Address extends Deno.Addr>(
  handler: Deno.ServeHandler<Address>,
  options: BodyDeadlineOptions = {},
): Deno.ServeHandler<Address> {
  const settings: Required<BodyDeadlineOptions> = {
    graceMs: options.graceMs ?? BODY_GRACE_MS,
    minBytesPerSecond: options.minBytesPerSecond ?? BODY_MIN_BYTES_PER_SECOND,
    log: options.log ?? silent,
  };
  return async (request, info) => {
    if (FORBIDDEN_METHODS.has(request.method.toUpperCase())) return notImplemented(request.method);
    if (request.body === null) return await handler(request, info);
    const body = new DeadlineBody(request.body, settings);
    // Built from parts: `new Request(request)` reads request.signal (legacy abort: Deno warns,
    // see client_gone.ts); whoever needs it reads the original's (clientSignal).
    const guarded = new Request(request.url, {
      method: request.method,
      headers: request.headers,
      body: body.stream,
    });
    standsFor(guarded, request);
    const answer = (async () => await handler(guarded, info))();
    const expired = body.expired.then((error) => {
      settings.log.debug("Request body timed out", {
        route: `${echoed(request.method)} ${echoed(new URL(request.url).pathname)}`,
      });
      return timeoutResponse(error);
    });
    try {
      return await Promise.race([answer, expired]);
    } finally {
      body.stop();
    }
  };
}

const silent: Logger = { debug() {}, info() {}, warn() {}, error() {} };
