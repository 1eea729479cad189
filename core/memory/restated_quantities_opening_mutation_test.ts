/**
 * Pins ARTICLE_OPENING in restated_quantities.ts, which mutation testing (mut63) found loose: an
 * article opens a sentence at the text's start, a whole word ("Anyway" is none), then its head
 * after one or more spaces; the head may be one letter; a head of its own needs no word after
 * it; after an adjective of succession the next word, one or more spaces on, is the head.
 */
import assert from "node:assert/strict";
import { restatesQuantity } from "./restated_quantities.ts";

const room = "I pay £520 a month for my room.";

Deno.test("an article opens a sentence at the text's very start and only as a whole word", () => {
  assert.ok(!restatesQuantity(room, "The parking costs £60 a month."));
  assert.ok(restatesQuantity(room, "Anyway rent is £600 a month now."), "'An' opens no 'yway'");
});

Deno.test("the head may follow the article after more than one space, and be one letter", () => {
  assert.ok(!restatesQuantity(room, "The  parking costs £60 a month."));
  assert.ok(!restatesQuantity(room, "The X costs £60 a month."));
  assert.ok(!restatesQuantity(room, "The new X costs £600 a month."));
});

Deno.test("a head needs no word after it; after 'new' the head may be more than one space on", () => {
  assert.ok(!restatesQuantity(room, "The parking: £60 a month."));
  assert.ok(!restatesQuantity(room, "The new  parking costs £600 a month."));
});
