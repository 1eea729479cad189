import assert from "node:assert/strict";
import { asksIntent, tellsIntent } from "./intent.ts";

Deno.test("a memory tells a wish, a plan or a need; a question may ask about one", () => {
  assert.ok(tellsIntent("I want to learn to sail before I turn forty."));
  assert.ok(tellsIntent("I am planning to run for the town council next year."));
  assert.ok(tellsIntent("I really should start going to the gym again."));
  assert.ok(tellsIntent("We would  like a bigger garden"), "any spacing");
  assert.ok(tellsIntent("I NEED TO renew my passport"), "any case");
  assert.ok(tellsIntent("I'd love to see the northern lights"), "a contraction");
  assert.ok(!tellsIntent("I like to swim before work"), "a habit is a fact");
  assert.ok(!tellsIntent("We hiked like mad"), "no 'd like'");
  assert.ok(!tellsIntent("I've needed reading glasses since I turned forty."), "need: a fact");
  assert.ok(!tellsIntent("We're planning a surprise party for her."), "planning a ...: a fact");
  assert.ok(!tellsIntent("My birthday is in May."), "may: a month");
  assert.ok(!tellsIntent("I play the cello."));
  assert.ok(!tellsIntent("Wanda hoped nothing"), "whole words");
  assert.ok(asksIntent("What do I want to learn?"));
  assert.ok(asksIntent("What are my plans for the summer?"), "a noun of intent");
  assert.ok(asksIntent("Where am I going to live?"));
  assert.ok(!asksIntent("What instrument did I learn?"));
});
