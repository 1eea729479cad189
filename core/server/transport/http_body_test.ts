/**
 * Pins the body limit at its edge, whether the size is declared or only streamed, and the media
 * type checks (case, parameters, wildcards).
 */
import assert from "node:assert/strict";
import { acceptedTypes, BodyTooLarge, mediaType, readBoundedText } from "./http_body.ts";

/** A request whose body arrives as a stream of `chunks`, with no Content-Length. */
function streamed(chunks: string[]): Request {
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(encoder.encode(chunk));
      controller.close();
    },
  });
  return new Request("http://127.0.0.1/mcp", { method: "POST", body });
}

Deno.test("a declared body of exactly the limit is read; one byte more is refused unread", async () => {
  const declared = (body: string) =>
    new Request("http://127.0.0.1/mcp", {
      method: "POST",
      body,
      headers: { "content-length": String(body.length) },
    });
  assert.equal(await readBoundedText(declared("abcd"), 4), "abcd");
  await assert.rejects(readBoundedText(declared("abcde"), 4), BodyTooLarge);
});

Deno.test("a declared size over the limit is refused before the body is read", async () => {
  const unreadable = new ReadableStream<Uint8Array>({
    pull() {
      throw new Error("the body was read");
    },
  });
  const request = new Request("http://127.0.0.1/mcp", {
    method: "POST",
    body: unreadable,
    headers: { "content-length": "1000" },
  });
  await assert.rejects(readBoundedText(request, 4), BodyTooLarge);
});

Deno.test("a streamed body is counted as it comes: the limit passes, one byte more does not", async () => {
  assert.equal(await readBoundedText(streamed(["ab", "cd"]), 4), "abcd");
  await assert.rejects(readBoundedText(streamed(["ab", "cd", "e"]), 4), BodyTooLarge);
});

Deno.test("media types ignore case and parameters; wildcards accept JSON and SSE", () => {
  assert.equal(mediaType(" Application/JSON; charset=utf-8"), "application/json");
  assert.equal(mediaType(null), "");
  const accept = (value: string) =>
    acceptedTypes(new Request("http://127.0.0.1/", { headers: { accept: value } }));
  assert.deepEqual(accept("application/*"), { json: true, sse: false });
  assert.deepEqual(accept("text/*"), { json: false, sse: true });
  assert.deepEqual(accept("*/*"), { json: true, sse: true });
  assert.deepEqual(accept("TEXT/EVENT-STREAM"), { json: false, sse: true });
  assert.deepEqual(accept(" "), { json: true, sse: true }, "blank allows both");
  // q=0 means "not acceptable"; the most specific range decides.
  assert.deepEqual(accept("application/json;q=0"), { json: false, sse: false });
  assert.deepEqual(accept("application/json, text/event-stream; q=0"), { json: true, sse: false });
  assert.deepEqual(accept("*/*, application/json;q=0"), { json: false, sse: true });
  assert.deepEqual(accept("text/*;q=0, text/event-stream"), { json: false, sse: true });
  assert.deepEqual(accept("application/json;q=0.5"), { json: true, sse: false });
});
