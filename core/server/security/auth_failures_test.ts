import assert from "node:assert/strict";
import { AUTH_FAILURE_BURST, AuthFailures, REMEMBERED_FAILED_TOKENS } from "./auth_failures.ts";

function fakeClock() {
  const clock = { ms: 0, now: () => clock.ms };
  return clock;
}

Deno.test("an address is admitted until it has failed AUTH_FAILURE_BURST times, then once a second", () => {
  const clock = fakeClock();
  const lines: Array<Record<string, unknown>> = [];
  const failures = new AuthFailures({
    now: clock.now,
    log: { warn: (_message, fields) => lines.push(fields ?? {}) },
  });
  for (let i = 0; i < AUTH_FAILURE_BURST; i++) {
    assert.equal(failures.admit("10.0.0.1", "rest").ok, true);
    failures.failed("10.0.0.1", "rest", "wrong");
  }
  const refused = failures.admit("10.0.0.1", "rest");
  assert.deepEqual(refused, { ok: false, retryAfterMs: 1000 });
  assert.equal(failures.admit("10.0.0.2", "rest").ok, true, "other addresses are untouched");
  clock.ms += 1000;
  assert.equal(failures.admit("10.0.0.1", "rest").ok, true, "one more a second");
  // One line for the first failure; the rest within the minute are counted, not logged.
  assert.equal(lines.length, 1);
  assert.equal(lines[0]!.client, "10.0.0.1");
  clock.ms += 60_000;
  failures.failed("10.0.0.1", "jsonrpc", "missing");
  assert.equal(lines.length, 2);
  assert.equal(lines[1]!.api, "/mcp");
  // Since the first line: 19 more failures and one refusal.
  assert.equal(lines[1]!.refused_since_last_line, AUTH_FAILURE_BURST);
});

Deno.test("only new wrong tokens are counted; the last REMEMBERED_FAILED_TOKENS are known per address", () => {
  const failures = new AuthFailures({ now: fakeClock().now });
  failures.failed("10.0.0.1", "rest", "wrong", "stale");
  assert.equal(failures.repeated("10.0.0.1", "stale"), true);
  assert.equal(failures.repeated("10.0.0.2", "stale"), false, "per address");
  for (let i = 0; i < AUTH_FAILURE_BURST * 2; i++) {
    failures.failed("10.0.0.2", "rest", "missing");
    failures.failed("10.0.0.2", "rest", "repeated");
  }
  assert.equal(failures.admit("10.0.0.2", "rest").ok, true, "missing and repeated are not counted");
  for (let i = 0; i < REMEMBERED_FAILED_TOKENS; i++) {
    failures.failed("10.0.0.1", "rest", "wrong", `new-${i}`);
  }
  assert.equal(failures.repeated("10.0.0.1", "stale"), false, "the oldest is forgotten");
  assert.equal(failures.repeated("10.0.0.1", `new-${REMEMBERED_FAILED_TOKENS - 1}`), true);
});

Deno.test("a client is its network: an IPv6 /64 shares one allowance, an IPv4-mapped address is its IPv4", () => {
  const lines: Array<Record<string, unknown>> = [];
  const failures = new AuthFailures({
    now: fakeClock().now,
    log: { warn: (_message, fields) => lines.push(fields ?? {}) },
  });
  // Every guess from a fresh address of one /64, as whoever holds the /64 can send them.
  for (let i = 0; i < AUTH_FAILURE_BURST; i++) {
    const address = `2001:db8:1:2:${(i + 1).toString(16)}::${i + 7}`;
    assert.equal(failures.admit(address, "rest").ok, true, address);
    failures.failed(address, "rest", "wrong", `guess-${i}`);
  }
  assert.equal(failures.admit("2001:db8:1:2:ffff:ffff:ffff:ffff", "rest").ok, false, "same /64");
  assert.equal(failures.admit("2001:DB8:1:2::1", "jsonrpc").ok, false, "any spelling of it");
  assert.equal(
    failures.repeated("2001:db8:1:2::abcd", `guess-${AUTH_FAILURE_BURST - 1}`),
    true,
    "its failed tokens too",
  );
  assert.equal(
    failures.admit("2001:db8:1:3::1", "rest").ok,
    true,
    "the next /64 is another client",
  );
  assert.equal(lines[0]!.client, "2001:db8:1:2::/64", "logged as its network");

  for (let i = 0; i < AUTH_FAILURE_BURST; i++) failures.failed("::ffff:192.0.2.9", "rest", "wrong");
  assert.equal(failures.admit("192.0.2.9", "rest").ok, false, "mapped and plain IPv4: one client");
  assert.equal(failures.admit("192.0.2.10", "rest").ok, true, "IPv4 counts each address");
});
