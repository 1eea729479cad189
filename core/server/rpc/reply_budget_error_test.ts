/**
 * An error answer too large to send keeps its code (attack18 F7): it was replaced by -32005
 * "Reply too large: the result ... ran: true", which says a call ran that failed.
 */
import assert from "node:assert/strict";
import { failure } from "./envelope.ts";
import { serializeOne, serializeWithin } from "./reply_budget.ts";

const huge = failure(7, {
  code: -32602,
  message: `No room "${"😀".repeat(600_000)}"`,
  data: { fields: [{ field: "room_id", message: "x".repeat(100_000) }] },
});

Deno.test("an error too large to send keeps its code and the head of its message", async () => {
  for (
    const { reply, text } of [serializeOne(huge, 65_536), await serializeWithin([huge], 65_536)]
  ) {
    const one = Array.isArray(reply) ? reply[0]! : reply!;
    assert.ok("error" in one && one.error);
    assert.equal(one.error.code, -32602);
    assert.ok(one.error.message.startsWith('No room "😀'));
    assert.ok(one.error.message.length <= 1001);
    assert.ok(one.error.message.isWellFormed(), "cut between characters");
    assert.equal(one.error.data, undefined);
    assert.equal(one.id, 7);
    assert.ok(text!.length < 2000);
  }
});
