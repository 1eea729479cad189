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
 * The buffer outlives its call: a reader that is done (its stream ended or cancelled, no read
 * under way) hands it back, and the next call takes it ({@linkcode SPARE_BUFFERS} are kept).
 * Allocating a fresh one per call (a zero-filled 16 KiB backing store, later freed by the
 * garbage collector) was the model client's largest cost of its own in a client-only benchmark
 * (`tests/bench/model_client.ts`: about 15 µs of 230 per chat). A returned buffer's old bytes are
 * never seen: a read hands back a view of only what it filled.
 *
 * Aborting `signal` cancels the reader itself, which the abort listener keeps referenced: with
 * Deno 2.9.6 an abort that only goes through `fetch`'s signal is lost once the response object
 * has been garbage-collected (see `abortable_fetch.ts`).
 *
 * @module
 */

/** The buffer a byte stream is read into (a model's streamed lines are far smaller). */
export const READ_BUFFER_BYTES = 16 * 1024;

/** Most read buffers kept for the next readers (one per chat streaming at once: 1 MiB). */
export const SPARE_BUFFERS = 64;

/** Read buffers handed back by readers that are done, for the next ones. */
const spare: ArrayBuffer[] = [];

/** How many read buffers are kept for the next readers (for tests). */
export function spareBuffers(): number {
  return spare.length;
}

/** A reader of a body's chunks ({@linkcode chunkReader}). */
export interface ChunkReader {
  /** The next chunk, null at the end; valid until the next read (copy it to keep it). */
  read(): Promise<Uint8Array | null>;
  cancel(reason?: unknown): Promise<void>;
  /**
   * Hands the reader's buffer on to the next reader once the body is done with (ended or
   * cancelled). Nothing when a read is under way (the stream holds the buffer) or after the
   * first call.
   */
  release(): void;
}

/**
 * Reads chunks of `body`: into one reused buffer when it is a byte stream. A chunk is valid until
 * the next read (copy it to keep it).
 */
export function chunkReader(body: ReadableStream<Uint8Array>): ChunkReader {
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
      release: () => {},
    };
  }
  const reader = byob;
  // Null while a read holds it (the stream has it) and once it is handed back.
  let buffer: ArrayBuffer | null = spare.pop() ?? new ArrayBuffer(READ_BUFFER_BYTES);
  let released = false;
  return {
    read: async () => {
      const view = new Uint8Array(buffer ?? new ArrayBuffer(READ_BUFFER_BYTES));
      buffer = null;
      const { value, done } = await reader.read(view);
      // The read moved the buffer into `value` (at the end of the stream, an empty view of it;
      // none when it was cancelled): it is the next read's buffer once decoded.
      const moved = value?.buffer as ArrayBuffer | undefined;
      if (moved?.byteLength === READ_BUFFER_BYTES) buffer = moved;
      if (done || !value) return null;
      return value;
    },
    cancel: (reason) => reader.cancel(reason),
    release: () => {
      if (released || buffer === null) return;
      released = true;
      if (spare.length < SPARE_BUFFERS) spare.push(buffer);
      buffer = null;
    },
  };
}

/** Options of {@linkcode readLines}. */
export interface ReadLinesOptions {
  /** Longest line in bytes, without its newline; a longer one rejects ({@linkcode LineTooLong}). */
  maxLineBytes?: number;
  /** Called with every chunk's size as it arrives (bytes are activity, lines or not). */
  onBytes?: (size: number) => void;
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
    reader.release();
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
      const line = pending.length ? pending.join("") + piece : piece;
      pending = [];
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
      options.onBytes?.(value.length);
      if (flush(decoder.decode(value, { stream: true }), value)) {
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
    reader.release();
  }
}
