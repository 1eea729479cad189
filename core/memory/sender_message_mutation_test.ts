import assert from "node:assert/strict";
import { senderMessage } from "./sender_message.ts";

Deno.test("sender message: an exchange whose message is empty gives an empty message, not the reply", () => {
  assert.equal(senderMessage("Kai said: \nMira replied: Hello?"), "");
});
