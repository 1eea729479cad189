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

/** Opens a stream; `onCancel` runs when the client goes away before it is closed. */
export function openSseStream(headers: HeadersInit, onCancel: () => void): SseStream {
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  let open = true;
  const body = new ReadableStream<Uint8Array>({
    start(streamController) {
      controller = streamController;
    },
    cancel() {
      open = false;
      onCancel();
    },
  });
  const response = new Response(body, {
    status: 200,
    headers: {
      ...Object.fromEntries(new Headers(headers)),
      "Content-Type": "text/event-stream",
      "Cache-Control": "no-cache, no-transform",
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
      controller.close();
    },
  };
}
