/**
 * An HTTP listener that survives running out of file descriptors. Past the open-file limit,
 * `accept(2)` fails with EMFILE; Deno's `Deno.serve` then ends its accept loop and rejects its
 * `finished` promise, which, unhandled, ends the whole process. Deno 2.9 offers no way to close
 * one HTTP connection, no header or idle timeout, and no cap on connections, so a client that
 * opens enough connections and never finishes a request gets there (see SECURITY.md).
 *
 * {@linkcode KeptListener} handles that rejection: it logs it, shuts the failed server down
 * gracefully, and listens again on the same port after a short back-off, doubling while
 * listening fails or fails again soon. The shutdown is what frees the descriptors: a failed
 * server keeps every connection it accepted, even once its client has closed it (measured:
 * 141 sockets left in the CLOSED state under `ulimit -n 160`, until the next failure). It also
 * closes the failed server's WebSockets, with 1001 ("going away"), and ends its streaming HTTP
 * responses (SSE: an MCP stream, a streamed reply) where they are, with no event saying why:
 * Deno 2.9 cannot free one connection without the others. Clients reconnect to the new listener
 * (and send a request whose streamed answer was cut again).
 *
 * @module
 */
import type { Logger } from "../../log.ts";

/** The first wait before listening again after the listener failed. */
export const RELISTEN_FIRST_MS = 100;

/** The longest wait between attempts to listen again. */
export const RELISTEN_MAX_MS = 5_000;

/** A listener that served this long without failing starts its back-off afresh. */
const STABLE_MS = 60_000;

/** Starts a server on `port`. */
export type StartServer = (port: number) => Deno.HttpServer<Deno.NetAddr>;

/** What the server says when its accept loop fails (EMFILE and ENFILE named plainly). */
export function describeAcceptFailure(error: unknown): string {
  const text = String(error instanceof Error && error.cause ? error.cause : error);
  if (/os error 24\b/.test(text)) return "out of file descriptors (EMFILE, ulimit -n)";
  if (/os error 23\b/.test(text)) return "the system is out of file descriptors (ENFILE)";
  return text;
}

/** See the module documentation. */
export class KeptListener {
  #start: StartServer;
  #log: Logger;
  #label: string;
  #server: Deno.HttpServer<Deno.NetAddr>;
  #port: number;
  #closing = false;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #delayMs = RELISTEN_FIRST_MS;
  #startedAt = 0;
  #restarts = 0;
  #retired = new Set<Deno.HttpServer<Deno.NetAddr>>();

  /** Listens now (errors propagate: a port taken at start is the user's to fix). */
  constructor(start: StartServer, options: { port: number; log: Logger; label: string }) {
    this.#start = start;
    this.#log = options.log;
    this.#label = options.label;
    this.#server = this.#listen(options.port);
    this.#port = this.#server.addr.port;
  }

  /** The address listened on (the same port across restarts). */
  get addr(): Deno.NetAddr {
    return this.#server.addr;
  }

  /** How many times the listener was started again after a failure. */
  get restarts(): number {
    return this.#restarts;
  }

  /** Stops listening and ends the server's connections (gracefully). */
  async shutdown(): Promise<void> {
    this.#closing = true;
    clearTimeout(this.#timer);
    await Promise.allSettled([this.#server, ...this.#retired].map((server) => server.shutdown()));
  }

  #listen(port: number): Deno.HttpServer<Deno.NetAddr> {
    const server = this.#start(port);
    this.#startedAt = performance.now();
    server.finished.catch((error) => this.#failed(error, server));
    return server;
  }

  #failed(error: unknown, server: Deno.HttpServer<Deno.NetAddr>): void {
    if (this.#closing) return;
    if (performance.now() - this.#startedAt > STABLE_MS) this.#delayMs = RELISTEN_FIRST_MS;
    this.#log.error(`${this.#label} stopped accepting connections; listening again soon`, {
      port: this.#port,
      cause: describeAcceptFailure(error),
      retry_ms: this.#delayMs,
    });
    // Frees the descriptors of its connections (idle, half-sent, waiting for a body, closed).
    this.#retired.add(server);
    server.shutdown().catch((cause) => {
      this.#log.warn(`${this.#label}: the failed server did not shut down`, { cause });
    }).finally(() => this.#retired.delete(server));
    this.#retry();
  }

  #retry(): void {
    const delay = this.#delayMs;
    this.#delayMs = Math.min(RELISTEN_MAX_MS, delay * 2);
    this.#timer = setTimeout(() => {
      if (this.#closing) return;
      try {
        this.#server = this.#listen(this.#port);
        this.#restarts++;
        this.#log.info(`${this.#label} accepting connections again`, { port: this.#port });
      } catch (error) {
        this.#log.warn(`${this.#label} cannot listen yet`, {
          port: this.#port,
          cause: describeAcceptFailure(error),
          retry_ms: this.#delayMs,
        });
        this.#retry();
      }
    }, delay);
  }
}
