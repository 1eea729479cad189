/**
 * The reply budget: no reply, and no batch reply as a whole, is sent larger than
 * MAX_REPLY_BYTES. Each response is measured and serialized once, on its own; one that does not
 * fit in what is left becomes a small -32005 error telling the client to ask for less (a smaller
 * `limit`, the next `cursor`). A batch's reply is built as its responses arrive
 * ({@linkcode BatchReply}), keeping only their text. Once the budget is spent (or as much again
 * was produced in vain), nothing more is serialized and the dispatcher runs no more of the
 * batch: a batch of large results costs about two budgets of work at most, and one of memory.
 *
 * @module
 */
import { failure, type JsonRpcId, type JsonRpcResponse } from "./envelope.ts";
import { keptJson, utf8Bytes } from "./kept_json.ts";
import { RpcCode } from "./wire_errors.ts";
import { cutText } from "../../text_cut.ts";

/** What one message produced: a response, a batch of them, or nothing. */
type Reply = JsonRpcResponse | JsonRpcResponse[] | undefined;

/** A reply within its budget, as objects and as the text to send. */
export interface BudgetedReply {
  reply: Reply;
  text: string | undefined;
}

/** Responses this large give other connections a turn after they are serialized. */
const YIELD_AFTER_CHARS = 256 * 1024;

const byteLength = utf8Bytes;

/** Responses whose method says what to do instead when they are too large (`tooLarge`). */
const tooLargeHints = new WeakMap<JsonRpcResponse, string>();

/** Gives `response` its method's `hint` for the -32005 error that may replace it. */
export function hintWhenTooLarge(response: JsonRpcResponse, hint: string): JsonRpcResponse {
  tooLargeHints.set(response, hint);
  return response;
}

/** Characters of an error's message kept when the error is too large to send whole. */
const ERROR_MESSAGE_KEPT = 1000;

/**
 * An error too large to send, as it is sent instead: its code and the first
 * {@linkcode ERROR_MESSAGE_KEPT} characters of its message (cut between characters, "…" marking
 * the cut), without its data. Also a task's error answer too large to keep (task_result.ts).
 */
export function shortError(error: { code: number; message: unknown }): {
  code: number;
  message: string;
} {
  const text = String(error.message);
  return {
    code: error.code,
    message: text.length > ERROR_MESSAGE_KEPT ? `${cutText(text, ERROR_MESSAGE_KEPT)}…` : text,
  };
}

/**
 * The -32005 error that replaces a result too large to send. An error too large (its message or
 * data quoting megabytes) keeps its code and the head of its message, without its data: the call
 * failed, and -32005 "ran: true" would say it ran (attack18 F7).
 */
export function replyTooLarge(response: JsonRpcResponse, limit: number): JsonRpcResponse {
  if ("error" in response && response.error) {
    return failure(response.id, shortError(response.error));
  }
  const hint = tooLargeHints.get(response);
  return failure(response.id, {
    code: RpcCode.ReplyTooLarge,
    message: `Reply too large: the result is over ${limit} bytes (MAX_REPLY_BYTES); ` +
      (hint ?? "ask for less, a smaller limit or the next cursor"),
    data: hint === undefined
      ? { max_reply_bytes: limit, ran: true }
      : { max_reply_bytes: limit, ran: true, hint },
  });
}

/**
 * The -32005 answer to a request of a batch that never ran: the batch's reply budget was spent
 * before its turn. Sent again (alone, or in a smaller batch), it runs.
 */
export function notRun(id: JsonRpcId, limit: number): JsonRpcResponse {
  return failure(id, {
    code: RpcCode.ReplyTooLarge,
    message: `Not run: the batch's reply reached ${limit} bytes (MAX_REPLY_BYTES) before its ` +
      "turn; send it again, or ask for less (a smaller limit or the next cursor)",
    data: { max_reply_bytes: limit, ran: false },
  });
}

