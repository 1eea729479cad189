/**
 * Pins how restated_quantities.ts finds the sentence an amount stands in (`sentenceSubject`),
 * which mutation testing (mut63) found loose: the sentence is looked for SENTENCE_CHARS (200)
 * back from the amount; an article opening it names the amount's thing, whether the text is
 * one sentence, the amount's sentence follows a long one, or its sentence's end is exactly 200
 * characters back. Past that, no opening is read.
 */
import assert from "node:assert/strict";
import { restatesQuantity } from "./restated_quantities.ts";

const older = "I pay £520 a month for my room.";

Deno.test("a text of one sentence an article opens: the amount is that thing's", () => {
  assert.ok(!restatesQuantity(older, "The parking costs £600 a month."));
  assert.ok(restatesQuantity(older, "Now it costs £600 a month."), "no article: a new value");
});

Deno.test("an amount's sentence after a long one: its own opening names its thing", () => {
  const long = `My week ${"went on and on ".repeat(14)}.`;
  assert.ok(long.length > 200);
  assert.ok(!restatesQuantity(older, `${long} The parking costs £600 a month.`));
});

Deno.test("a sentence's end exactly SENTENCE_CHARS (200) back opens the amount's sentence; 201 back, none", () => {
  const text = (gap: number) => `aaaaaaaaaa. The parking ${"y".repeat(gap)} costs £600 a month.`;
  const atEdge = text(179);
  assert.equal(atEdge.indexOf("£") - atEdge.indexOf("."), 200);
  assert.ok(!restatesQuantity(older, atEdge), "the end is read: the parking's amount");
  assert.ok(restatesQuantity(older, text(180)), "no opening read past 200 characters");
});

Deno.test("no sentence end within 200 characters and the text starts further back: no opening is read", () => {
  // The window starts one character in, at " The parking": still not the sentence's start.
  const text = `x The parking ${"y".repeat(180)} costs £600 a month.`;
  assert.equal(text.indexOf("£"), 201);
  assert.ok(restatesQuantity(older, text));
});

Deno.test("the head is the article's next word, not the words after it", () => {
  // "parking" names the newer fee's thing, which the older text never says; its next word
  // ("fee") is the older one's, which must not make the amounts one thing's.
  assert.ok(!restatesQuantity("The fee is £45 a month.", "The parking fee costs £60 a month."));
  assert.ok(restatesQuantity("The fee is £45 a month.", "The fee costs £60 a month now."));
});
