import assert from "node:assert/strict";
import { opensWithVerb } from "./told_events.ts";

Deno.test("a name ending in '-ed' that a verb follows opens no remark without its subject (review39 R7)", () => {
  for (
    const text of [
      "Fred got a new job at the bank.",
      "Ahmed is my neighbour.",
      "United won the cup.",
      "Spirited Away",
    ]
  ) assert.ok(!opensWithVerb(text), text);
  // A verb in the past, capitalised or not, still opens one.
  for (
    const text of [
      "Watched a documentary about the NHS in the seventies.",
      "Moved to Leeds last week.",
      "Bored at work again.",
      "Finally moved to Leeds",
      "CLOSED ON MY FIRST HOUSE!!!",
    ]
  ) assert.ok(opensWithVerb(text), text);
});
