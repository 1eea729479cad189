import assert from "node:assert/strict";
import { checkModernHeaders, legacyHeaderMismatch, METHOD_HEADER } from "./mcp_headers.ts";
import { toWireError } from "../rpc/wire_errors.ts";

const KEY = "io.modelcontextprotocol/protocolVersion";

/** The message `checkModernHeaders` throws for `message` sent with header `version`. */
function modernRefusal(message: Record<string, unknown>, version = "2026-07-28"): string {
  const request = new Request("http://localhost/mcp", {
    method: "POST",
    headers: { [METHOD_HEADER]: String(message.method) },
  });
  try {
    checkModernHeaders(request, message, version);
  } catch (error) {
    return toWireError(error).error.message;
  }
  throw new Error("not refused");
}

/** A ping whose `_meta` claims revision `claimed`. */
const ping = (claimed: string) => ({
  jsonrpc: "2.0",
  id: 1,
  method: "ping",
  params: { _meta: { [KEY]: claimed } },
});

/** The longest run of "x" in `text`. */
const longestRun = (text: string) => Math.max(0, ...(text.match(/x+/g) ?? []).map((s) => s.length));

Deno.test("a quoted value of exactly 64 characters is whole; from 65 it is cut to 64 and '…'", () => {
  assert.match(modernRefusal(ping("x".repeat(64))), /body value 'x{64}'$/);
  assert.match(modernRefusal(ping("x".repeat(65))), /body value 'x{64}…'$/);
});

Deno.test("each value a -32020 quotes is shortened: the revisions of a modern and a legacy request", async () => {
  const long = "x".repeat(10_000);
  // The body's revision, and (called directly) the header's.
  assert.equal(longestRun(modernRefusal(ping(long))), 64);
  assert.equal(longestRun(modernRefusal(ping("2026-07-28"), long)), 64);
  const request = new Request("http://localhost/mcp", { method: "POST" });
  for (const header of [null, "2025-11-25", long]) {
    const claimed = header === long ? "2026-07-28" : long;
    const reply = legacyHeaderMismatch(request, ping(claimed), header);
    const message = (await reply!.json()).error.message as string;
    assert.equal(longestRun(message), 64, `header ${header?.slice(0, 10)}`);
  }
});
