/**
 * A Server-Sent Events response that carries JSON-RPC messages (`event: message`), as
 * Streamable HTTP sends them: a request's notifications first, then its response.
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

/** How often a quiet stream sends a comment line, so that proxies and clients keep it open. */
export const KEEP_ALIVE_MS = 15_000;

/** Opens a stream; `onCancel` runs when the client goes away before it is closed. */
export function openSseStream(headers: HeadersInit, onCancel: () => void): SseStream {
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  let open = true;
  // A long stream (MCP's subscriptions/listen) may be quiet for minutes.
  const keepAlive = setInterval(() => {
    if (open) controller.enqueue(encoder.encode(":\n\n"));
  }, KEEP_ALIVE_MS);
  const body = new ReadableStream<Uint8Array>({
    start(streamController) {
      controller = streamController;
    },
    cancel() {
      open = false;
      clearInterval(keepAlive);
      onCancel();
    },
  });
  const response = new Response(body, {
    status: 200,
    headers: {
      ...Object.fromEntries(new Headers(headers)),
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
      controller.enqueue(encoder.encode(`event: message\ndata: ${JSON.stringify(message)}\n\n`));
    },
    close() {
      if (!open) return;
      open = false;
      clearInterval(keepAlive);
      controller.close();
    },
  };
}
