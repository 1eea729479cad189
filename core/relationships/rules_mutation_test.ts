/**
 * Pins of the relationship rules that mutation testing (mut48) found loose: each assertion fails
 * under one small change of rules.ts that the other tests let through.
 */
import assert from "node:assert/strict";
import { interactionDeltas } from "./rules.ts";

function near(actual: number, expected: number, label: string) {
  assert.ok(Math.abs(actual - expected) < 1e-12, `${label}: ${actual} is not ${expected}`);
}

Deno.test("a good talk short of perfect wins trust at ×0.8, not the ×1.25 of a bad one", () => {
  // Only quality 1 was pinned: `q < 1 ? 1.25 : 0.8` gave every other good talk the loss factor.
  const fair = interactionDeltas({ quality: 0.5, duration_minutes: 30, context: "conversation" });
  near(fair.trust, 0.12 * 0.5 * 0.75 * 0.8, "quality 0.5");
  const slight = interactionDeltas({ quality: 0.1, duration_minutes: 30, context: "conversation" });
  near(slight.trust, 0.12 * 0.1 * 0.55 * 0.8, "quality 0.1");
});
