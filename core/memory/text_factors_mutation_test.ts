import assert from "node:assert/strict";
import { UNNAMED } from "./text_factor_shares.ts";
import { TextFactors } from "./text_factors.ts";
import { NO_REFERENT } from "./unnamed_referents.ts";
import { sampleRecord } from "./testing/record_fixture.ts";

Deno.test("a remark opening with a past verb holds the chat speaker's name; another remark does not", () => {
  const factors = new TextFactors({ names: ["sam"], speakers: ["sam"] });
  const opensWithVerb = sampleRecord({ id: "v", content: "Quit the cinema job last week" });
  assert.equal(factors.named(opensWithVerb), 1);
  const other = sampleRecord({ id: "o", content: "The cinema closed last week" });
  // It speaks of no person either (`unnamed_referents.ts`).
  assert.equal(factors.named(other), (1 - UNNAMED) * (1 - NO_REFERENT));
});
