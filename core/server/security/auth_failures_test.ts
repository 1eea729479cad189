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
