/**
 * A `fetch` whose successful bodies may not hold a line longer than a bound: for streams parsed
 * by a client library (`npm:openai`'s SSE reader), which would otherwise buffer a line without
 * end. Each chunk is searched once, for its last line break only.
 *
 * @module
 */
import { LineTooLong } from "./ndjson.ts";

/** Options of {@linkcode lineLimitedFetch}. */
export interface LineLimit {
  /** Longest line in bytes, without its line break (`\n` or `\r`). */
  maxLineBytes: number;
  /** Called with every chunk's size as it arrives (bytes are activity, lines or not). */
  onBytes?: (size: number) => void;
}

/** The index of the last `\n` or `\r` in `chunk`, or -1. */
function lastBreak(chunk: Uint8Array): number {
  return Math.max(chunk.lastIndexOf(0x0a), chunk.lastIndexOf(0x0d));
}

/** `base` with each OK response's body failing ({@linkcode LineTooLong}) on a line too long. */
export function lineLimitedFetch(base: typeof fetch, limit: LineLimit): typeof fetch {
  return async (input, init) => {
    const response = await base(input, init);
    if (!response.ok || !response.body) return response;
    let lineBytes = 0;
    const body = response.body.pipeThrough(
      new TransformStream<Uint8Array, Uint8Array>({
        transform(chunk, controller) {
          limit.onBytes?.(chunk.length);
          const at = lastBreak(chunk);
          lineBytes = at < 0 ? lineBytes + chunk.length : chunk.length - at - 1;
          if (lineBytes > limit.maxLineBytes) throw new LineTooLong(limit.maxLineBytes);
          controller.enqueue(chunk);
        },
      }),
    );
    return new Response(body, {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
  };
}
