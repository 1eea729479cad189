import assert from "node:assert/strict";
import {
  checkModernHeaders,
  legacyHeaderMismatch,
  METHOD_HEADER,
  NAME_HEADER,
} from "./mcp_headers.ts";
import { toWireError } from "../rpc/wire_errors.ts";

const KEY = "io.modelcontextprotocol/protocolVersion";
const LONG = "x".repeat(100_000);

/** The wire error (JSON) `checkModernHeaders` throws for `headers` and `message`. */
function refusal(headers: Record<string, string>, message: Record<string, unknown>): string {
  const request = new Request("http://localhost/mcp", { method: "POST", headers });
  try {
    checkModernHeaders(request, message, "2026-07-28");
  } catch (error) {
    return JSON.stringify(toWireError(error).error);
  }
  throw new Error("not refused");
}

Deno.test("a -32020 header mismatch quotes each value shortened: the reply stays under 1 kB (attack30 F2)", async () => {
  const call = (name: string, method = "tools/call") => ({
    jsonrpc: "2.0",
    id: 1,
    method,
    params: { name, arguments: {}, _meta: { [KEY]: "2026-07-28" } },
  });
  const headers = { [METHOD_HEADER]: "tools/call", [NAME_HEADER]: "persona_create" };
  for (
    const [sent, message] of [
      [headers, call(LONG)],
      [{ ...headers, [NAME_HEADER]: LONG }, call("persona_create")],
      [{ ...headers, [METHOD_HEADER]: LONG }, call("persona_create")],
      [headers, call("persona_create", LONG)],
    ] as const
  ) {
    const error = refusal(sent, message);
    assert.ok(error.length < 1024, `${error.length} bytes`);
    assert.match(error, /-32020/);
    assert.match(error, /'x{64}…'/);
  }
  // A short value is quoted whole, as before.
  assert.match(
    refusal(headers, call("memory_search")),
    /Mcp-Name header value 'persona_create' does not match body value 'memory_search'/,
  );
  const legacy = legacyHeaderMismatch(
    new Request("http://localhost/mcp", { method: "POST" }),
    { jsonrpc: "2.0", id: 2, method: "ping", params: { _meta: { [KEY]: LONG } } },
    "2025-11-25",
  );
  const body = await legacy!.text();
  assert.ok(body.length < 1024, `${body.length} bytes`);
});
