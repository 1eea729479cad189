/**
 * A task's error answer too large to keep fails its task with the error's own code and the head
 * of its message (as the reply budget does for replies), not -32005 "ran: true".
 */
import assert from "node:assert/strict";
import { serializedResult } from "./task_result.ts";
import { RpcCode } from "./rpc/wire_errors.ts";

/** A tool's error answer (tool_call.ts) whose message is `message`. */
function errorAnswer(message: string): Record<string, unknown> {
  const error = { code: RpcCode.InvalidParams, message, data: { field: "x".repeat(1000) } };
  return {
    content: [{ type: "text", text: message }],
    structuredContent: { error },
    isError: true,
  };
}

/** The error `result` fails its task with, within `maxBytes`. */
function failedWith(result: Record<string, unknown>, maxBytes: number): Record<string, unknown> {
  const kept = serializedResult(result, maxBytes);
  assert.ok("error" in kept, "not kept whole");
  return kept.error;
}

Deno.test("an error answer too large keeps its code and the head of its message", () => {
  const { code, message, data } = failedWith(errorAnswer(`bad ${"😀".repeat(50_000)}`), 10_000);
  assert.equal(code, RpcCode.InvalidParams, "the error's own code, not -32005");
  assert.equal(data, undefined, "no data, no ran: true");
  const text = String(message);
  assert.ok(text.startsWith("bad 😀"), text.slice(0, 20));
  assert.ok(text.length <= 1001, `message of ${text.length} characters`);
  assert.ok(text.isWellFormed(), "no half of a surrogate pair");
});

Deno.test("a result too large is still -32005 ran: true", () => {
  const error = failedWith({ text: "x".repeat(20_000) }, 10_000);
  assert.equal(error.code, RpcCode.ReplyTooLarge);
  assert.equal((error.data as Record<string, unknown>).ran, true);
});

Deno.test("an error answer that fits is kept as it is", () => {
  const answer = errorAnswer("short");
  const kept = serializedResult(answer, 10_000);
  assert.ok("text" in kept);
  assert.deepEqual(JSON.parse(kept.text), answer);
});
