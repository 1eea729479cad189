/**
 * Pins of amount_labels.ts that mutation testing (mut63) found loose: the label is read in the
 * LABEL_CHARS (48) characters before the amount, from just after the clause's last end mark
 * ("?" among them, and no letter before the mark).
 */
import assert from "node:assert/strict";
import { amountLabel } from "./amount_labels.ts";

const labelOf = (text: string) => amountLabel(text, text.indexOf("£"));

Deno.test("the label is read from 48 characters before the amount, not one more or less", () => {
  const text = `zcar insurance${" ".repeat(35)}£45`;
  assert.equal(text.indexOf("£") - text.indexOf("c"), 48);
  assert.deepEqual(labelOf(text), { head: "insurance", headStem: "insur", modifier: "car" });
});

Deno.test("a question mark ends the clause the label is read in", () => {
  assert.equal(labelOf("Guess what? £45"), undefined);
});

Deno.test("the clause starts right after its end mark", () => {
  assert.deepEqual(labelOf("Rent and tax,insurance £45"), {
    head: "insurance",
    headStem: "insur",
    modifier: "",
  });
  assert.deepEqual(labelOf("Moving,car insurance £45"), {
    head: "insurance",
    headStem: "insur",
    modifier: "car",
  });
});

Deno.test("a label's word may be one letter", () => {
  assert.deepEqual(labelOf("plan B £10"), { head: "B", headStem: "b", modifier: "plan" });
});
