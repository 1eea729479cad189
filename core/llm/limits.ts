/**
 * Bounds on what a model server may make us read, keep or repeat: a model server is trusted to
 * answer, never to answer sensibly. Shared by both providers.
 *
 * - An HTTP error's body: at most {@linkcode ERROR_BODY_BYTES} are read; messages, logs and stored
 *   errors carry at most {@linkcode EXCERPT_CHARS} of it, on one line ({@linkcode excerpt}).
 * - A streamed line (NDJSON or SSE): at most {@linkcode MAX_LINE_BYTES}, else `stream_broken`
 *   "line too long".
 * - A reply: at most {@linkcode replyBudget}'s parts and characters for the call's `maxTokens`;
 *   past that the reply ends there and the request is aborted, as a server honouring the limit
 *   would have stopped. Its bytes are bounded too, every byte read counted (comments, blank
 *   lines, padding): at most {@linkcode MAX_GAP_BYTES} and {@linkcode MAX_GAP_LINES} line breaks
 *   between two parts and
 *   {@linkcode ReplyBudget.maxBytes} in all; past either the stream is `stream_broken`.
 *
 * @module
 */
import { COUNT_MAX } from "../numbers.ts";
import { cutText } from "../text_cut.ts";

/**
 * Bytes a successful embedding reply may have per input: 8,192 numbers (the memory's
 * `MAX_EMBEDDING_DIMENSIONS`) of at most 24 characters each; plus {@linkcode REPLY_SLACK_BYTES}.
 */
export const EMBED_BYTES_PER_INPUT = 8192 * 24;

/** Bytes every successful whole reply may have besides its content (envelope, usage). */
export const REPLY_SLACK_BYTES = 64 * 1024;

/** Bytes a model list may have. */
export const MODEL_LIST_BYTES = 4 * 1024 * 1024;

/** Bytes of an HTTP error's body that are read (the rest is never fetched). */
export const ERROR_BODY_BYTES = 4 * 1024;

/** Characters of a server's error text kept in messages, logs and stored errors. */
export const EXCERPT_CHARS = 200;

/** Longest line of a model stream (bytes, without its newline): 1 MiB. */
export const MAX_LINE_BYTES = 1024 * 1024;

/** `maxTokens` assumed for a reply bound when a call sets none. */
export const DEFAULT_REPLY_TOKENS = 8192;

/** Characters per token allowed before a reply is cut (real tokens are 1-10 characters). */
export const CHARS_PER_TOKEN = 32;

/** Stream parts per token allowed (servers send one part per token, plus a few of their own). */
export const PARTS_PER_TOKEN = 2;

/** Parts every reply may have besides its tokens (role, finish, usage parts). */
export const EXTRA_PARTS = 16;

/** Bytes a stream may carry per part it may have (a part's envelope: ids, model, usage). */
export const BYTES_PER_PART = 1024;

/** Bytes a stream may carry per character of text it may have (JSON escapes take up to 6). */
export const BYTES_PER_CHAR = 8;

/**
 * Bytes a stream may carry without a part (SSE comments, blank lines, lines that are not JSON,
 * a part's own line): a line's bound and slack. Keep-alive comments stay far below it.
 */
export const MAX_GAP_BYTES = MAX_LINE_BYTES + REPLY_SLACK_BYTES;

/**
 * Line breaks a stream may carry without a part: each comment or blank line costs the parser a
 * step (a megabyte of SSE comments is 200,000 of them). A read of parts holds far fewer.
 */
export const MAX_GAP_LINES = 4096;

/** The line breaks (`\n` and `\r`) in `chunk`. */
export function lineBreaks(chunk: Uint8Array): number {
  let count = 0;
  for (let at = chunk.indexOf(0x0a); at >= 0; at = chunk.indexOf(0x0a, at + 1)) count++;
  for (let at = chunk.indexOf(0x0d); at >= 0; at = chunk.indexOf(0x0d, at + 1)) count++;
  return count;
}

/**
 * `text` on one line, at most {@linkcode EXCERPT_CHARS} UTF-16 units (`…` when cut), never cut
 * inside a character (`text_cut.ts`).
 */
export function excerpt(text: string): string {
  const line = cutText(text, EXCERPT_CHARS * 4).replace(/\s+/g, " ").trim();
  return line.length > EXCERPT_CHARS ? `${cutText(line, EXCERPT_CHARS)}…` : line;
}

