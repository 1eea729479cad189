import assert from "node:assert/strict";
import { Deadline, OutOfTime, PLAIN_KEYS_PER_CLOCK_READ } from "./time_budget.ts";

Deno.test("a spent deadline throws at every check after, plain keys' too, one error for them all", () => {
  let now = 0;
  let reads = 0;
  const deadline = new Deadline({
    ms: 10,
    now: () => (reads++, now),
  });
  deadline.check();
  assert.equal(deadline.passed, false);
  now = 11;
  assert.throws(() => deadline.check(), OutOfTime);
  assert.equal(deadline.passed, true);
  const readsWhenSpent = reads;
  const thrown = new Set<unknown>();
  // Past the budget no key is looked for, the plain ones between two clock reads neither.
  for (let i = 0; i < 2 * PLAIN_KEYS_PER_CLOCK_READ; i++) {
    for (const plain of [true, false]) {
      try {
        deadline.check(plain);
        assert.fail(`check ${i} (${plain ? "plain" : "regex"}) passed a spent deadline`);
      } catch (error) {
        assert.ok(error instanceof OutOfTime);
        thrown.add(error);
      }
    }
  }
  assert.equal(thrown.size, 1, "one error, not one (and its stack) per entry");
  assert.equal(reads, readsWhenSpent, "the clock is not read again");
});
