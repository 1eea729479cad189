/**
 * Edges of the lock wait (`sqlite_lock_wait.ts`) no other test pins (mutation review, session
 * 27): a clock set back while a call waits ends the wait instead of stretching it by the jump,
 * and a call refused for a held lock tells the client to come back in the second
 * `core/storage/README.md` documents (`Retry-After: 1`).
 *
 * @module
 */
import assert from "node:assert/strict";
import { Busy } from "../errors.ts";
import { retryAfterSeconds } from "../server/security/refusals.ts";
import { lockedBusy, LockWait } from "./sqlite_lock_wait.ts";

Deno.test("a clock set back while a call waits for a lock ends the wait with Busy", async () => {
  const realNow = Date.now;
  let now = 5_000_000;
  Date.now = () => now;
  try {
    const wait = new LockWait(5_000);
    // An hour back: waiting "until 5 s have passed" would now take an hour and more.
    now -= 3_600_000;
    const error = await wait.pause().then(() => undefined, (thrown) => thrown);
    assert.ok(error instanceof Busy, "refused at once, not paused");
    assert.equal((error.data as { waited_ms: number }).waited_ms, 0);
  } finally {
    Date.now = realNow;
  }
});

Deno.test("a call refused for another's lock is told to retry in one second", () => {
  const error = lockedBusy(1234.4);
  assert.deepEqual(error.data, {
    reason: "database_locked",
    waited_ms: 1234,
    retry_after_ms: 1_000,
  });
  assert.equal(retryAfterSeconds((error.data as { retry_after_ms: number }).retry_after_ms), 1);
});
