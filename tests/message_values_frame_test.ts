/**
 * The message value bound grows with the frame limit (review36 R36-4): `MAX_MESSAGE_VALUES`
 * (200,000) per MiB of `MAX_FRAME_BYTES`, never fewer. A server of 2 MiB frames takes a message
 * of 300,000 values and refuses one of 400,001 on every way a message comes in: a WebSocket
 * frame, Streamable HTTP, `/api/rpc` and a REST body. Real sockets; no timing.
 *
 * @module
 */
import assert from "node:assert/strict";
import { RpcClient, startTestServer } from "./_helpers.ts";
import { postRpc } from "./_rest.ts";
import { open } from "../core/server/transport/_mcp_http_test_utils.ts";
import { jsonCounts } from "../core/json_keys.ts";
import { MAX_MESSAGE_VALUES, messageValueLimit } from "../core/server/rpc/json_depth.ts";

const MIB = 1_048_576;

Deno.test("messageValueLimit: 200,000 values per MiB of frame, never fewer", () => {
  assert.equal(messageValueLimit(MIB), MAX_MESSAGE_VALUES);
  assert.equal(messageValueLimit(2 * MIB), 400_000);
  assert.equal(messageValueLimit(10 * MIB), 2_000_000);
  assert.equal(messageValueLimit(64 * 1024), MAX_MESSAGE_VALUES);
});

/** `body` around an array of zeros, so that the whole text holds exactly `values` values. */
function withValues(values: number, body: (array: string) => string): string {
  const text = (items: number) => body(`[${"0,".repeat(items - 1)}0]`);
  const items = values - jsonCounts(JSON.parse(text(1))).values + 1;
  assert.equal(jsonCounts(JSON.parse(text(items)), { values: Infinity }).values, values);
  return text(items);
}

/** A `ping` of id `id` holding `values` values. */
function ping(id: string, values: number): string {
  return withValues(
    values,
    (array) => `{"jsonrpc":"2.0","id":"${id}","method":"ping","params":{"_meta":{"x":${array}}}}`,
  );
}

Deno.test("with MAX_FRAME_BYTES at 2 MiB, a message of 300,000 values runs and one of 400,001 is refused on every transport", async () => {
  const server = await startTestServer({ MAX_FRAME_BYTES: String(2 * MIB) });
  const client = await RpcClient.connect(server.wsUrl, ["mcp"]);
  try {
    const bound = messageValueLimit(2 * MIB);
    const refused = (reply: unknown, id: string) => {
      const { error } = reply as { error?: { code: number; data?: { max_values?: number } } };
      assert.equal(error?.code, -32602, JSON.stringify(reply).slice(0, 300));
      assert.equal(error?.data?.max_values, bound);
      assert.equal((reply as { id: unknown }).id, id);
    };
    assert.deepEqual(await client.sendRaw(ping("w", 300_000)), {
      jsonrpc: "2.0",
      id: "w",
      result: {},
    });
    refused(await client.sendRaw(ping("w2", bound + 1)), "w2");

    const headers = await open(server);
    const mcp = (body: string) =>
      fetch(server.mcpUrl, {
        method: "POST",
        headers: { "Content-Type": "application/json", Accept: "application/json", ...headers },
        body,
      });
    const http = await mcp(ping("h", 300_000));
    assert.deepEqual(await http.json(), { jsonrpc: "2.0", id: "h", result: {} });
    const httpRefused = await mcp(ping("h2", bound + 1));
    assert.equal(httpRefused.status, 400);
    refused(await httpRefused.json(), "h2");

    const rpc = await postRpc(server.apiUrl, ping("r", 300_000));
    assert.deepEqual(await rpc.json(), { jsonrpc: "2.0", id: "r", result: {} });
    refused(await (await postRpc(server.apiUrl, ping("r2", bound + 1))).json(), "r2");

    const book = (values: number) =>
      fetch(`${server.apiUrl}/lorebooks`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: withValues(values, (array) => `{"name":"b${values}","extensions":{"a":${array}}}`),
      });
    const created = await book(300_000);
    assert.equal(created.status, 201, (await created.clone().text()).slice(0, 300));
    await created.body?.cancel();
    const over = await book(bound + 1);
    assert.equal(over.status, 400);
    const { error } = await over.json();
    assert.equal(error?.data?.max_values, bound);
  } finally {
    await client.close();
    await server.shutdown();
  }
});
