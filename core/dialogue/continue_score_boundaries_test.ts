/**
 * Pins each documented number of the continue score (continue_score.ts module notes): patience
 * and its weights, the least patient and the most tired participant, the budget's half, the
 * repetition threshold and weight, rounding to one decimal, the clamps and the time cap; and
 * (mut48) the turn cap's exact turn and the reasons' words: the turn about to be taken, the
 * overlap's two decimals, the cap and the tired participant's name.
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

function factors(overrides: Partial<ScoreInput> = {}, people: Partial<Person>[] = [{}, {}]) {
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

Deno.test("patience is max_turns · (0.5 + 0.35·E + 0.15·(1 − C)) of the least patient", () => {
  // E = C = ½: patience 20 · 0.75 = 15; after 3 turns a fifth of it is spent.
  assert.equal(factors({ turnsSoFar: 3 }).factors.time, 20);
  // An extravert (patience 18.5) does not lengthen the talk of a less patient partner.
  assert.equal(factors({ turnsSoFar: 3 }, [{}, { extraversion: 1 }]).factors.time, 20);
  // E = 1, C = 0 for both: patience 20 · 1 = 20, 25 · (1 − 3/20) = 21.25 → 21.3.
  const eager = { extraversion: 1, conscientiousness: 0 };
  assert.equal(factors({ turnsSoFar: 3 }, [eager, eager]).factors.time, 21.3);
  assert.equal(factors({ turnsSoFar: 30 }).factors.time, 0, "never below 0");
});

Deno.test("energy counts the lowest participant, fatigue the highest", () => {
  const result = factors({}, [{ socialEnergy: 40, fatigue: 0 }, {
    socialEnergy: 100,
    fatigue: 60,
  }]);
  assert.equal(result.factors.energy, 6, "15 · 40/100");
  assert.equal(result.factors.fatigue, -9, "−15 · 60/100");
});

Deno.test("the budget is full down to half the tokens, then falls to 0 and caps", () => {
  assert.equal(factors({ tokensUsed: 1000 }).factors.budget, 15);
  assert.equal(factors({ tokensUsed: 1500 }).factors.budget, 7.5);
  const over = factors({ tokensUsed: 2500 });
  assert.equal(over.factors.budget, 0, "never negative");
  assert.equal(over.cap, "budget_exhausted");
});

Deno.test("repetition costs −20 · (s − 0.3)/0.7, and only above 0.3 is it a reason", () => {
  assert.equal(factors({ repetition: 0.65 }).factors.repetition, -10);
  assert.equal(factors({ repetition: 1 }).factors.repetition, -20);
  const mild = factors({ repetition: 0.3 });
  assert.equal(mild.factors.repetition, -0);
  assert.ok(!mild.reasons.some((reason) => reason.startsWith("repetition")));
});

Deno.test("factors are rounded to one decimal", () => {
  assert.equal(factors({}, [{ socialEnergy: 41 }, {}]).factors.energy, 6.2, "6.15");
});

Deno.test("the time cap applies at max_minutes exactly", () => {
  assert.equal(factors({ minutesSoFar: 30 }).cap, "time_limit");
  assert.equal(factors({ minutesSoFar: 29.9 }).cap, null);
});

Deno.test("the turn cap applies when the next turn is the last allowed, not a turn earlier", () => {
  assert.equal(factors({ turnsSoFar: 18 }).cap, null, "turn 19 of 20 is taken");
  assert.equal(factors({ turnsSoFar: 19 }).cap, "turn_limit", "turn 20 of 20 ends it");
});

Deno.test("the reasons name the turn about to be taken and the overlap to two decimals", () => {
  const { reasons } = factors({ turnsSoFar: 3, repetition: 0.6543 });
  assert.match(reasons[0]!, /: turn 4, patience about 15 turns$/);
  assert.ok(
    reasons.includes("repetition -10.1: the talk goes round (overlap 0.65)"),
    reasons.join("\n"),
  );
  assert.ok(!reasons.some((reason) => reason.startsWith("cap:")), "no cap, no cap reason");
});

Deno.test("a cap is the last reason, naming the tired participant only when tiredness is the cap", () => {
  const tired = factors({}, [{}, { canGoOn: false }]);
  assert.equal(tired.reasons.at(-1), "cap: participant_tired (P1)");
  const both = factors({ turnsSoFar: 19 }, [{}, { canGoOn: false }]);
  assert.equal(both.cap, "turn_limit");
  assert.equal(both.reasons.at(-1), "cap: turn_limit");
});
