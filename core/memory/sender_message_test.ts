import assert from "node:assert/strict";
import { senderMessage } from "./sender_message.ts";
import { namesOfText } from "./update_facts.ts";
import { rankedAfter } from "./testing/ranked_after.ts";

Deno.test("sender message: a kept exchange's message, any other text whole", () => {
  assert.equal(
    senderMessage("Kai said: we booked Leeds Town Hall\nMira replied: Gorgeous! When is it?"),
    "we booked Leeds Town Hall",
  );
  // A message holding " said: " itself ends at the reply's line, not before.
  assert.equal(
    senderMessage("Kai said: Mum said: no\nMira replied: Oh dear."),
    "Mum said: no",
  );
  // A reply line the sender quoted stays in the message: the persona's reply is the last.
  assert.equal(
    senderMessage("Theo said: I texted Dad\nDad replied: sure, come over\nJuno replied: Lovely!"),
    "I texted Dad\nDad replied: sure, come over",
  );
  // A remark that reports what someone said is no exchange (no reply line).
  const remark = "Dev said: the Leadmill is closing";
  assert.equal(senderMessage(remark), remark);
  assert.equal(senderMessage("I play bass in The Low Tides"), "I play bass in The Low Tides");
});

Deno.test("sender message: an exchange's names for updates are its message's, not the reply's", () => {
  const names = namesOfText(
    "Kai said: Mum was a nurse at Jimmy's for 30 years\nMira replied: Proper Leeds! Does she miss it?",
  );
  assert.ok(!names.has("leeds"));
  assert.ok(names.has("jimmy's") || names.has("jimmy"), [...names.keys()].join());
});

Deno.test("search: a reply's echo of a name makes no update of a fact naming it (real SQLite)", async () => {
  // Without the reading, the reply's "Leeds" was a name both shared, and "retired now" told the
  // change that made the exchange the update of the half-marathon fact.
  const ranked = await rankedAfter(
    [
      "Kai's running the Leeds half marathon on 3 May",
      "Kai said: Mum was a nurse at Jimmy's for 30 years, she's retired now\nMira replied: Proper Leeds! Does she miss it?",
    ],
    "when's the Leeds half",
  );
  assert.deepEqual(ranked, [0, 1]);
});
