/**
 * The longest closing tag (`</reasoning>`) split before its last character, after words were
 * passed on (`think_filter.ts`): still found, the words before it taken back as thought.
 *
 * @module
 */
import assert from "node:assert/strict";
import { ThinkFilter } from "./think_filter.ts";

Deno.test("a closing </reasoning> split before its '>' still ends a template-opened thought", () => {
  const filter = new ThinkFilter();
  assert.equal(filter.push("The user asks. </reasoning"), "The user asks. </reasoning");
  assert.equal(filter.takeBack(), false);
  assert.equal(filter.push(">Answer."), "Answer.");
  assert.equal(filter.takeBack(), true, "what was passed on was thought");
  assert.deepEqual(filter.end(), { rest: "", inBlock: false, thought: true });
});

Deno.test("a template-opened thought's </reasoning> split before its '>' is found", () => {
  const filter = new ThinkFilter({ opensInThought: true });
  assert.equal(filter.push("Pondering at length. </reasoning"), "");
  assert.equal(filter.push(">Answer."), "Answer.");
  assert.deepEqual(filter.end(), { rest: "", inBlock: false, thought: true });
});
