/**
 * Pins each weight of willingness (speaker.ts module notes) and the tie rule of the choice.
 */
import assert from "node:assert/strict";
import { type Candidate, chooseSpeaker, willingness } from "./speaker.ts";

const nobody: Candidate = {
  id: "n",
  name: "N",
  extraversion: 0,
  mood: -1,
  socialEnergy: 0,
  fatigue: 0,
  turnsSinceSpoke: 0,
};

function near(actual: number, expected: number, label: string) {
  assert.ok(Math.abs(actual - expected) < 1e-12, `${label}: ${actual} is not ${expected}`);
}

Deno.test("willingness = 0.35·E + 0.25·(mood + 1)/2 + 0.25·energy − 0.15·fatigue + 0.1·fairness", () => {
  const of = (fields: Partial<Candidate>, participants = 2) =>
    willingness({ ...nobody, ...fields }, participants);
  near(of({}), 0, "nothing");
  near(of({ extraversion: 1 }), 0.35, "extraversion");
  near(of({ mood: 1 }), 0.25, "best mood");
  near(of({ mood: 0 }), 0.125, "neutral mood");
  near(of({ socialEnergy: 100 }), 0.25, "full energy");
  near(of({ fatigue: 100 }), -0.15, "full fatigue");
  near(of({ turnsSinceSpoke: 1 }), 0.05, "one turn of two");
  near(of({ turnsSinceSpoke: 10 }), 0.1, "fairness is capped at 1");
});

Deno.test("between equally willing candidates the first one speaks", () => {
  const a = { ...nobody, id: "a", name: "Ann" };
  const b = { ...nobody, id: "b", name: "Ben" };
  assert.equal(chooseSpeaker([a, b], null).speaker.id, "a");
});
