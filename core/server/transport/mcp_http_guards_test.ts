/**
 * The MCP HTTP endpoint's guards: foreign Origin and Host refused (DNS rebinding), idle sessions
 * expired, bodies nested too deep refused with their id kept.
 */
import assert from "node:assert/strict";
import { expireIdleSessions } from "../server.ts";
import { rawHttp } from "../../../tests/_helpers.ts";
import { MAX_JSON_DEPTH } from "../rpc/json_depth.ts";
import { initializeRequest, open, post, withServer } from "./_mcp_http_test_utils.ts";

Deno.test("a foreign Origin or Host is refused with 403; the dashboard's page may call", async () => {
  await withServer(async (server) => {
    const request = initializeRequest();
    const foreign = await post(server, request, { Origin: "https://evil.example.com" });
    assert.equal(foreign.status, 403);
    assert.match((await foreign.json()).error.message, /Origin "https:\/\/evil.example.com"/);
    // fetch cannot set Host: a raw request plays the DNS-rebinding attacker's browser.
    const rebound = await rawHttp(server.mcpUrl, {
      method: "POST",
      headers: { Host: "evil.example.com:8000", "Content-Type": "application/json" },
      body: JSON.stringify(request),
    });
    assert.equal(rebound.status, 403);
    assert.match(JSON.parse(rebound.body).error.message, /Host "evil.example.com:8000"/);

    const otherPort = await post(server, request, { Origin: "http://localhost:5173" });
    assert.equal(otherPort.status, 403, "another local port is another site");
    assert.match((await otherPort.json()).error.message, /CORS_ORIGINS=http:\/\/localhost:5173/);
    const dashboard = `http://localhost:${new URL(server.apiUrl).port}`;
    const local = await post(server, request, { Origin: dashboard });
    assert.equal(local.status, 200);
    assert.equal(local.headers.get("access-control-allow-origin"), dashboard);
    assert.match(local.headers.get("access-control-expose-headers")!, /Mcp-Session-Id/);
    await local.body?.cancel();

    const preflight = await fetch(server.mcpUrl, {
      method: "OPTIONS",
      headers: { Origin: dashboard, "Access-Control-Request-Method": "POST" },
    });
    assert.equal(preflight.status, 204);
    assert.match(preflight.headers.get("access-control-allow-headers")!, /Mcp-Session-Id/);
    await preflight.body?.cancel();
  });
});

Deno.test("an idle HTTP session expires after MCP_SESSION_TTL_S; then the client gets 404", async () => {
  await withServer(async (server) => {
    const [idle, busy] = [await open(server), await open(server)];
    const session = server.services.sessions.get(idle["Mcp-Session-Id"]!)!;
    session.lastSeen = server.services.clock.now() - 61_000;
    expireIdleSessions(server.services);
    const ping = { jsonrpc: "2.0", id: 1, method: "ping" };
    const expired = await post(server, ping, idle);
    assert.equal(expired.status, 404);
    await expired.body?.cancel();
    const alive = await post(server, ping, busy);
    assert.equal(alive.status, 200);
    await alive.body?.cancel();
  }, { MCP_SESSION_TTL_S: "60" });
});

Deno.test("a body nested too deep is refused with 400 and keeps the request's id", async () => {
  await withServer(async (server) => {
    const headers = await open(server);
    const deep = "[".repeat(MAX_JSON_DEPTH + 1) + "]".repeat(MAX_JSON_DEPTH + 1);
    const text = `{"jsonrpc":"2.0","id":"deep-7","method":"ping","params":{"x":${deep}}}`;
    const response = await post(server, text, headers);
    assert.equal(response.status, 400);
    const body = await response.json();
    assert.equal(body.id, "deep-7");
    assert.equal(body.error.code, -32602);
  });
});
