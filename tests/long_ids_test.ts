/**
 * Integer ids beyond 2^53 come back exactly as sent (attack15 #5; JSON-RPC 2.0 §5: the reply's id
 * is the request's), on the WebSocket, Streamable HTTP and `/api/rpc`.
 */
import assert from "node:assert/strict";
import { RpcClient, startTestServer } from "./_helpers.ts";
import { open, post } from "../core/server/transport/_mcp_http_test_utils.ts";
import { modernHeaders, modernMeta } from "./_mcp_modern.ts";
import { postRpc } from "./_rest.ts";

const LONG = "9007199254740993"; // 2^53 + 1: a double rounds it to ...992
const NEGATIVE = "-123456789012345678901";

Deno.test("integer ids beyond 2^53 are echoed digit for digit on every transport", async () => {
  const server = await startTestServer();
  const client = await RpcClient.connect(server.wsUrl, ["mcp"]);
  try {
    // Read as text: JSON.parse would round the reply's id too.
    const texts: string[] = [];
    client.socket.addEventListener("message", (event) => texts.push(event.data as string));
    for (const id of [LONG, NEGATIVE]) {
      const answered = client.sendRaw(`{"jsonrpc":"2.0","id":${id},"method":"ping"}`);
      await answered;
      assert.equal(texts.at(-1), `{"jsonrpc":"2.0","id":${id},"result":{}}`);
    }
    const failed = client.sendRaw(`{"jsonrpc":"2.0","id":${LONG},"method":"no.such"}`);
    await failed;
    assert.match(texts.at(-1)!, new RegExp(`^\\{"jsonrpc":"2.0","id":${LONG},"error"`));

    const headers = await open(server);
    const http = await post(server, `{"jsonrpc":"2.0","id":${LONG},"method":"ping"}`, headers);
    assert.equal(await http.text(), `{"jsonrpc":"2.0","id":${LONG},"result":{}}`);

    const rest = await postRpc(
      server.apiUrl,
      `{"jsonrpc":"2.0","id":${LONG},"method":"persona.list"}`,
    );
    assert.match(await rest.text(), new RegExp(`^\\{"jsonrpc":"2.0","id":${LONG},"result"`));
  } finally {
    await client.close();
    await server.shutdown();
  }
});

Deno.test("a modern (2026-07-28) request with an id beyond 2^53 is served as modern over Streamable HTTP", async () => {
  const server = await startTestServer();
  const meta = JSON.stringify(modernMeta());
  const send = (method: string, params: string, signal?: AbortSignal) =>
    fetch(server.mcpUrl, {
      method: "POST",
      headers: {
        "Content-Type": "application/json",
        Accept: "application/json, text/event-stream",
        ...modernHeaders({ method }),
      },
      body: `{"jsonrpc":"2.0","id":${LONG},"method":"${method}","params":${params}}`,
      signal,
    });
  try {
    const list = await (await send("tools/list", `{"_meta":${meta}}`)).text();
    assert.match(list, new RegExp(`"id":${LONG},"result"`));
    assert.match(list, /"resultType":"complete"/, "the modern shape, not the legacy one");

    const bare = await send("subscriptions/listen", "{}");
    const refused = await bare.text();
    assert.match(refused, new RegExp(`"id":${LONG},"error"`), "the error echoes the id");

    const abort = new AbortController();
    const listen = await send(
      "subscriptions/listen",
      `{"_meta":${meta},"notifications":{"resourcesListChanged":true}}`,
      abort.signal,
    );
    assert.equal(listen.status, 200);
    const reader = listen.body!.getReader();
    const first = new TextDecoder().decode((await reader.read()).value);
    assert.doesNotMatch(first, /"error"/);
    assert.match(first, new RegExp(LONG), "the acknowledgement names the id");
    abort.abort();
    await reader.cancel().catch(() => {});
  } finally {
    await server.shutdown();
  }
});
