import assert from "node:assert/strict";
import { openingNames, opensWithEvent, tellsEvent, toldEvent } from "./told_events.ts";

Deno.test("openingNames leaves out one-letter words: an initial is no name", () => {
  assert.deepEqual(openingNames("J Smith moved to Leeds"), ["smith"]);
  assert.deepEqual(openingNames("Grandpa Karl died last spring"), ["grandpa", "karl"]);
});

Deno.test("opensWithEvent needs a capitalised opening word other than I", () => {
  const named = "Felix relocated to Porto last year";
  assert.equal(opensWithEvent(named, toldEvent(named)), true);
  const own = "I relocated to Porto last year";
  assert.ok(toldEvent(own).verbs.length > 0);
  assert.equal(opensWithEvent(own, toldEvent(own)), false);
});

Deno.test("a dated text tells an event without a past verb", () => {
  const event = toldEvent("Since March I work at the bakery");
  assert.deepEqual(event.verbs, []);
  assert.equal(event.dated, true);
  assert.equal(tellsEvent(event), true);
  assert.equal(tellsEvent(toldEvent("I work at the bakery")), false);
});
