/**
 * A browser client of `/mcp` (a page on another port, allowed by CORS_ORIGINS) with AUTH_TOKEN
 * set: its CORS preflight must allow the
 * `Authorization` header (no wildcard covers it), and it must be able to read the headers it
 * needs (the session id, a 401's challenge).
 */
import assert from "node:assert/strict";
import { initializeRequest, post, withServer } from "./_mcp_http_test_utils.ts";

const TOKEN = "cors-token-0123456789abcdef";
const ORIGIN = "http://localhost:5173";

/** The headers a browser allows the page to send after a preflight (lower case). */
function allowedHeaders(preflight: Response): string[] {
  return (preflight.headers.get("access-control-allow-headers") ?? "").split(",").map((name) =>
    name.trim().toLowerCase()
  );
}

Deno.test("a browser page on an allowed origin can preflight and send its bearer token to /mcp", async () => {
  await withServer(async (server) => {
    const asked = ["authorization", "content-type", "mcp-session-id", "mcp-protocol-version"];
    const preflight = await fetch(server.mcpUrl, {
      method: "OPTIONS",
      headers: {
        Origin: ORIGIN,
        "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": asked.join(","),
      },
    });
    await preflight.body?.cancel();
    assert.equal(preflight.status, 204, "the preflight carries no token and passes");
    assert.equal(preflight.headers.get("access-control-allow-origin"), ORIGIN);
    for (const name of asked) {
      assert.ok(allowedHeaders(preflight).includes(name), `preflight allows ${name}`);
    }
    assert.match(preflight.headers.get("access-control-allow-methods")!, /POST/);

    // The real request, as the browser sends it after the preflight.
    const ok = await post(server, initializeRequest(), {
      Origin: ORIGIN,
      Authorization: `Bearer ${TOKEN}`,
    });
    await ok.body?.cancel();
    assert.equal(ok.status, 200);
    assert.equal(ok.headers.get("access-control-allow-origin"), ORIGIN);
    const exposed = ok.headers.get("access-control-expose-headers")!.toLowerCase();
    assert.match(exposed, /mcp-session-id/);
    assert.ok(ok.headers.get("mcp-session-id"));

    // Without the token: 401 whose challenge the page may read.
    const refused = await post(server, initializeRequest(), { Origin: ORIGIN });
    await refused.body?.cancel();
    assert.equal(refused.status, 401);
    assert.equal(refused.headers.get("access-control-allow-origin"), ORIGIN);
    assert.match(refused.headers.get("access-control-expose-headers")!, /WWW-Authenticate/i);
    assert.match(refused.headers.get("www-authenticate")!, /^Bearer/);
  }, { AUTH_TOKEN: TOKEN, CORS_ORIGINS: ORIGIN });
});