/**
 * A lower bound of the length of `value`'s JSON, found without building it: string lengths and
 * keys are summed (JSON only adds quotes, escapes and punctuation). The walk stops as soon as the
 * sum passes `cap`, so a result of megabytes is measured for the price of reading a few string
 * lengths.
 */
export function jsonLengthAtLeast(value: unknown, cap: number): number {
  let total = 0;
  const stack: unknown[] = [value];
  while (stack.length > 0 && total <= cap) {
    const item = stack.pop();
    if (Array.isArray(item)) {
      // By index, not `for...in` with `Object.hasOwn`: that walk was three times JSON.stringify's
      // time on a search's hits (a hole counts as the 1 of a primitive; JSON writes `null`).
      total += item.length;
      for (let i = 0; i < item.length && total <= cap; i++) total += childLength(item[i], stack);
    } else if (item !== null && typeof item === "object") {
      const keys = Object.keys(item);
      for (let i = 0; i < keys.length && total <= cap; i++) {
        const key = keys[i]!;
        total += key.length + 4 + childLength((item as Record<string, unknown>)[key], stack);
      }
    } else total += childLength(item, stack);
  }
  return total;
}

/**
 * What a primitive adds to {@linkcode jsonLengthAtLeast} (a string its length and quotes, any
 * other 1), measured in place; an array or object is left on `stack` for later (0 now). Only
 * containers go through the stack: it took half the walk's time.
 */
function childLength(child: unknown, stack: unknown[]): number {
  if (typeof child === "string") return child.length + 2;
  if (child !== null && typeof child === "object") {
    stack.push(child);
    return 0;
  }
  return 1;
}

/** True when `value`'s JSON is certainly longer than `limit` characters (see above). */
export function surelyLongerThan(value: unknown, limit: number): boolean {
  return jsonLengthAtLeast(value, limit) > limit;
}

/**
 * The text of `response` and its UTF-8 size when its result was kept (`keepJson`):
 * the envelope spliced around the kept JSON, as `JSON.stringify` would write it.
 */
function splicedText(response: JsonRpcResponse): { text: string; bytes: number } | undefined {
  if (!("result" in response)) return undefined;
  const kept = keptJson(response.result);
  if (kept === undefined) return undefined;
  const head = `{"jsonrpc":"2.0","id":${JSON.stringify(response.id)},"result":`;
  // Only a string id can make the head anything but ASCII: a number's is its length, unscanned.
  const headBytes = typeof response.id === "string" ? byteLength(head) : head.length;
  return { text: `${head}${kept.text}}`, bytes: headBytes + kept.bytes + 1 };
}

/**
 * True when `text` is at most `limit` UTF-8 bytes. UTF-8 takes at most three bytes per UTF-16
 * unit: a text short enough for that is not scanned (the scan cost a few percent of a `ping`).
 */
export function fitsBytes(text: string, limit: number): boolean {
  if (text.length > limit) return false;
  return text.length * 3 <= limit || byteLength(text) <= limit;
}

