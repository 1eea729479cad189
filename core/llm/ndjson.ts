/**
 * Reading a streamed HTTP body line by line (Ollama's NDJSON chat stream) straight from the
 * `fetch` response: one reader, one decoder, no stream layered on top. A chat's reply crosses it
 * on every chat; in profiles of the server under 32 concurrent chats, the general path
 * (`npm:ollama`'s async iterators over the body re-wrapped by `abortable_fetch.ts`) was the
 * largest cost of the model client.
 *
 * A byte stream (a `fetch` body) is read into one buffer of {@linkcode READ_BUFFER_BYTES}, handed
 * back and forth (a "BYOB" reader): Deno's default reader allocates a fresh 64 KiB buffer for
 * every read, which in a client-only benchmark (32 concurrent chats, the test model in its own
 * process) doubled the client's CPU per chat (0.5-0.9 ms against 0.3-0.4 ms).
 *
 * Aborting `signal` cancels the reader itself, which the abort listener keeps referenced: with
 * Deno 2.9.6 an abort that only goes through `fetch`'s signal is lost once the response object
 * has been garbage-collected (see `abortable_fetch.ts`).
 *
 * @module
 */

/** The buffer a byte stream is read into (a model's streamed lines are far smaller). */
export const READ_BUFFER_BYTES = 16 * 1024;

/**
 * Reads chunks of `body`: into one reused buffer when it is a byte stream. A chunk is valid until
 * the next read (copy it to keep it).
 */
export function chunkReader(body: ReadableStream<Uint8Array>): {
  read(): Promise<Uint8Array | null>;
  cancel(reason?: unknown): Promise<void>;
} {
  let byob: ReadableStreamBYOBReader | undefined;
  try {
    byob = body.getReader({ mode: "byob" });
  } catch {
    // Not a byte stream: the default reader.
  }
  if (!byob) {
    const reader = body.getReader();
    return {
      read: async () => {
        const { value, done } = await reader.read();
        return done ? null : value;
      },
      cancel: (reason) => reader.cancel(reason),
    };
  }
  const reader = byob;
  let buffer = new ArrayBuffer(READ_BUFFER_BYTES);
  return {
    read: async () => {
      const { value, done } = await reader.read(new Uint8Array(buffer));
      if (done || !value) return null;
      // The read moved the buffer into `value`: it is the next read's buffer once decoded.
      buffer = value.buffer as ArrayBuffer;
      return value;
    },
    cancel: (reason) => reader.cancel(reason),
  };
}

/** Decoding in pieces: one options object for every chunk. */
const STREAMING = { stream: true } as const;

/** Options of {@linkcode readLines}. */
export interface ReadLinesOptions {
  /** Longest line in bytes, without its newline; a longer one rejects ({@linkcode LineTooLong}). */
  maxLineBytes?: number;
  /** Called with every chunk as it arrives (bytes are activity, lines or not); valid until the
   * next read. */
  onBytes?: (chunk: Uint8Array) => void;
}

/** A line longer than {@linkcode ReadLinesOptions.maxLineBytes}. */
export class LineTooLong extends Error {
  constructor(readonly maxBytes: number) {
    super(`line too long (over ${maxBytes} bytes without a newline)`);
  }
}

/**
 * Calls `onLine` with each non-empty line of `body` (without its newline), the last one too if
 * the body does not end with a newline. `onLine` returning `true` stops the reading (the rest of
 * the body is cancelled). Rejects with `signal.reason` once `signal` aborts. Only each new chunk
 * is searched for a newline: a line split over many chunks costs its length once, not per chunk.
 */
export async function readLines(
  body: ReadableStream<Uint8Array>,
  signal: AbortSignal,
  onLine: (line: string) => boolean | void,
  options: ReadLinesOptions = {},
): Promise<void> {
  const maxLineBytes = options.maxLineBytes ?? Infinity;
  const reader = chunkReader(body);
  const cancel = () => reader.cancel(signal.reason).catch(() => {});
  if (signal.aborted) {
    await cancel();
    throw signal.reason;
  }
  signal.addEventListener("abort", cancel, { once: true });
  const decoder = new TextDecoder();
  // The unfinished line: its pieces, and its length in bytes.
  let pending: string[] = [];
  let pendingBytes = 0;
  // Hands on the lines `text` completes; true once onLine asked to stop.
  const flush = (text: string, chunk: Uint8Array): boolean => {
    let start = 0;
    for (let end = text.indexOf("\n"); end >= 0; end = text.indexOf("\n", start)) {
      const piece = text.slice(start, end);
      let line = piece;
      if (pending.length > 0) {
        line = pending.join("") + piece;
        pending = [];
      }
      pendingBytes = 0;
      start = end + 1;
      if (line.trim() !== "" && onLine(line) === true) return true;
    }
    const rest = start === 0 ? text : text.slice(start);
    if (rest) pending.push(rest);
    // The line's bytes so far: the chunk's after its last newline.
    pendingBytes = start === 0
      ? pendingBytes + chunk.length
      : chunk.length - chunk.lastIndexOf(0x0a) - 1;
    if (pendingBytes > maxLineBytes) throw new LineTooLong(maxLineBytes);
    return false;
  };
  try {
    while (true) {
      const value = await reader.read();
      if (signal.aborted) throw signal.reason;
      if (value === null) break;
      options.onBytes?.(value);
      if (flush(decoder.decode(value, STREAMING), value)) {
        await reader.cancel().catch(() => {});
        return;
      }
    }
    const rest = pending.join("") + decoder.decode();
    if (rest.trim() !== "") onLine(rest);
  } catch (error) {
    // A line the caller refused (an error in the stream) ends the request too.
    reader.cancel().catch(() => {});
    throw signal.aborted ? signal.reason : error;
  } finally {
    signal.removeEventListener("abort", cancel);
  }
}
