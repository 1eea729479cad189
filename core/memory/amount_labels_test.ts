import assert from "node:assert/strict";
import { amountLabel, labelsDiffer, SUCCESSION } from "./amount_labels.ts";

/** The label of the first "£" amount of `text`. */
function labelOf(text: string) {
  return amountLabel(text, text.indexOf("£"));
}

Deno.test("amountLabel reads the content words right before an amount, in its clause", () => {
  assert.deepEqual(labelOf("car insurance is £600 a year"), {
    head: "insurance",
    headStem: "insur",
    modifier: "car",
  });
  assert.deepEqual(labelOf("Netflix £10.99 a month"), {
    head: "Netflix",
    headStem: "netflix",
    modifier: "",
  });
  assert.equal(labelOf("jayden's moving to Headingley, £575 a month"), undefined, "a clause");
  assert.equal(labelOf("the new rent is £600")?.modifier, "", "an adjective of succession");
  assert.ok(SUCCESSION.has("new") && SUCCESSION.has("current"));
});

Deno.test("labelsDiffer: the same head narrowed otherwise, or a name the older line never says", () => {
  const older = (text: string) => ({ text, label: labelOf(text) });
  assert.ok(labelsDiffer(older("car insurance £45 a month"), labelOf("home insurance £30")));
  assert.ok(labelsDiffer(older("phone plan £12 a month"), labelOf("Netflix £10.99 a month")));
  assert.ok(!labelsDiffer(older("car insurance £45 a month"), labelOf("car insurance £50")));
  assert.ok(!labelsDiffer(older("car insurance £45 a month"), labelOf("insurance now £50")));
  assert.ok(!labelsDiffer(older("Netflix £10.99 a month"), labelOf("Netflix £12.99 a month")));
  assert.ok(!labelsDiffer(older("the old rent £520"), labelOf("the new rent £600")));
  assert.ok(!labelsDiffer(older("rent £520"), undefined), "no label says nothing");
});
