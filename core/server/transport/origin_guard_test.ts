import assert from "node:assert/strict";
import { loadConfig } from "../../config.ts";
import { createOriginGuard } from "./origin_guard.ts";

function guardFor(env: Record<string, string> = {}) {
  return createOriginGuard(loadConfig({ env, dotenv: "" }));
}

function request(headers: Record<string, string>): Request {
  return new Request("http://127.0.0.1:8000/mcp", { method: "POST", headers });
}

Deno.test("loopback hosts pass on any port; other hosts are refused (DNS rebinding)", () => {
  const guard = guardFor();
  for (const host of ["localhost", "localhost:8000", "127.0.0.1:8000", "[::1]:8000", "LOCALHOST"]) {
    assert.equal(guard.refusal(request({ Host: host })), null, host);
  }
  for (
    const host of ["evil.example.com", "evil.example.com:8000", "127.0.0.1.evil.test", "[::2]"]
  ) {
    assert.match(guard.refusal(request({ Host: host }))!, /is not this server/, host);
  }
});

Deno.test("a request without Origin passes; the server's own pages pass; a foreign or opaque Origin is refused", () => {
  const guard = guardFor();
  assert.equal(guard.refusal(request({ Host: "127.0.0.1:8000" })), null);
  for (
    const origin of ["http://localhost:8080", "http://127.0.0.1:8000", "http://[::1]:8080"]
  ) {
    assert.equal(guard.refusal(request({ Host: "localhost", Origin: origin })), null, origin);
  }
  for (const origin of ["https://evil.example.com", "null", "file://", "chrome-extension://x"]) {
    assert.match(
      guard.refusal(request({ Host: "localhost", Origin: origin }))!,
      /may not call this server/,
      origin,
    );
  }
});

Deno.test("a localhost page on another port is refused, with the CORS_ORIGINS value to allow it", () => {
  const guard = guardFor();
  for (const origin of ["http://localhost:5173", "https://127.0.0.1", "http://[::1]:3000"]) {
    assert.equal(guard.allowsOrigin(origin), false, origin);
    const refusal = guard.refusal(request({ Host: "127.0.0.1:8000", Origin: origin }));
    assert.match(refusal!, /may not call this server: to allow it, set CORS_ORIGINS=/, origin);
    assert.ok(refusal!.includes(`CORS_ORIGINS=${new URL(origin).origin} `), refusal!);
  }
  const exact = guardFor({ CORS_ORIGINS: "http://localhost:5173" });
  assert.equal(exact.allowsOrigin("http://localhost:5173"), true);
  assert.equal(exact.allowsOrigin("http://localhost:5174"), false);
  const anyPort = guardFor({ CORS_ORIGINS: "http://localhost:*" });
  assert.equal(anyPort.allowsOrigin("http://localhost:5173"), true);
  assert.equal(anyPort.allowsOrigin("http://localhost"), true);
  assert.equal(anyPort.allowsOrigin("https://localhost:5173"), false, "the scheme still counts");
  assert.equal(anyPort.allowsOrigin("http://127.0.0.1:5173"), false, "and the host");
});

Deno.test("ports 0: the ports actually listened on count; a page of the origin it calls passes", () => {
  const listened: number[] = [];
  const guard = createOriginGuard(
    loadConfig({ env: { SERVER_PORT: "0", API_PORT: "0" }, dotenv: "" }),
    { ports: () => listened },
  );
  assert.equal(guard.allowsOrigin("http://127.0.0.1:41000"), false);
  assert.equal(guard.allowsOrigin("http://127.0.0.1:0"), false);
  listened.push(41000, 41001);
  assert.equal(guard.allowsOrigin("http://127.0.0.1:41000"), true);
  assert.equal(guard.allowsOrigin("http://localhost:41001"), true);
  assert.equal(guard.allowsOrigin("http://localhost:41002"), false);
  // Same origin as the Host the browser called (the dashboard behind a proxy on port 443).
  const proxied = guardFor({ ALLOWED_HOSTS: "persona.lan" });
  assert.equal(
    proxied.refusal(request({ Host: "persona.lan", Origin: "https://persona.lan" })),
    null,
  );
  assert.notEqual(
    proxied.refusal(request({ Host: "persona.lan", Origin: "https://persona.lan:4443" })),
    null,
  );
});

Deno.test("CORS_ORIGINS, ALLOWED_HOSTS and a concrete SERVER_HOST widen the lists", () => {
  const guard = guardFor({
    SERVER_HOST: "192.168.1.5",
    ALLOWED_HOSTS: "persona.lan",
    CORS_ORIGINS: "https://game.example",
  });
  assert.equal(guard.refusal(request({ Host: "192.168.1.5:8000" })), null);
  assert.equal(guard.refusal(request({ Host: "persona.lan" })), null);
  assert.equal(guard.allowsOrigin("https://game.example"), true);
  assert.equal(guard.allowsOrigin("http://persona.lan:8080"), true, "API_PORT's default");
  assert.equal(guard.allowsOrigin("http://persona.lan:3000"), false, "not another port");
  assert.equal(guard.allowsOrigin("https://other.example"), false);

  // Binding every interface does not make every Host name acceptable; `*` does.
  const wildcard = guardFor({ SERVER_HOST: "0.0.0.0" });
  assert.notEqual(wildcard.refusal(request({ Host: "0.0.0.0:8000" })), null);
  const any = guardFor({ SERVER_HOST: "0.0.0.0", ALLOWED_HOSTS: "*" });
  assert.equal(any.refusal(request({ Host: "my-laptop:8000" })), null);
  assert.notEqual(
    any.refusal(request({ Host: "my-laptop", Origin: "https://evil.example.com" })),
    null,
    "ALLOWED_HOSTS=* opens Host, never Origin",
  );
  // A DNS-rebinding page: its Origin is its own (rebound) Host, which `*` accepts.
  for (const host of ["evil.example.com:8000", "evil.example.com"]) {
    assert.match(
      any.refusal(request({ Host: host, Origin: `http://${host}` }))!,
      /may not call this server/,
      `ALLOWED_HOSTS=*: Origin == Host (${host}) is no proof of being the server's own page`,
    );
  }
});
