/**
 * MAX_SESSIONS_PER_CLIENT_PER_MIN end to end: one client address may open only so many sessions
 * a minute, REST `POST /api/sessions` and MCP `initialize` together, so it cannot take every place
 * under MAX_SESSIONS; past it 429, -32006 and Retry-After. Time from a manual clock.
 */
import assert from "node:assert/strict";
import { ManualClock } from "../core/clock.ts";
import {
  DEFAULT_REMOTE_SESSIONS_PER_MIN,
  SessionOpenings,
  sessionsPerMinuteOf,
} from "../core/server/security/session_openings.ts";
import { startServer } from "../core/server/server.ts";
import { MCP_INITIALIZE, testConfig, testLogger } from "./_helpers.ts";

const MCP_HEADERS = { "Content-Type": "application/json", Accept: "application/json" };

Deno.test("MAX_SESSIONS_PER_CLIENT_PER_MIN unset: off on loopback, 60 elsewhere; set: as set, 0 off", () => {
  assert.equal(testConfig().MAX_SESSIONS_PER_CLIENT_PER_MIN, undefined);
  const allowance = (env: Record<string, string>) => sessionsPerMinuteOf(testConfig(env));
  assert.equal(allowance({ SERVER_HOST: "127.0.0.1" }), 0);
  assert.equal(allowance({ SERVER_HOST: "::1" }), 0);
  assert.equal(allowance({ SERVER_HOST: "0.0.0.0" }), 60);
  assert.equal(DEFAULT_REMOTE_SESSIONS_PER_MIN, 60);
  assert.equal(allowance({ SERVER_HOST: "0.0.0.0", MAX_SESSIONS_PER_CLIENT_PER_MIN: "0" }), 0);
  assert.equal(allowance({ SERVER_HOST: "127.0.0.1", MAX_SESSIONS_PER_CLIENT_PER_MIN: "5" }), 5);
});

Deno.test("one client opening sessions past its allowance a minute gets 429 + Retry-After, REST and MCP alike", async () => {
  const clock = new ManualClock();
  const server = await startServer(
    testConfig({ MAX_SESSIONS_PER_CLIENT_PER_MIN: "3", MAX_SESSIONS: "100" }),
    { log: testLogger(), clock },
  );
  const openRest = () => fetch(`${server.apiUrl}/sessions`, { method: "POST" });
  const initialize = () =>
    fetch(server.mcpUrl, { method: "POST", headers: MCP_HEADERS, body: MCP_INITIALIZE });
  try {
    for (const open of [openRest, initialize, openRest]) {
      const response = await open();
      await response.body?.cancel();
      assert.ok(response.ok, String(response.status));
    }
    const rest = await openRest();
    assert.equal(rest.status, 429);
    assert.equal(rest.headers.get("retry-after"), "20", "one more each 60/3 s");
    const { error } = await rest.json();
    assert.equal(error.code, -32006);
    assert.equal(error.data.reason, "session_rate");
    assert.match(error.message, /3 a minute, MAX_SESSIONS_PER_CLIENT_PER_MIN/);
    const mcp = await initialize();
    assert.equal(mcp.status, 429);
    assert.equal(mcp.headers.get("retry-after"), "20");
    const body = await mcp.json();
    assert.equal(body.error.code, -32006);
    assert.equal(body.jsonrpc, "2.0");
    assert.equal(server.services.sessions.counts().total, 3, "the refused opened nothing");

    clock.advance(20_000);
    const later = await initialize();
    await later.body?.cancel();
    assert.equal(later.status, 200);
    assert.ok(later.headers.get("mcp-session-id"));
    const again = await openRest();
    await again.body?.cancel();
    assert.equal(again.status, 429, "one opening earned, one taken");
  } finally {
    await server.shutdown();
  }
});

Deno.test("an IPv6 client opening sessions is its /64: fresh addresses share its allowance", async () => {
  const server = await startServer(
    testConfig({ MAX_SESSIONS_PER_CLIENT_PER_MIN: "2", TRUSTED_PROXIES: "127.0.0.1" }),
    { log: testLogger(), clock: new ManualClock() },
  );
  const openFrom = async (client: string) => {
    const headers = { "X-Forwarded-For": client };
    const response = await fetch(`${server.apiUrl}/sessions`, { method: "POST", headers });
    await response.body?.cancel();
    return response.status;
  };
  try {
    assert.equal(await openFrom("2001:db8:9:9::1"), 201);
    assert.equal(await openFrom("2001:db8:9:9::2"), 201);
    assert.equal(await openFrom("2001:db8:9:9:8:7:6:5"), 429, "the same /64");
    assert.equal(await openFrom("2001:db8:9:a::1"), 201, "another /64: its own allowance");
  } finally {
    await server.shutdown();
  }
});

Deno.test("a clock stepped back does not take a client's allowance away", () => {
  let now = 1_700_000_000_000;
  const openings = new SessionOpenings(
    { MAX_SESSIONS_PER_CLIENT_PER_MIN: 60, SERVER_HOST: "0.0.0.0" },
    () => now,
  );
  assert.ok(openings.take("10.0.0.1").ok);
  now -= 3_600_000; // NTP steps the wall clock back an hour
  assert.ok(openings.take("10.0.0.1").ok, "59 of the minute's 60 are left");
  for (let i = 0; i < 58; i++) assert.ok(openings.take("10.0.0.1").ok);
  assert.deepEqual(openings.take("10.0.0.1"), { ok: false, retryAfterMs: 1_000 }, "then 1/s");
});
