/**
 * Error messages quote a client's own input (method, path, Host, Origin, X-Session-Id, an unknown
 * JSON-RPC method) cut to
 * ECHO_MAX characters: a 60 KB header does not come back at length (core/text_cut.ts `echoed`).
 */
import assert from "node:assert/strict";
import { rawHttp, RpcClient, startTestServer } from "./_helpers.ts";
import { ECHO_MAX } from "../core/text_cut.ts";

/** The longest a message quoting `quotes` echoed values may be (the rest is fixed wording). */
const bound = (quotes: number) => quotes * (ECHO_MAX + 1) + 120;

Deno.test("a long method and path are echoed cut in the 404 message", async () => {
  const server = await startTestServer();
  try {
    const method = `M${"x".repeat(5000)}`;
    const path = `/x${"y".repeat(5000)}`;
    const response = await fetch(`${server.apiUrl}${path}`, { method });
    assert.equal(response.status, 404);
    const { error } = await response.json();
    assert.ok(error.message.startsWith(`No route for M${"x".repeat(ECHO_MAX - 1)}… /api/x`));
    assert.ok(error.message.length <= bound(2), `${error.message.length} characters`);
  } finally {
    await server.shutdown();
  }
});

Deno.test("a long Host or Origin is echoed cut in the 403 message", async () => {
  const server = await startTestServer();
  try {
    const host = `${"h".repeat(3000)}.example`;
    const refusedHost = await rawHttp(`${server.apiUrl}/personas`, { headers: { Host: host } });
    assert.equal(refusedHost.status, 403);
    const hostMessage: string = JSON.parse(refusedHost.body).error.message;
    assert.ok(hostMessage.includes(`Host "${"h".repeat(ECHO_MAX)}…" is not this server`));
    assert.ok(hostMessage.length <= bound(1), `${hostMessage.length} characters`);

    const origin = `http://${"o".repeat(3000)}.example`;
    const refusedOrigin = await fetch(`${server.apiUrl}/personas`, { headers: { Origin: origin } });
    assert.equal(refusedOrigin.status, 403);
    const originMessage: string = (await refusedOrigin.json()).error.message;
    assert.ok(originMessage.includes(`Origin "${origin.slice(0, ECHO_MAX)}…" may not`));
    assert.ok(originMessage.length <= bound(1), `${originMessage.length} characters`);
  } finally {
    await server.shutdown();
  }
});

Deno.test("a long unknown X-Session-Id is echoed cut in the message and data", async () => {
  const server = await startTestServer();
  try {
    const id = "s".repeat(4000);
    const response = await fetch(`${server.apiUrl}/personas`, { headers: { "X-Session-Id": id } });
    assert.equal(response.status, 404);
    const { error } = await response.json();
    assert.ok(error.message.startsWith(`Unknown session "${"s".repeat(ECHO_MAX)}…"`));
    assert.ok(error.message.length <= bound(1), `${error.message.length} characters`);
    assert.equal(error.data.session_id, `${"s".repeat(ECHO_MAX)}…`);
  } finally {
    await server.shutdown();
  }
});

Deno.test("short values are echoed whole", async () => {
  const server = await startTestServer();
  try {
    const response = await fetch(`${server.apiUrl}/personas`, {
      headers: { "X-Session-Id": "s".repeat(ECHO_MAX) },
    });
    const { error } = await response.json();
    assert.equal(error.data.session_id, "s".repeat(ECHO_MAX));
  } finally {
    await server.shutdown();
  }
});

Deno.test("an unknown JSON-RPC method and the WebSocket port's 404 are echoed cut", async () => {
  const server = await startTestServer();
  const client = await RpcClient.connect(server.wsUrl);
  try {
    const method = `m${"x".repeat(100_000)}`;
    const reply = await client.request(method);
    const error = reply.error as { message: string; data: { method: string } };
    assert.ok(error.message.startsWith(`Method not found: m${"x".repeat(ECHO_MAX - 1)}…`));
    assert.ok(error.message.length <= bound(1), `${error.message.length} characters`);
    assert.equal(error.data.method, `m${"x".repeat(ECHO_MAX - 1)}…`);

    const path = `/x${"y".repeat(20_000)}`;
    const response = await fetch(new URL(path, server.wsUrl.replace("ws:", "http:")));
    assert.equal(response.status, 404);
    const body = await response.text();
    assert.ok(body.length <= bound(2), `${body.length} characters`);
  } finally {
    await client.close();
    await server.shutdown();
  }
});