/** At most {@linkcode ERROR_BODY_BYTES} of `response`'s body as text; the rest is cancelled. */
export async function errorBodyPrefix(response: Response): Promise<string> {
  if (!response.body) return "";
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    while (size < ERROR_BODY_BYTES) {
      const { value, done } = await reader.read();
      if (done) break;
      chunks.push(value.subarray(0, ERROR_BODY_BYTES - size));
      size += chunks.at(-1)!.length;
    }
  } finally {
    reader.cancel().catch(() => {});
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.length;
  }
  return new TextDecoder().decode(bytes);
}

/** Counts a reply's parts, characters and bytes against the call's bounds. */
export interface ReplyBudget {
  /** Bytes the whole stream may have. */
  readonly maxBytes: number;
  /** Characters of text the reply may have. */
  readonly maxChars: number;
  /** Counts one part carrying `text`; true once the reply is past its bound. */
  add(text: string): boolean;
  /**
   * Counts a chunk read from the stream (every byte, parts or not); the reason it is broken once
   * past {@linkcode MAX_GAP_BYTES} or {@linkcode MAX_GAP_LINES} since the last part or `maxBytes`
   * in all, else undefined.
   */
  read(chunk: Uint8Array): string | undefined;
}

/** The bound of a reply asked with `maxTokens` (see the module's notes). */
export function replyBudget(maxTokens: number | undefined): ReplyBudget {
  const tokens = maxTokens !== undefined && maxTokens > 0 ? maxTokens : DEFAULT_REPLY_TOKENS;
  const maxParts = tokens * PARTS_PER_TOKEN + EXTRA_PARTS;
  const maxChars = tokens * CHARS_PER_TOKEN;
  const maxBytes = maxParts * BYTES_PER_PART + maxChars * BYTES_PER_CHAR + REPLY_SLACK_BYTES;
  let parts = 0;
  let chars = 0;
  let bytes = 0;
  let gap = 0;
  let gapLines = 0;
  return {
    maxBytes,
    maxChars,
    add(text) {
      parts++;
      chars += text.length;
      gap = 0;
      gapLines = 0;
      return parts > maxParts || chars > maxChars;
    },
    read(chunk) {
      bytes += chunk.length;
      gap += chunk.length;
      gapLines += lineBreaks(chunk);
      if (gap > MAX_GAP_BYTES) return `over ${MAX_GAP_BYTES} bytes without a part`;
      if (gapLines > MAX_GAP_LINES) return `over ${MAX_GAP_LINES} line breaks without a part`;
      if (bytes > maxBytes) return `over ${maxBytes} bytes in all (the bound for ${tokens} tokens)`;
      return undefined;
    },
  };
}

/** Shortest wait passed on for a server's `Retry-After` (seconds). */
export const MIN_RETRY_AFTER_S = 1;

/** Longest wait a server's `Retry-After` may ask for that is passed on (seconds: one day). */
export const MAX_RETRY_AFTER_S = 86_400;

/**
 * A `Retry-After` header's wait in whole seconds (delta-seconds or an HTTP date), or undefined
 * when absent, unreadable or past {@linkcode MAX_RETRY_AFTER_S}. A wait of 0 (or a date past)
 * is passed on as 1 second: a busy server asked to be left alone, if only briefly.
 */
export function retryAfterSeconds(
  header: string | null | undefined,
  now = Date.now(),
): number | undefined {
  if (!header) return undefined;
  const text = header.trim();
  // An HTTP date names its day and month in letters; anything else that is not digits is junk.
  const seconds = /^\d+$/.test(text)
    ? Number(text)
    : /^[a-z]{3}, /i.test(text)
    ? Math.ceil((Date.parse(text) - now) / 1000)
    : NaN;
  if (!Number.isFinite(seconds) || seconds > MAX_RETRY_AFTER_S) return undefined;
  return Math.max(seconds, MIN_RETRY_AFTER_S);
}

/**
 * `value` as a whole count when it is a number in 0..{@linkcode COUNT_MAX} (10^9), else 0 (a
 * server's nonsense is ignored): counts are stored in INTEGER columns (BIGINT on PostgreSQL, which
 * refuses 2.5) and summed (a dialogue's tokens), and a sum past 2^53 - 1 could not be read back.
 */
export function count(value: unknown): number {
  return typeof value === "number" && value >= 0 && value <= COUNT_MAX ? Math.round(value) : 0;
}
