/**
 * Pins of the continue score that mutation testing (mut48) found loose: the turn cap's exact
 * turn and the reasons' words (the turn about to be taken, the overlap's two decimals, the cap
 * and the tired participant's name).
 */
import assert from "node:assert/strict";
import { continueScore, type ScoreInput } from "./continue_score.ts";

type Person = ScoreInput["participants"][number];

const person: Person = {
  name: "P",
  extraversion: 0.5,
  conscientiousness: 0.5,
  topicInterest: 80,
  socialEnergy: 100,
  fatigue: 0,
  canGoOn: true,
};

function score(overrides: Partial<ScoreInput> = {}, people: Partial<Person>[] = [{}, {}]) {
  return continueScore({
    turnsSoFar: 0,
    minutesSoFar: 0,
    maxTurns: 20,
    maxMinutes: 30,
    topic: "magic",
    participants: people.map((fields, i) => ({ ...person, name: `P${i}`, ...fields })),
    pairs: [{ overall: 0.7, history: 0.5 }],
    tokensUsed: 0,
    tokenBudget: 2000,
    repetition: 0,
    ...overrides,
  });
}

Deno.test("the turn cap applies when the next turn is the last allowed, not a turn earlier", () => {
  assert.equal(score({ turnsSoFar: 18 }).cap, null, "turn 19 of 20 is taken");
  assert.equal(score({ turnsSoFar: 19 }).cap, "turn_limit", "turn 20 of 20 ends it");
});

Deno.test("the reasons name the turn about to be taken and the overlap to two decimals", () => {
  const { reasons } = score({ turnsSoFar: 3, repetition: 0.6543 });
  assert.match(reasons[0]!, /: turn 4, patience about 15 turns$/);
  assert.ok(
    reasons.includes("repetition -10.1: the talk goes round (overlap 0.65)"),
    reasons.join("\n"),
  );
  assert.ok(!reasons.some((reason) => reason.startsWith("cap:")), "no cap, no cap reason");
});

Deno.test("a cap is the last reason, naming the tired participant only when tiredness is the cap", () => {
  const tired = score({}, [{}, { canGoOn: false }]);
  assert.equal(tired.reasons.at(-1), "cap: participant_tired (P1)");
  const both = score({ turnsSoFar: 19 }, [{}, { canGoOn: false }]);
  assert.equal(both.cap, "turn_limit");
  assert.equal(both.reasons.at(-1), "cap: turn_limit");
});
