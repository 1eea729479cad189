import assert from "node:assert/strict";
import { awaitsChild, BORN_HEADS, stateHeads, STATES_READ } from "./awaiting_states.ts";
import { meetsProspect } from "./met_prospects.ts";

Deno.test("stateHeads: 'pregnant' told in the past awaits nothing, unless reported", () => {
  assert.deepEqual(stateHeads("I was pregnant with my son in 2019"), []);
  assert.deepEqual(stateHeads("When I was pregnant with Leo I craved lemons"), []);
  assert.deepEqual(stateHeads("I had been pregnant twice before"), []);
  // A past verb before it reports a present state ("found out I was"), and "has been" holds.
  assert.deepEqual(stateHeads("I found out I was pregnant!"), BORN_HEADS);
  assert.deepEqual(stateHeads("Maja has been pregnant for 8 months"), BORN_HEADS);
  assert.deepEqual(stateHeads("Maja is 6 months pregnant"), BORN_HEADS);
  assert.equal(meetsProspect("I was pregnant with my son in 2019", "I had my son in May"), false);
});

Deno.test("stateHeads: a state denied awaits nothing", () => {
  assert.deepEqual(stateHeads("I'm not pregnant, the test was negative"), []);
  assert.deepEqual(stateHeads("We're not expecting, just tired"), []);
  assert.deepEqual(stateHeads("We're not planning to adopt a dog"), []);
});

Deno.test("stateHeads: 'expecting' awaits its object, a child when it has none", () => {
  for (const text of ["I'm expecting!", "we're expecting twins", "Maja is expecting again"]) {
    assert.deepEqual(stateHeads(text), BORN_HEADS, text);
  }
  assert.deepEqual(stateHeads("We're expecting our first child"), BORN_HEADS);
  assert.deepEqual(stateHeads("We're expecting a parcel tomorrow"), ["parcel"]);
  // No thing: a verb or a pronoun follows; told in the past.
  assert.deepEqual(stateHeads("I'm expecting to hear back soon"), []);
  assert.deepEqual(stateHeads("I'm expecting it to rain"), []);
  assert.deepEqual(stateHeads("we were expecting twins"), []);
});

Deno.test("meetsProspect: a child 'expecting' awaits is born, told with 'had'", () => {
  const twins = "My sister is expecting twins";
  assert.equal(awaitsChild(twins), true);
  assert.equal(meetsProspect(twins, "My sister had twins!"), true);
  // A deed done to a child meets no "expecting" (a birth is told with "had").
  assert.equal(meetsProspect(twins, "My sister hugged the twins"), false);
  assert.equal(
    meetsProspect("My sister is saving for the twins", "My sister hugged the twins"),
    true,
  );
  assert.equal(meetsProspect("We're expecting a parcel", "I got the parcel"), true);
  assert.equal(awaitsChild("We're expecting a parcel"), false);
});

Deno.test("stateHeads: 'hoping/planning to' and a verb awaits the noun phrase after it", () => {
  assert.deepEqual(stateHeads("We're hoping to buy a house next year"), ["hous"]);
  assert.deepEqual(stateHeads("planning to adopt a dog"), ["dog"]);
  assert.deepEqual(stateHeads("Tom is planning on adopting 2 cats"), ["cat"]);
  assert.deepEqual(stateHeads("I intend to get a new job"), ["job"]);
  // A particle or an adverb after the verb is no thing intended.
  assert.deepEqual(stateHeads("Tariq is planning to move back to Morocco next year"), []);
  assert.deepEqual(stateHeads("We're hoping to get married"), []);
  // Told in the past: the intending is over.
  assert.deepEqual(stateHeads("We were hoping to buy a house"), []);
});

Deno.test("meetsProspect: a thing intended is met when it is done", () => {
  const house = "We're hoping to buy a house";
  assert.equal(meetsProspect(house, "We bought a house in Leeds"), true);
  assert.equal(meetsProspect(house, "We looked at a house in Leeds"), false);
  assert.equal(meetsProspect(house, "We're still hoping to buy a house"), false);
  assert.equal(meetsProspect("planning to adopt a dog", "we adopted a dog from the shelter"), true);
});

Deno.test("stateHeads reads at most STATES_READ clauses telling a state", () => {
  assert.equal(STATES_READ, 8);
  const text = Array.from({ length: 12 }, (_, i) => `expecting a thing${"x".repeat(i)}.`).join(" ");
  assert.equal(stateHeads(text).length, STATES_READ);
  // Only clauses with a word of a state count: "shop" and "plane" hold "hop" and "plan".
  const others = "we went to the shop, the plane was late, ".repeat(STATES_READ);
  assert.deepEqual(stateHeads(`${others}we're expecting a parcel`), ["parcel"]);
});
