/**
 * A Server-Sent Events response that carries JSON-RPC messages (`event: message`), as
 * Streamable HTTP sends them: a request's notifications first, then its response.
 *
 * A client that keeps the connection open but does not read (a stalled `subscriptions/listen`)
 * would make the server hold every later event: once more than `maxQueuedBytes` wait unread in
 * the process (beyond what the kernel's socket buffer took) in more than one event, the stream is
 * ended, as the WebSocket ends such a client (MAX_QUEUED_BYTES), and `onOverflow` says so. One
 * event alone never is: it is no backlog, and a reply's size is bounded by MAX_REPLY_BYTES. A
 * client that reads nothing at all while events wait is ended sooner, whatever they weigh: once an
 * event has waited for {@linkcode STALL_MS} without the socket taking a byte (the kernel's buffers
 * full), `onStall` says so. A stalled `subscriptions/listen` sends a few bytes a second at most,
 * and held its MAX_LISTENS place for hours before its backlog reached the byte bound (attack25 F4).
 *
 * @module
 */

const encoder = new TextEncoder();

/** An open event stream. */
export interface SseStream {
  /** The response to return; its body is the stream. */
  response: Response;
  /** Sends one JSON-RPC message as an event (dropped once the stream is closed). */
  send(message: unknown): void;
  /** Ends the stream. */
  close(): void;
}

/** How the stream is opened. */
export interface SseStreamOptions {
  /** Headers beside the event-stream ones (CORS, the session id). */
  headers: HeadersInit;
  /** Runs when the client goes away, or is cut off, before the stream is closed. */
  onCancel: () => void;
  /** Most bytes left unread in the process before the stream is ended (MAX_QUEUED_BYTES). */
  maxQueuedBytes: number;
  /** Told the bytes queued when the stream is ended for not being read. */
  onOverflow?: (queued: number) => void;
  /** Told the bytes queued when the stream is ended for reading nothing for `stallMs`. */
  onStall?: (queued: number) => void;
  /** How often a quiet stream sends a comment (default {@linkcode KEEP_ALIVE_MS}; tests). */
  keepAliveMs?: number;
  /** How long the client may take nothing while events wait (default {@linkcode STALL_MS}). */
  stallMs?: number;
}

/** How often a quiet stream sends a comment line, so that proxies and clients keep it open. */
export const KEEP_ALIVE_MS = 15_000;

/**
 * How long events may wait while the client takes nothing before the stream is ended (looked at
 * each keep-alive, so between this and one keep-alive more). A client that reads, however slowly,
 * takes something in that time.
 */
export const STALL_MS = 60_000;

/** Opens a stream (see {@linkcode SseStreamOptions}). */
export function openSseStream(options: SseStreamOptions): SseStream {
  const { onCancel, maxQueuedBytes, onOverflow, onStall } = options;
  const keepAliveMs = options.keepAliveMs ?? KEEP_ALIVE_MS;
  const stallTicks = Math.ceil((options.stallMs ?? STALL_MS) / keepAliveMs);
  // Events wait here, not in the stream's own queue, so that a cut-off client's backlog can be
  // dropped at once (an errored body would be logged by Deno.serve as a server failure).
  const waiting: Uint8Array[] = [];
  let queued = 0;
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  let wake: (() => void) | undefined;
  let open = true;
  let closing = false;
  const end = () => {
    open = false;
    clearInterval(keepAlive);
  };
  /** Ends the stream for a client that does not read: the backlog is dropped, the work stops. */
  const cut = (tell: ((queued: number) => void) | undefined) => {
    end();
    waiting.length = 0;
    controller.close();
    tell?.(queued);
    onCancel();
  };
  const enqueue = (bytes: Uint8Array) => {
    waiting.push(bytes);
    queued += bytes.length;
    wake?.();
    // One event alone is no backlog: a reply that fits MAX_REPLY_BYTES goes out though its
    // framing takes it past the bound (the setting may equal MAX_REPLY_BYTES).
    if (queued > maxQueuedBytes && waiting.length > 1) cut(onOverflow);
  };
  // Events the writer took, and keep-alives in a row that found events waiting and none taken.
  let taken = 0;
  let takenBefore = 0;
  let stalled = 0;
  // A long stream (MCP's subscriptions/listen) may be quiet for minutes.
  const keepAlive = setInterval(() => {
    if (!open) return;
    stalled = waiting.length > 0 && taken === takenBefore ? stalled + 1 : 0;
    takenBefore = taken;
    // Events wait only while the writer is stuck on an earlier one (else it takes them at once):
    // stallTicks in a row is a write stuck for stallMs at least, the client reading nothing.
    if (stalled >= stallTicks) cut(onStall);
    else enqueue(encoder.encode(":\n\n"));
  }, keepAliveMs);
  const body = new ReadableStream<Uint8Array>({
    start(streamController) {
      controller = streamController;
    },
    // Called when the response writer wants the next event (after the last one was written).
    async pull() {
      while (waiting.length === 0 && open) await new Promise<void>((resolve) => wake = resolve);
      wake = undefined;
      const next = waiting.shift();
      if (next === undefined) return;
      queued -= next.length;
      taken++;
      controller.enqueue(next);
      if (closing && waiting.length === 0) controller.close();
    },
    cancel() {
      if (!open) return;
      end();
      waiting.length = 0;
      onCancel();
    },
  }, { highWaterMark: 0 });
  const response = new Response(body, {
    status: 200,
    headers: {
      ...Object.fromEntries(new Headers(options.headers)),
      "Content-Type": "text/event-stream",
      "Cache-Control": "no-cache, no-transform",
      // Proxies such as nginx pass each event on at once instead of buffering the stream.
      "X-Accel-Buffering": "no",
    },
  });
  return {
    response,
    send(message) {
      if (!open) return;
      enqueue(encoder.encode(`event: message\ndata: ${JSON.stringify(message)}\n\n`));
    },
    close() {
      if (!open) return;
      end();
      closing = true;
      if (waiting.length === 0) controller.close();
      wake?.();
    },
  };
}
