import assert from "node:assert/strict";
import { awaitsChild } from "./awaiting_states.ts";

Deno.test("awaitsChild: every word of NO_OBJECT after 'expecting' means the child", () => {
  for (const after of ["again", "soon", "in May", "this summer", "next spring"]) {
    assert.equal(awaitsChild(`we're expecting ${after}!`), true, after);
  }
});

Deno.test("awaitsChild: every present form of 'to be' nearer than a past one tells the state now", () => {
  for (const now of ["I am pregnant", "I'm pregnant", "she is pregnant", "she's pregnant"]) {
    assert.equal(awaitsChild(`I was thrilled that ${now}`), true, now);
  }
  for (const now of ["we are expecting", "we're expecting"]) {
    assert.equal(awaitsChild(`I was thrilled that ${now}`), true, now);
  }
});
