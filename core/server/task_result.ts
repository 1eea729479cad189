/**
 * A finished task's result as a task store keeps it (core/server/task_store.ts): its JSON text,
 * serialized once, with its size; a result larger than any reply may be is not kept, its task
 * fails with the reply budget's -32005 instead.
 *
 * @module
 */
import { utf8Bytes } from "./rpc/kept_json.ts";
import { RpcCode } from "./rpc/wire_errors.ts";

/** Default of `TaskStoreOptions.maxKeptBytes`: 64 MiB of results held in memory at once. */
export const MAX_KEPT_BYTES = 64 * 1024 * 1024;

/**
 * The error of a task whose result is `bytes` long, over `limit` (MAX_REPLY_BYTES): the -32005 a
 * reply carrying it would have been answered with.
 */
export function resultTooLarge(bytes: number, limit: number): Record<string, unknown> {
  return {
    code: RpcCode.ReplyTooLarge,
    message: `Reply too large: the task's result is ${bytes} bytes, over ${limit} ` +
      "(MAX_REPLY_BYTES); ask for less (a shorter run, a smaller limit)",
    data: { max_reply_bytes: limit, ran: true },
  };
}

/**
 * `result` as kept: its JSON and its UTF-8 size, or the error its task fails with (over
 * `maxBytes`, or not serializable: the -32603 clients see for any internal error).
 */
export function serializedResult(
  result: Record<string, unknown>,
  maxBytes: number,
): { text: string; bytes: number } | { error: Record<string, unknown> } {
  let text: string;
  try {
    text = JSON.stringify(result);
  } catch {
    return { error: { code: RpcCode.InternalError, message: "Internal error" } };
  }
  const bytes = utf8Bytes(text);
  return bytes > maxBytes ? { error: resultTooLarge(bytes, maxBytes) } : { text, bytes };
}
