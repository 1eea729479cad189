/**
 * A `fetch` whose successful bodies may not hold a line longer than a bound: for streams parsed
 * by a client library (`npm:openai`'s SSE reader), which would otherwise buffer a line without
 * end. Every line is measured, the one running on from earlier chunks and those inside a chunk:
 * a chunk no longer than the bound is searched only for its first and last line breaks (a line
 * between them is shorter than the chunk); a longer one byte by byte.
 *
 * @module
 */
import { LineTooLong } from "./ndjson.ts";

/** Options of {@linkcode lineLimitedFetch}. */
export interface LineLimit {
  /** Longest line in bytes, without its line break (`\n` or `\r`). */
  maxLineBytes: number;
  /** Called with every chunk as it arrives (bytes are activity, lines or not). */
  onBytes?: (chunk: Uint8Array) => void;
}

/** The index of the first `\n` or `\r` in `chunk` at or after `from`, or -1. */
function nextBreak(chunk: Uint8Array, from: number): number {
  const lf = chunk.indexOf(0x0a, from);
  const cr = chunk.indexOf(0x0d, from);
  return lf < 0 ? cr : cr < 0 ? lf : Math.min(lf, cr);
}

/** The index of the last `\n` or `\r` in `chunk`, or -1. */
function lastBreak(chunk: Uint8Array): number {
  return Math.max(chunk.lastIndexOf(0x0a), chunk.lastIndexOf(0x0d));
}

/**
 * The longest line `chunk` ends or holds whole (the first one running on from `carried` bytes of
 * earlier chunks), in bytes; 0 when it has no line break.
 */
function longestEndedLine(chunk: Uint8Array, carried: number, maxLineBytes: number): number {
  const first = nextBreak(chunk, 0);
  if (first < 0) return 0;
  let longest = carried + first;
  // Lines between the first and last breaks are shorter than the chunk.
  if (chunk.length <= maxLineBytes) return longest;
  // A chunk longer than a line may be (rare): one pass over its bytes.
  let start = first + 1;
  for (let i = start; i < chunk.length; i++) {
    const byte = chunk[i];
    if (byte !== 0x0a && byte !== 0x0d) continue;
    longest = Math.max(longest, i - start);
    start = i + 1;
  }
  return longest;
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
          limit.onBytes?.(chunk);
          const { maxLineBytes } = limit;
          if (longestEndedLine(chunk, lineBytes, maxLineBytes) > maxLineBytes) {
            throw new LineTooLong(maxLineBytes);
          }
          const at = lastBreak(chunk);
          lineBytes = at < 0 ? lineBytes + chunk.length : chunk.length - at - 1;
          if (lineBytes > maxLineBytes) throw new LineTooLong(maxLineBytes);
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
