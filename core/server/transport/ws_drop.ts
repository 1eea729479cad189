/**
 * Ending a WebSocket whose client ignores the server's close frame. `WebSocket.close()` only sends
 * the close frame: Deno then waits, with no time limit, for the client's own close frame, and
 * meanwhile keeps reading (and buffering) what the client sends. A client in the middle of a
 * fragmented message never has to answer, and Deno 2.9.6 collects its fragments without a size
 * limit (denoland/fastwebsockets#100), so the memory it holds grows until the TCP connection ends.
 *
 * No public API ends one upgraded connection: `Deno.serve`'s `signal` and `shutdown()` end every
 * connection of the port. What Deno's own ping timeout does (close, then close the socket's
 * resource, which cancels its read and frees the buffer) is reached here through
 * `Deno[Deno.internal].core.tryClose` and the socket's `[[rid]]`: both are internal, so each is
 * looked for and {@linkcode dropSocket} reports whether it worked (core/server/SECURITY.md,
 * "Fragmented messages"; `ws_memory_guard_test.ts` fails if a Deno release moves them).
 *
 * @module
 */

/**
 * How long a client has to answer a close frame before its connection is dropped: every close
 * the server sends goes through {@linkcode closeOrDrop} with it.
 */
export const CLOSE_GRACE_MS = 1_000;

/** Deno's internal op surface, where this Deno has one (what {@linkcode dropSocket} uses). */
export interface InternalCore {
  tryClose(rid: number): void;
}

/** `Deno[Deno.internal].core` if it has `tryClose`, else undefined. */
function internalCore(): InternalCore | undefined {
  const deno = Deno as unknown as Record<symbol, unknown> & { internal?: symbol };
  const key = deno.internal;
  if (typeof key !== "symbol") return undefined;
  const internal = deno[key] as { core?: Partial<InternalCore> } | undefined;
  const core = internal?.core;
  return typeof core?.tryClose === "function" ? core as InternalCore : undefined;
}

/** The socket's resource id (`[[rid]]`), or undefined if this Deno keeps it elsewhere. */
function resourceId(socket: WebSocket): number | undefined {
  const key = Object.getOwnPropertySymbols(socket).find((symbol) =>
    symbol.description === "[[rid]]"
  );
  const rid = key === undefined ? undefined : (socket as unknown as Record<symbol, unknown>)[key];
  return typeof rid === "number" ? rid : undefined;
}

/**
 * Sockets dropped: a close's timer and the memory guard may both drop one at the grace, before
 * Deno marks it CLOSED. Closing its rid twice is harmless only while Deno never reuses a rid
 * (true of 2.9.6, and promised nowhere: review35 R4).
 */
const DROPPED = new WeakSet<WebSocket>();

/**
 * Ends `socket`'s connection now, without waiting for the client's close frame: its read is
 * cancelled and what Deno buffered for it is freed; its `close` event follows. False when this
 * Deno offers no way to, or when replies are still queued for the client (`bufferedAmount`):
 * pending writes keep the connection and its buffers alive after `tryClose`, while its `close`
 * event would take it out of the count of open sockets (MAX_CONNECTIONS), so a client that never
 * reads could pile up uncounted connections (review35 R1). Such a socket stays closing, counted.
 * A socket dropped already is not dropped again. `core` is for tests.
 */
export function dropSocket(socket: WebSocket, core = internalCore()): boolean {
  if (DROPPED.has(socket)) return true;
  if (socket.bufferedAmount > 0) return false;
  const rid = resourceId(socket);
  if (core === undefined || rid === undefined) return false;
  try {
    core.tryClose(rid);
  } catch {
    return false;
  }
  DROPPED.add(socket);
  return true;
}

/** Options of {@linkcode closeOrDrop}. */
export interface CloseOrDropOptions {
  /** Close code and reason (at most 123 bytes of UTF-8) sent to the client. */
  code: number;
  reason: string;
  /** How long the client has to answer the close before its connection is dropped. */
  graceMs: number;
  /** Told when the socket had to be dropped (`dropped`: whether that worked). */
  onDrop?: (dropped: boolean) => void;
}

/**
 * Closes `socket`, and drops its connection ({@linkcode dropSocket}) if the client has not
 * answered the close within `graceMs`: a client that keeps sending fragments never does.
 */
export function closeOrDrop(socket: WebSocket, options: CloseOrDropOptions): void {
  if (socket.readyState === WebSocket.OPEN) socket.close(options.code, options.reason);
  const timer = setTimeout(() => {
    if (socket.readyState === WebSocket.CLOSED) return;
    // Not `onDrop?.(dropSocket(socket))`: without an `onDrop` that would never drop at all.
    const dropped = dropSocket(socket);
    options.onDrop?.(dropped);
  }, options.graceMs);
  // The timer must not keep the process (or a test) alive.
  Deno.unrefTimer(timer);
}
