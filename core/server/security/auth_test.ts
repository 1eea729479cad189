import assert from "node:assert/strict";
import { ConfigError } from "../../config.ts";
import {
  assertSafeExposure,
  createAuthGate,
  isLoopbackHost,
  presentedToken,
  tokenMatches,
} from "./auth.ts";

const TOKEN = "correct-horse-battery-staple";

Deno.test("loopback is 127.0.0.0/8, ::1 and localhost; 0.0.0.0, :: and LAN addresses are not", () => {
  for (const host of ["127.0.0.1", "127.1.2.3", "localhost", "LOCALHOST", "::1", "[::1]"]) {
    assert.ok(isLoopbackHost(host), host);
  }
  for (
    const host of ["0.0.0.0", "::", "[::]", "192.168.1.10", "10.0.0.1", "example.com", "128.0.0.1"]
  ) {
    assert.ok(!isLoopbackHost(host), host);
  }
});

Deno.test("listening beyond loopback without AUTH_TOKEN is a configuration error", () => {
  const exposure = (SERVER_HOST: string, AUTH_TOKEN: string, ALLOWED_HOSTS: string[] = []) =>
    assertSafeExposure({ SERVER_HOST, AUTH_TOKEN, ALLOWED_HOSTS });
  assert.throws(
    () => exposure("0.0.0.0", ""),
    (error: Error) => error instanceof ConfigError && /needs AUTH_TOKEN/.test(error.message),
  );
  assert.throws(() => exposure("192.168.1.5", ""));
  exposure("0.0.0.0", TOKEN);
  exposure("127.0.0.1", "");
  exposure("::1", "");
});

Deno.test("ALLOWED_HOSTS=* without AUTH_TOKEN is a configuration error (DNS rebinding)", () => {
  assert.throws(
    () => assertSafeExposure({ SERVER_HOST: "127.0.0.1", AUTH_TOKEN: "", ALLOWED_HOSTS: ["*"] }),
    (error: Error) =>
      error instanceof ConfigError &&
      /^Invalid setting ALLOWED_HOSTS=\*: .*DNS rebinding.*needs AUTH_TOKEN/.test(error.message),
  );
  assertSafeExposure({ SERVER_HOST: "127.0.0.1", AUTH_TOKEN: TOKEN, ALLOWED_HOSTS: ["*"] });
  assertSafeExposure({ SERVER_HOST: "127.0.0.1", AUTH_TOKEN: "", ALLOWED_HOSTS: ["persona.lan"] });
});

Deno.test("tokens match only when equal, whatever their lengths", () => {
  assert.ok(tokenMatches(TOKEN, TOKEN));
  assert.ok(!tokenMatches(TOKEN, `${TOKEN}x`));
  assert.ok(!tokenMatches(TOKEN, TOKEN.slice(0, -1)));
  assert.ok(!tokenMatches(TOKEN, ""));
  assert.ok(!tokenMatches(TOKEN, TOKEN.toUpperCase()));
});

Deno.test("the token comes from Authorization: Bearer, or ?token= only where allowed", () => {
  const bearer = new Request("http://x/mcp", { headers: { Authorization: `bearer  ${TOKEN}` } });
  assert.equal(presentedToken(bearer), TOKEN);
  const basic = new Request("http://x/mcp", { headers: { Authorization: `Basic ${TOKEN}` } });
  assert.equal(presentedToken(basic), null);
  const query = new Request(`http://x/mcp?token=${TOKEN}`);
  assert.equal(presentedToken(query), null, "not from the query unless allowed");
  assert.equal(presentedToken(query, { query: true }), TOKEN);
});

Deno.test("the gate passes everything without a token and only the right token with one", () => {
  const open = createAuthGate({ AUTH_TOKEN: "" });
  assert.equal(open.enabled, false);
  assert.equal(open.refusal(new Request("http://x/")), null);

  const gate = createAuthGate({ AUTH_TOKEN: TOKEN });
  assert.match(gate.refusal(new Request("http://x/"))!, /Authorization: Bearer/);
  const wrong = new Request("http://x/", { headers: { Authorization: "Bearer nope" } });
  assert.equal(gate.refusal(wrong), "the token is wrong");
  const right = new Request("http://x/", { headers: { Authorization: `Bearer ${TOKEN}` } });
  assert.equal(gate.refusal(right), null);
  assert.match(gate.refusal(new Request("http://x/"), { query: true })!, /\?token=/);
});
