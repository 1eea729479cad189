import assert from "node:assert/strict";
import type { Persona } from "../personas/mod.ts";
import { personaFixture } from "../personas/testing/fixture.ts";
import { SeededRandom } from "./random.ts";
import { chooseGroup, chooseTopic, groupInterest, groupSize } from "./scheduler.ts";

function persona(name: string, extraversion: number, topics: Record<string, number>): Persona {
  return personaFixture(name, { extraversion }, topics);
}

const loud = persona("Loud", 1, { music: 100, magic: 0 });
const quiet = persona("Quiet", 0, { music: 100, magic: 0 });
const friend = persona("Friend", 0.5, { music: 90 });
const stranger = persona("Stranger", 0.5, { magic: 100 });

Deno.test("outgoing, rested personas start more conversations", () => {
  const random = new SeededRandom(11);
  const starts = { Loud: 0, Quiet: 0 };
  for (let i = 0; i < 500; i++) {
    const [first] = chooseGroup(random, [
      { persona: loud, socialEnergy: 100 },
      { persona: quiet, socialEnergy: 100 },
    ], { size: 2, affinity: () => 0.5 });
    starts[first!.name as "Loud" | "Quiet"]++;
  }
  assert.ok(starts.Loud > 3 * starts.Quiet, JSON.stringify(starts));
  const drained = chooseGroup(random, [
    { persona: loud, socialEnergy: 0 },
    { persona: quiet, socialEnergy: 50 },
  ], { size: 2, affinity: () => 0.5 });
  assert.equal(drained[0], quiet, "no energy, no initiative");
});

Deno.test("partners are chosen by compatibility; groups have the asked size and no repeats", () => {
  const random = new SeededRandom(12);
  const affinity = (a: Persona, b: Persona) =>
    [a.name, b.name].includes("Friend") && [a.name, b.name].includes("Loud") ? 0.9 : 0.1;
  let withFriend = 0;
  for (let i = 0; i < 300; i++) {
    const group = chooseGroup(random, [
      { persona: loud, socialEnergy: 100 },
      { persona: friend, socialEnergy: 100 },
      { persona: stranger, socialEnergy: 100 },
    ], { size: 2, affinity });
    assert.equal(new Set(group).size, 2);
    if (group.includes(loud) && group.includes(friend)) withFriend++;
  }
  assert.ok(withFriend > 150, `Loud and Friend met ${withFriend} times out of 300`);
  const trio = chooseGroup(
    random,
    [loud, friend, stranger].map((persona) => ({
      persona,
      socialEnergy: 80,
    })),
    { size: 3, affinity },
  );
  assert.equal(new Set(trio).size, 3);
  assert.throws(
    () => chooseGroup(random, [{ persona: loud, socialEnergy: 1 }], { size: 2, affinity }),
    RangeError,
  );
});

Deno.test("topics follow the group's interest; sizes stay in bounds", () => {
  const random = new SeededRandom(13);
  assert.equal(groupInterest([loud, stranger], "music"), 75);
  assert.equal(groupInterest([friend], "unrated"), 50);
  const counts: Record<string, number> = { music: 0, magic: 0 };
  for (let i = 0; i < 400; i++) counts[chooseTopic(random, ["music", "magic"], [loud, quiet])]!++;
  assert.ok(counts.music! > 5 * counts.magic!, JSON.stringify(counts));
  for (let i = 0; i < 50; i++) {
    const size = groupSize(random, { min: 2, max: 4 }, 3);
    assert.ok(size >= 2 && size <= 3);
  }
  assert.equal(groupSize(random, { min: 2, max: 3 }, 1), 0);
});

/** A SeededRandom that records the weights each weighted choice was given. */
class RecordingRandom extends SeededRandom {
  readonly weights: number[][] = [];
  override weighted<T>(items: readonly T[], weight: (item: T) => number): T {
    this.weights.push(items.map(weight));
    return super.weighted(items, weight);
  }
}

Deno.test("initiators weigh (0.2 + extraversion) · energy/100; partners (0.1 + affinity)²", () => {
  const random = new RecordingRandom(5);
  const close = persona("Close", 0.5, {});
  const far = persona("Far", 0.5, {});
  chooseGroup(random, [
    { persona: loud, socialEnergy: 50 },
    { persona: close, socialEnergy: 100 },
    { persona: far, socialEnergy: 100 },
  ], {
    size: 2,
    affinity: (a, b) => {
      const names = new Set([a.name, b.name]);
      if (names.has("Close") && names.has("Far")) return 0.5;
      return names.has("Close") ? 0.9 : 0.1;
    },
  });
  const [initiators, partners] = random.weights;
  assert.deepEqual(initiators!.map((w) => Math.round(w * 1e12) / 1e12), [0.6, 0.7, 0.7]);
  // Whoever started, the partners' weights are the squares of 0.1 + their affinity.
  const expected = new Set([[1, 0.04], [1, 0.36], [0.04, 0.36]].map((w) => JSON.stringify(w)));
  const got = JSON.stringify(partners!.map((w) => Math.round(w * 1e12) / 1e12));
  assert.ok(expected.has(got), got);
});
