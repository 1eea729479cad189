/**
 * AUTH_TOKEN on every network transport (REST, Streamable HTTP, the WebSocket upgrade by header
 * or `?token=`), and the rule that a server listening beyond loopback never runs without one.
 */
import assert from "node:assert/strict";
import { ConfigError } from "../core/config.ts";
import { buildServer, startServer } from "../core/server/server.ts";
import { serveStdio } from "../core/server/transport/stdio.ts";
import {
  MCP_INITIALIZE,
  REPO_ROOT,
  RpcClient,
  startTestServer,
  testConfig,
  testLogger,
} from "./_helpers.ts";
import { bearer, rawUpgrade } from "./_auth.ts";

const TOKEN = "test-token-0123456789abcdef";

async function upgradeStatus(url: string, headers: Record<string, string> = {}): Promise<number> {
  return (await rawUpgrade(url, headers)).status;
}

Deno.test("with AUTH_TOKEN, REST refuses a missing or wrong token with 401 JSON and takes the right one", async () => {
  const server = await startTestServer({ AUTH_TOKEN: TOKEN });
  try {
    for (
      const headers of [{}, bearer("wrong-token-0123456789"), { Authorization: `Basic ${TOKEN}` }]
    ) {
      const response = await fetch(`${server.apiUrl}/personas`, { headers });
      assert.equal(response.status, 401);
      assert.equal(response.headers.get("www-authenticate"), 'Bearer realm="persona-mcp"');
      const body = await response.json();
      assert.match(body.error.message, /^Unauthorized: /);
    }
    const ok = await fetch(`${server.apiUrl}/personas`, { headers: bearer(TOKEN) });
    assert.equal(ok.status, 200);
    assert.equal((await ok.json()).total_count, 2);
    const query = await fetch(`${server.apiUrl}/personas?token=${TOKEN}`);
    assert.equal(query.status, 401, "REST takes the token only as a header");
    await query.body?.cancel();
    const preflight = await fetch(`${server.apiUrl}/personas`, {
      method: "OPTIONS",
      headers: {
        Origin: server.apiUrl.replace(/\/api$/, ""),
        "Access-Control-Request-Method": "GET",
      },
    });
    assert.equal(preflight.status, 204, "CORS preflights carry no credentials and pass");
  } finally {
    await server.shutdown();
  }
});

Deno.test("with AUTH_TOKEN, /api/health answers a check without a token in short, the details only with it", async () => {
  const server = await startTestServer({ AUTH_TOKEN: TOKEN });
  const health = `${server.apiUrl}/health`;
  try {
    // A load balancer's check has no secret: up or not, and nothing else.
    for (let i = 0; i < 3; i++) {
      const anonymous = await fetch(health, { headers: { "X-Session-Id": "someone-else" } });
      assert.equal(anonymous.status, 200);
      assert.deepEqual(await anonymous.json(), { status: "healthy" }, "no version, no storage");
    }
    const head = await fetch(health, { method: "HEAD" });
    assert.equal(head.status, 200);
    await head.body?.cancel();
    const detailed = await fetch(health, { headers: bearer(TOKEN) });
    assert.equal(detailed.status, 200);
    const body = await detailed.json();
    assert.equal(body.status, "healthy");
    assert.equal(typeof body.version, "string");
    assert.deepEqual(body.components, { database: "ok" });
    // A token it does carry is checked: a wrong one is refused (and counted) as anywhere else.
    const wrong = await fetch(health, { headers: bearer("wrong-token-0123456789") });
    assert.equal(wrong.status, 401);
    await wrong.body?.cancel();
  } finally {
    await server.shutdown();
  }
});

