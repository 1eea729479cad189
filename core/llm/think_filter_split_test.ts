/**
 * The longest closing tag (`</reasoning>`) split before its last character on its own line
 * (`think_filter.ts`): still found, in a reply held back and in one streamed.
 *
 * @module
 */
import assert from "node:assert/strict";
import { ThinkFilter } from "./think_filter.ts";

Deno.test("a template-opened thought's </reasoning> split before its '>' is found", () => {
  const filter = new ThinkFilter({ opensInThought: true });
  assert.equal(filter.push("Pondering at length.\n</reasoning"), "");
  assert.equal(filter.push(">\nAnswer."), "Answer.");
  assert.deepEqual(filter.end(), {
    rest: "",
    inBlock: false,
    thought: true,
    templateThought: true,
  });
});

Deno.test("a streamed reply's </reasoning> split before its '>' is seen, and stays", () => {
  const filter = new ThinkFilter();
  assert.equal(filter.push("The user asks.\n</reasoning"), "The user asks.\n</reasoning");
  assert.equal(filter.push(">\nAnswer."), ">\nAnswer.");
  assert.deepEqual(filter.end(), {
    rest: "",
    inBlock: false,
    thought: false,
    templateThought: true,
  });
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
