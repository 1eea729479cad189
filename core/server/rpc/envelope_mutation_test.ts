/**
 * Pins of the request envelope that mutation testing (mut48) found loose under the rpc folder's
 * dispatcher tests: which ids a request may carry, and which ids an MCP reply can echo.
 */
import assert from "node:assert/strict";
import { checkRequest, isEchoableId } from "./envelope.ts";

const request = (id: unknown) => ({ jsonrpc: "2.0", id, method: "persona.list" });

Deno.test("a request id is a string, a finite number or null; anything else is -32600", () => {
  for (const id of ["a", "", 0, -7, 2.5, null]) assert.equal(checkRequest(request(id)).id, id);
  for (const id of [true, false, {}, [], [1], Infinity, -Infinity, NaN]) {
    assert.throws(
      () => checkRequest(request(id)),
      (error: Error & { code?: number }) => {
        assert.equal(error.code, -32600, `id ${String(id)}`);
        assert.equal(error.message, 'Invalid Request: "id" must be a string, a number or null');
        return true;
      },
    );
  }
});

Deno.test("an MCP reply echoes string and number ids, never null or another value", () => {
  assert.equal(isEchoableId("req-1"), true);
  assert.equal(isEchoableId(""), true);
  assert.equal(isEchoableId(42), true);
  for (const id of [null, undefined, true, {}, []]) assert.equal(isEchoableId(id), false);
});
