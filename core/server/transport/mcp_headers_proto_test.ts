import assert from "node:assert/strict";
import { checkModernHeaders, METHOD_HEADER } from "./mcp_headers.ts";
import { checkModernMeta, unsupportedVersion } from "../mcp/modern.ts";
import { RpcError } from "../rpc/wire_errors.ts";

Deno.test("a method named after an Object.prototype member needs no Mcp-Name header (review42 R7)", () => {
  for (const method of ["constructor", "toString", "__proto__", "hasOwnProperty"]) {
    const request = new Request("http://localhost/mcp", {
      method: "POST",
      headers: { [METHOD_HEADER]: method },
    });
    // Passing the header check lets the dispatcher answer -32601 (method not found), not -32020.
    checkModernHeaders(request, { jsonrpc: "2.0", id: 1, method, params: {} }, "2026-07-28");
  }
});

Deno.test("a -32022 error echoes at most 64 characters of the requested revision (fix123 leftover)", () => {
  const long = "9".repeat(100_000);
  const thrown: unknown[] = [unsupportedVersion(long)];
  try {
    checkModernMeta({ "io.modelcontextprotocol/protocolVersion": long, clientCapabilities: {} });
  } catch (error) {
    thrown.push(error);
  }
  assert.equal(thrown.length, 2);
  for (const error of thrown) {
    assert.ok(error instanceof RpcError);
    assert.equal(error.code, -32022);
    const requested = (error.data as { requested: string }).requested;
    assert.equal(requested, `${"9".repeat(64)}…`);
    assert.ok(JSON.stringify(error.data).length < 1_000);
  }
});
