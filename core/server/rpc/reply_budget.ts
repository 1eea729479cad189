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

const encoder = new TextEncoder();

const NON_ASCII = /[\u0080-\uffff]/;

/** UTF-8 size of `text` (a native scan decides whether it is plain ASCII first). */
function byteLength(text: string): number {
  return NON_ASCII.test(text) ? encoder.encode(text).length : text.length;
}

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
  let total = 0;
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const item = stack.pop();
    if (typeof item === "string") total += item.length + 2;
    else if (item !== null && typeof item === "object") {
      for (const [key, child] of Object.entries(item)) {
        total += Array.isArray(item) ? 1 : key.length + 4;
        stack.push(child);
      }
    } else total += 1;
    if (total > limit) return true;
  }
  return false;
}

function yieldToOthers(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/**
 * Serializes `reply` within `limit` bytes: responses that do not fit become -32005 errors (which
 * may take the total a little past the limit: each is about 250 bytes plus its echoed id).
 */
export async function serializeWithin(reply: Reply, limit: number): Promise<BudgetedReply> {
  if (reply === undefined) return { reply, text: undefined };
  if (!Array.isArray(reply)) {
    if (surelyLongerThan(reply, limit)) {
      const refused = replyTooLarge(reply, limit);
      return { reply: refused, text: JSON.stringify(refused) };
    }
    const text = JSON.stringify(reply);
    if (text.length <= limit && byteLength(text) <= limit) return { reply, text };
    const refused = replyTooLarge(reply, limit);
    return { reply: refused, text: JSON.stringify(refused) };
  }
  const kept: JsonRpcResponse[] = [];
  const parts: string[] = [];
  let room = limit - 2; // the brackets
  // Serializing stops when the budget is spent, or once as much again was serialized in vain.
  let work = limit;
  for (const response of reply) {
    const worth = room > 0 && work > 0 && !surelyLongerThan(response, room);
    const text = worth ? JSON.stringify(response) : "";
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