function yieldToOthers(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** {@linkcode serializeWithin} for one response (or none): synchronous, no batch to share. */
export function serializeOne(reply: JsonRpcResponse | undefined, limit: number): BudgetedReply {
  if (reply === undefined) return { reply, text: undefined };
  const spliced = splicedText(reply);
  if (spliced !== undefined && spliced.bytes <= limit) return { reply, text: spliced.text };
  if (spliced === undefined && !surelyLongerThan(reply, limit)) {
    const text = JSON.stringify(reply);
    if (fitsBytes(text, limit)) return { reply, text };
  }
  const refused = replyTooLarge(reply, limit);
  return { reply: refused, text: JSON.stringify(refused) };
}

/**
 * Serializes `reply` within `limit` bytes: responses that do not fit become -32005 errors (which
 * may take the total a little past the limit: each is about 250 bytes plus its echoed id).
 */
export async function serializeWithin(reply: Reply, limit: number): Promise<BudgetedReply> {
  if (!Array.isArray(reply)) return serializeOne(reply, limit);
  const batch = new BatchReply(reply.length, limit, { keepReplies: true });
  for (const [index, response] of reply.entries()) await batch.place(index, response);
  return batch;
}

/** Options of {@linkcode BatchReply}. */
export interface BatchReplyOptions {
  /** Keep the response objects that fit (for a transport that serializes them itself). */
  keepReplies?: boolean;
}

/**
 * A batch reply built as its responses arrive, within `limit` bytes: each response is measured
 * and serialized once, on arrival, and only its text is kept (its objects can go at once). One
 * that does not fit in what is left becomes a -32005 error. The budget is spent once it is used
 * up, or once as much again was produced in vain (results that did not fit): from then on,
 * responses are not serialized, and {@linkcode spent} tells the dispatcher to run no more of the
 * batch. A batch of large results so costs about two budgets of work, and one of memory.
 */
export class BatchReply implements BudgetedReply {
  readonly #limit: number;
  readonly #texts: Array<string | undefined>;
  readonly #replies: Array<JsonRpcResponse | undefined> | undefined;
  #room: number;
  #wasted = 0;

  /** A reply to a batch of `size` messages. */
  constructor(size: number, limit: number, options: BatchReplyOptions = {}) {
    this.#limit = limit;
    this.#room = limit - 2; // the brackets
    this.#texts = new Array(size);
    this.#replies = options.keepReplies ? new Array(size) : undefined;
  }

  /** True once no more of the batch is worth running: the budget is used or wasted. */
  get spent(): boolean {
    return this.#room <= 0 || this.#wasted >= this.#limit;
  }

  /**
   * Places the response to message `index` (none for a notification): serialized if it fits,
   * else -32005. Once the budget is spent, results are not serialized at all; errors are kept
   * (they are small: a code, a message and the echoed id).
   */
  async place(index: number, response: JsonRpcResponse | undefined): Promise<void> {
    if (response === undefined) return;
    if (this.spent) {
      this.#keep(index, "error" in response ? response : replyTooLarge(response, this.#limit));
      return;
    }
    const atLeast = jsonLengthAtLeast(response, this.#limit);
    if (atLeast > this.#room) {
      this.#wasted += atLeast;
      this.#keep(index, replyTooLarge(response, this.#limit));
      return;
    }
    const text = JSON.stringify(response);
    const size = byteLength(text);
    if (size > this.#room) {
      this.#wasted += size;
      this.#keep(index, replyTooLarge(response, this.#limit));
    } else this.#keep(index, response, text, size);
    // Only once its room is taken: a response placed meanwhile sees what is left.
    if (text.length >= YIELD_AFTER_CHARS) await yieldToOthers();
  }

  /** Places the -32005 answer to a request of the batch that did not run: the budget was spent. */
  placeUnrun(index: number, id: JsonRpcId): void {
    this.#keep(index, notRun(id, this.#limit));
  }

  #keep(index: number, response: JsonRpcResponse, text = JSON.stringify(response), size?: number) {
    this.#room -= (size ?? byteLength(text)) + 1;
    this.#texts[index] = text;
    if (this.#replies) this.#replies[index] = response;
  }

  /** The responses, in the batch's order; undefined when there are none (all notifications). */
  get reply(): JsonRpcResponse[] | undefined {
    const replies = (this.#replies ?? []).filter((reply) => reply !== undefined);
    return replies.length > 0 ? replies : undefined;
  }

  /** The reply's text: one JSON array, built in one copy; undefined when there is no response. */
  get text(): string | undefined {
    const parts: string[] = [];
    for (const text of this.#texts) {
      if (text === undefined) continue;
      parts.push(parts.length === 0 ? "[" : ",", text);
    }
    if (parts.length === 0) return undefined;
    parts.push("]");
    return parts.join("");
  }
}
