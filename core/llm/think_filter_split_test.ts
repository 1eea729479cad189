/**
 * The longest closing tag (`</reasoning>`) split before its last character on its own line
 * (`think_filter.ts`): still found, in a reply held back and in one streamed.
 *
 * @module
 */
import assert from "node:assert/strict";
import { ThinkFilter } from "./think_filter.ts";

Deno.test("a closing </reasoning> split before its '>' is found, held back or streamed", () => {
  // Held back (a learned model): the thought comes out.
  const held = new ThinkFilter({ opensInThought: true });
  assert.equal(held.push("Pondering at length.\n</reasoning"), "");
  assert.equal(held.push(">\nAnswer."), "Answer.");
  const heldEnd = held.end();
  assert.deepEqual([heldEnd.thought, heldEnd.templateThought], [true, true]);
  // Streamed: seen (for learning), and what went out stays.
  const live = new ThinkFilter();
  assert.equal(live.push("The user asks.\n</reasoning"), "The user asks.\n</reasoning");
  assert.equal(live.push(">\nAnswer."), ">\nAnswer.");
  const liveEnd = live.end();
  assert.deepEqual([liveEnd.rest, liveEnd.thought, liveEnd.templateThought], ["", false, true]);
});

Deno.test("every split of a reply reads as the whole reply does, held back or streamed", () => {
  const replies = [
    "Okay, the user greets me.\n</think>\n\nHello there.",
    "\n</think>\n\nHi.",
    "Use the closing tag like this: </think> is how a block ends.",
    "Like this:\n```\n</think>\n```\nDone.",
    "<think><think>x</think>leak?</think>After nested.",
    "a\r\n</THINKING>\r\nb",
  ];
  for (const options of [{}, { holdBack: true }, { opensInThought: true }]) {
    for (const reply of replies) {
      const whole = new ThinkFilter(options);
      const expected = { text: whole.push(reply), end: whole.end() };
      for (let at = 0; at <= reply.length; at++) {
        const filter = new ThinkFilter(options);
        const text = filter.push(reply.slice(0, at)) + filter.push(reply.slice(at));
        const end = filter.end();
        assert.deepEqual({ text, end }, expected, `${JSON.stringify(reply)} split at ${at}`);
      }
    }
  }
});
