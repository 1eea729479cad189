/** The runner's outage pause: doubles per waiting outcome up to its cap, cleared by a done job. */
import assert from "node:assert/strict";
import { OutagePause, PAUSE_BASE_MS, PAUSE_CAP_MS } from "./backoff.ts";

Deno.test("the outage pause doubles from one second to its one-minute cap, and a done job clears the streak", () => {
  assert.equal(PAUSE_BASE_MS, 1_000);
  assert.equal(PAUSE_CAP_MS, 60_000);
  const pause = new OutagePause();
  assert.equal(pause.until, 0);
  assert.deepEqual([1, 2, 3].map(() => pause.lengthen(100)), [1_000, 2_000, 4_000]);
  assert.equal(pause.until, 4_100);
  for (let i = 0; i < 10; i++) pause.lengthen(0);
  assert.equal(pause.lengthen(500), 60_000);
  assert.equal(pause.until, 60_500);
  pause.clear();
  assert.equal(pause.lengthen(0), 1_000);
});
