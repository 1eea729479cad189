/** The text factors' shares are pinned (mut59): each is documented with the figures it was chosen by. */
import assert from "node:assert/strict";
import {
  ANSWER_TYPE,
  CHANGE_TOLD,
  GROUP_PERSPECTIVE,
  INTENT,
  NOTE_HEAD,
  PERSPECTIVE,
  RELATIVE_SUBJECT,
  UNNAMED,
} from "./text_factor_shares.ts";

Deno.test("text factor shares: voice 0.4, the group's voice 0.2, a relative as subject as the group's", () => {
  assert.equal(PERSPECTIVE, 0.4);
  assert.equal(GROUP_PERSPECTIVE, 0.2);
  assert.equal(RELATIVE_SUBJECT, 0.2);
});

Deno.test("text factor shares: answer type 0.1, intent 0.1, unnamed 0.2, change told 0.2, note head 0.2", () => {
  assert.equal(ANSWER_TYPE, 0.1);
  assert.equal(INTENT, 0.1);
  assert.equal(UNNAMED, 0.2);
  assert.equal(CHANGE_TOLD, 0.2);
  assert.equal(NOTE_HEAD, 0.2);
});