Deno.test("with AUTH_TOKEN, Streamable HTTP refuses a missing or wrong token and takes the right one", async () => {
  const server = await startTestServer({ AUTH_TOKEN: TOKEN });
  try {
    const headers = { "Content-Type": "application/json", Accept: "application/json" };
    for (const extra of [{}, bearer(`${TOKEN}x`)]) {
      const response = await fetch(server.mcpUrl, {
        method: "POST",
        headers: { ...headers, ...extra },
        body: MCP_INITIALIZE,
      });
      assert.equal(response.status, 401);
      const body = await response.json();
      assert.equal(body.jsonrpc, "2.0");
      assert.equal(body.error.code, -32600);
    }
    // Streamable HTTP takes the token in the header only: in a URL it would end up in logs.
    const inUrl = await fetch(`${server.mcpUrl}?token=${encodeURIComponent(TOKEN)}`, {
      method: "POST",
      headers,
      body: MCP_INITIALIZE,
    });
    assert.equal(inUrl.status, 401, "POST /mcp?token= is refused");
    await inUrl.body?.cancel();
    assert.equal(server.services.sessions.counts().total, 0, "no session for a stranger");
    const ok = await fetch(server.mcpUrl, {
      method: "POST",
      headers: { ...headers, ...bearer(TOKEN) },
      body: MCP_INITIALIZE,
    });
    assert.equal(ok.status, 200);
    assert.ok(ok.headers.get("mcp-session-id"));
    await ok.body?.cancel();
  } finally {
    await server.shutdown();
  }
});

Deno.test("with AUTH_TOKEN, the WebSocket upgrade needs the token as Bearer or ?token=", async () => {
  const server = await startTestServer({ AUTH_TOKEN: TOKEN });
  try {
    assert.equal(await upgradeStatus(server.wsUrl), 401);
    assert.equal(await upgradeStatus(`${server.wsUrl}?token=nope-nope-nope-nope`), 401);
    assert.equal(await upgradeStatus(server.wsUrl, bearer("nope-nope-nope-nope")), 401);
    assert.equal(await upgradeStatus(server.wsUrl, bearer(TOKEN)), 101);
    assert.equal(await upgradeStatus(`${server.wsUrl}?token=${encodeURIComponent(TOKEN)}`), 101);
    await assert.rejects(RpcClient.connect(server.wsUrl), "a browser-like client without a token");
    const client = await RpcClient.connect(`${server.wsUrl}?token=${encodeURIComponent(TOKEN)}`);
    assert.deepEqual(await client.call("ping"), {});
    await client.close();
  } finally {
    await server.shutdown();
  }
});

Deno.test("without AUTH_TOKEN on loopback, nothing asks for a token", async () => {
  const server = await startTestServer();
  try {
    const response = await fetch(`${server.apiUrl}/personas`);
    assert.equal(response.status, 200);
    await response.body?.cancel();
    assert.equal(await upgradeStatus(server.wsUrl), 101);
  } finally {
    await server.shutdown();
  }
});

Deno.test("stdio needs no token, even when one is set", async () => {
  const server = await buildServer(testConfig({ AUTH_TOKEN: TOKEN }), {
    log: testLogger(),
    databasePath: ":memory:",
  });
  const output = new TransformStream<Uint8Array, Uint8Array>();
  const input = ReadableStream.from([
    new TextEncoder().encode('{"jsonrpc":"2.0","id":1,"method":"ping"}\n'),
  ]);
  const text = new Response(output.readable).text();
  await serveStdio(server.connections, { input, output: output.writable });
  assert.deepEqual(JSON.parse(await text), { jsonrpc: "2.0", id: 1, result: {} });
  server.services.db.close();
});

Deno.test("listening beyond loopback without AUTH_TOKEN does not start; with one it serves only holders", async () => {
  await assert.rejects(
    startServer(testConfig({ SERVER_HOST: "0.0.0.0" }), { log: testLogger() }),
    (error: Error) => error instanceof ConfigError && /needs AUTH_TOKEN/.test(error.message),
  );
  const run = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", `${REPO_ROOT}/main.ts`],
    env: { SERVER_HOST: "0.0.0.0", SERVER_PORT: "0", API_PORT: "0", ENV_FILE: "/nonexistent" },
    stdout: "null",
    stderr: "piped",
  }).output();
  assert.equal(run.code, 2, "refused at start, as a bad setting");
  assert.match(new TextDecoder().decode(run.stderr), /SERVER_HOST="0.0.0.0".*needs AUTH_TOKEN/);

  const server = await startServer(testConfig({ SERVER_HOST: "0.0.0.0", AUTH_TOKEN: TOKEN }), {
    log: testLogger(),
  });
  try {
    const port = new URL(server.apiUrl).port;
    const refused = await fetch(`http://127.0.0.1:${port}/api/personas`);
    assert.equal(refused.status, 401);
    await refused.body?.cancel();
    const ok = await fetch(`http://127.0.0.1:${port}/api/personas`, { headers: bearer(TOKEN) });
    assert.equal(ok.status, 200);
    await ok.body?.cancel();
  } finally {
    await server.shutdown();
  }
});
