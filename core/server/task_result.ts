/**
 * A finished task's result as a task store keeps it (core/server/task_store.ts): its JSON text,
 * serialized once, with its size; a result larger than any reply may be is not kept, its task
 * fails with the reply budget's -32005 instead. A tool's error answer is shortened by the tool to
 * fit first (`TaskControl.resultBytes`, core/server/mcp/tool_call.ts); one still too large fails
 * its task with its own code and the head of its message.
 *
 * @module
 */
import { isoTime } from "../clock.ts";
import { utf8Bytes } from "./rpc/kept_json.ts";
import { RpcCode } from "./rpc/wire_errors.ts";
import { shortError } from "./rpc/reply_budget.ts";
import type { TaskView } from "./task_types.ts";

/** Default of `TaskStoreOptions.maxKeptBytes`: 64 MiB of results held in memory at once. */
export const MAX_KEPT_BYTES = 64 * 1024 * 1024;

/**
 * Room a `tasks/get` reply takes around its task's view, at most: the JSON-RPC envelope
 * (`{"jsonrpc":"2.0","id":…,"result":…}`, 33 bytes) with an id of up to 256 characters, each
 * written as `\u00XX` at worst (1,538 bytes), and the modern era's `"resultType":"complete",` and
 * `"_meta"` naming the server (about 110 bytes). A longer id's reply may be refused; the task's
 * result is still there for a shorter one.
 */
export const REPLY_ENVELOPE_BYTES = 2_048;

/**
 * The most bytes a completed task's result may take so that every `tasks/get` reply carrying it
 * fits in `maxReplyBytes`: the reply less its envelope and the task's view (`view`, as it will
 * read once completed: its status message included).
 */
export function resultRoom(view: TaskView, maxReplyBytes: number): number {
  const around = `${JSON.stringify(view).slice(0, -1)},"result":}`;
  return maxReplyBytes - REPLY_ENVELOPE_BYTES - utf8Bytes(around);
}

/**
 * The error of a task whose result is `bytes` long, over the `room` a reply of `limit` bytes
 * (MAX_REPLY_BYTES) has for it: the -32005 a reply carrying it would have been answered with.
 */
export function resultTooLarge(
  bytes: number,
  room: number,
  limit = room,
): Record<string, unknown> {
  const over = room === limit ? `${limit}` : `${room} (the room in a reply of ${limit})`;
  return {
    code: RpcCode.ReplyTooLarge,
    message: `Reply too large: the task's result is ${bytes} bytes, over ${over} ` +
      "(MAX_REPLY_BYTES); ask for less (a shorter run, a smaller limit)",
    data: { max_reply_bytes: limit, ran: true },
  };
}

/**
 * `result` as kept: its JSON and its UTF-8 size, or the error its task fails with (over
 * `maxBytes`, the room in a reply of `maxReplyBytes`, or not serializable: the -32603 clients see
 * for any internal error).
 */
export function serializedResult(
  result: Record<string, unknown>,
  maxBytes: number,
  maxReplyBytes = maxBytes,
): { text: string; bytes: number } | { error: Record<string, unknown> } {
  let text: string;
  try {
    text = JSON.stringify(result);
  } catch {
    return { error: { code: RpcCode.InternalError, message: "Internal error" } };
  }
  const bytes = utf8Bytes(text);
  if (bytes <= maxBytes) return { text, bytes };
  const failed = errorAnswered(result);
  return { error: failed ? shortError(failed) : resultTooLarge(bytes, maxBytes, maxReplyBytes) };
}

/**
 * The error a tool's error answer (`isError: true`, its `structuredContent.error`) carries, if
 * `result` is one: a task whose error is too large to keep fails with that error's code and the
 * head of its message, not -32005 "ran: true" (the call failed; as the reply budget does).
 */
function errorAnswered(
  result: Record<string, unknown>,
): { code: number; message: unknown } | undefined {
  if (result.isError !== true) return undefined;
  const content = result.structuredContent;
  const error = typeof content === "object" && content !== null
    ? (content as Record<string, unknown>).error
    : undefined;
  if (typeof error !== "object" || error === null) return undefined;
  const { code, message } = error as Record<string, unknown>;
  return typeof code === "number" ? { code, message } : undefined;
}

/** The limits of {@linkcode completedResult} (see `TaskStoreOptions`). */
export interface ResultLimits {
  /** The largest `tasks/get` reply (MAX_REPLY_BYTES). */
  maxResultBytes: number;
  /** Result bytes held in memory at once. */
  maxKeptBytes: number;
}

/** The most bytes the result of the task whose view is `view` may take to be kept. */
export function keptRoom(view: TaskView, limits: ResultLimits): number {
  // Room for the reply's envelope and the view, so that a kept result can always be read; and
  // a result over the bytes held in memory would be forgotten as it ends (without a table, or
  // not yet written): its task fails as too large instead of reading as unknown.
  const completed: TaskView = { ...view, status: "completed", lastUpdatedAt: isoTime(0) };
  return Math.min(resultRoom(completed, limits.maxResultBytes), limits.maxKeptBytes);
}

/**
 * The result of the task whose view is `view` as it completes with `result`: kept as its JSON,
 * or the error it fails with (see {@linkcode serializedResult}).
 */
export function completedResult(
  view: TaskView,
  result: Record<string, unknown>,
  limits: ResultLimits,
): { text: string; bytes: number } | { error: Record<string, unknown> } {
  return serializedResult(result, keptRoom(view, limits), limits.maxResultBytes);
}
