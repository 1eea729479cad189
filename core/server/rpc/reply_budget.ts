/**
 * The reply budget: no reply, and no batch reply as a whole, is sent larger than
 * MAX_REPLY_BYTES. Each response is serialized on its own and measured; one that does not fit in
 * what is left becomes a small -32005 error telling the client to ask for less (a smaller
 * `limit`, the next `cursor`). Once the budget is spent (or as much again was serialized in
 * vain), the rest are not even serialized, so a batch of large results costs about two budgets
 * of work at most, and one of memory.
 *
 * @module
 */
import { failure, type JsonRpcResponse } from "./envelope.ts";
import { keptJson, utf8Bytes } from "./kept_json.ts";
import { RpcCode } from "./wire_errors.ts";

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

/** The -32005 error that replaces a result too large to send. */
export function replyTooLarge(response: JsonRpcResponse, limit: number): JsonRpcResponse {
  return failure(response.id, {
    code: RpcCode.ReplyTooLarge,
    message:
      `Reply too large: the result is over ${limit} bytes (MAX_REPLY_BYTES); ask for less, a ` +
      "smaller limit or the next cursor",
    data: { max_reply_bytes: limit, ran: true },
  });
}

/**
 * True when `value`'s JSON is certainly longer than `limit` characters, found without building
 * it: string lengths and keys are summed (JSON only adds quotes, escapes and punctuation), and
 * the walk stops as soon as the sum passes the limit. A result of megabytes is refused for the
 * price of reading a few string lengths instead of serializing it.
 */
export function surelyLongerThan(value: unknown, limit: number): boolean {
  try {
    return leftAfter(value, limit) < 0;
  } catch (error) {
    // Nested past the stack: JSON.stringify cannot write it either, and says so.
    if (error instanceof RangeError) return false;
    throw error;
  }
}

/**
 * `budget` less the characters `value` surely takes as JSON; negative once it is spent (the walk
 * stops there). Recursive, like `JSON.stringify` itself, and allocation-free: it runs for every
 * reply, and a walk with `Object.entries` cost more than serializing a small result.
 */
function leftAfter(value: unknown, budget: number): number {
  if (typeof value === "string") return budget - value.length - 2;
  if (value === null || typeof value !== "object") return budget - 1;
  if (Array.isArray(value)) {
    budget -= value.length + 1;
    for (let i = 0; i < value.length && budget >= 0; i++) budget = leftAfter(value[i], budget);
    return budget;
  }
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue;
    budget = leftAfter((value as Record<string, unknown>)[key], budget - key.length - 4);
    if (budget < 0) return budget;
  }
  return budget;
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
  return { text: `${head}${kept.text}}`, bytes: byteLength(head) + kept.bytes + 1 };
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
    if (text.length <= limit && byteLength(text) <= limit) return { reply, text };
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
  const kept: JsonRpcResponse[] = [];
  const parts: string[] = [];
  let room = limit - 2; // the brackets
  // Serializing stops when the budget is spent, or once as much again was serialized in vain.
  let work = limit;
  for (const response of reply) {
    const spliced = splicedText(response);
    const worth = room > 0 && work > 0 &&
      (spliced === undefined ? !surelyLongerThan(response, room) : spliced.bytes <= room);
    const text = !worth ? "" : spliced === undefined ? JSON.stringify(response) : spliced.text;
    work -= text.length;
    if (text.length >= YIELD_AFTER_CHARS) await yieldToOthers();
    const fits = text !== "" && text.length <= room && byteLength(text) <= room;
    const item = fits ? response : replyTooLarge(response, limit);
    const sent = fits ? text : JSON.stringify(item);
    room -= byteLength(sent) + 1;
    kept.push(item);
    parts.push(sent);
  }
  return { reply: kept, text: `[${parts.join(",")}]` };
}
