import assert from "node:assert/strict";
import { measurementPlan } from "./bench/chat_rounds.ts";

Deno.test("measurementPlan: one round of two stacks still opens with the unmeasured lead-in", () => {
  const plan = measurementPlan({ count: 2, rounds: 1, sessions: [4] });
  assert.deepEqual(plan.map(({ stack, measured }) => [stack, measured]), [
    [1, false],
    [0, true],
    [1, true],
  ]);
});
