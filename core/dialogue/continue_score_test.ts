import assert from "node:assert/strict";
import { continueScore, type ScoreInput } from "./continue_score.ts";

function input(overrides: Partial<ScoreInput> = {}): ScoreInput {
  const person = {
    name: "P",
    extraversion: 0.5,
    conscientiousness: 0.5,
    topicInterest: 80,
    socialEnergy: 100,
    fatigue: 0,
    canGoOn: true,
  };
  return {
    turnsSoFar: 0,
    minutesSoFar: 0,
    maxTurns: 20,
    maxMinutes: 30,
    topic: "magic",
    participants: [{ ...person, name: "A" }, { ...person, name: "B" }],
    pairs: [{ overall: 0.7, history: 0.5 }],
    tokensUsed: 0,
    tokenBudget: 2000,
    repetition: 0,
    ...overrides,
  };
}

Deno.test("a fresh, interesting, well-matched conversation scores high; the parts add up", () => {
  const result = continueScore(input());
  assert.deepEqual(result.factors, {
    time: 25,
    topic: 20,
    social: 12.8,
    energy: 15,
    fatigue: -0,
    budget: 15,
    repetition: -0,
  });
  assert.equal(result.score, 87.8);
  assert.equal(result.cap, null);
  assert.ok(result.reasons.some((reason) => reason.includes('"magic"')));
});

Deno.test("each factor moves the score the documented way", () => {
  const base = continueScore(input()).score;
  assert.ok(continueScore(input({ turnsSoFar: 10 })).score < base, "time spent");
  assert.ok(
    continueScore(
      input({ participants: input().participants.map((p) => ({ ...p, topicInterest: 10 })) }),
    )
      .score < base,
    "a dull topic",
  );
  assert.ok(
    continueScore(input({ pairs: [{ overall: 0.2, history: 0.1 }] })).score < base,
    "poor match",
  );
  assert.ok(
    continueScore(
      input({
        participants: input().participants.map((p) => ({ ...p, socialEnergy: 20, fatigue: 60 })),
      }),
    )
      .score < base - 15,
    "tired participants",
  );
  assert.ok(continueScore(input({ tokensUsed: 1800 })).score < base, "budget running out");
  const repeating = continueScore(input({ repetition: 0.9 }));
  assert.ok(repeating.factors.repetition < -15);
  assert.ok(repeating.reasons.some((reason) => reason.startsWith("repetition")));
  assert.equal(continueScore(input({ repetition: 0.25 })).factors.repetition, -0);
});

Deno.test("extraverts have more patience, conscientious people less", () => {
  const chatty = input({
    turnsSoFar: 8,
    participants: input().participants.map((p) => ({ ...p, extraversion: 1 })),
  });
  const busy = input({
    turnsSoFar: 8,
    participants: input().participants.map((p) => ({
      ...p,
      conscientiousness: 1,
      extraversion: 0,
    })),
  });
  assert.ok(continueScore(chatty).factors.time > continueScore(busy).factors.time);
});

Deno.test("hard caps: turns, minutes, budget and tiredness end it whatever the score", () => {
  assert.equal(continueScore(input({ turnsSoFar: 19 })).cap, "turn_limit");
  assert.equal(continueScore(input({ minutesSoFar: 31 })).cap, "time_limit");
  assert.equal(continueScore(input({ tokensUsed: 2000 })).cap, "budget_exhausted");
  const tired = input({
    participants: [{ ...input().participants[0]!, canGoOn: false }, input().participants[1]!],
  });
  assert.equal(continueScore(tired).cap, "participant_tired");
});

Deno.test("the score stays within 0..100 at the extremes", () => {
  const worst = continueScore(input({
    turnsSoFar: 100,
    participants: input().participants.map((p) => ({
      ...p,
      topicInterest: 0,
      socialEnergy: 0,
      fatigue: 100,
    })),
    pairs: [{ overall: 0, history: 0 }],
    tokensUsed: 5000,
    repetition: 1,
  }));
  assert.equal(worst.score, 0);
  assert.ok(continueScore(input()).score <= 100);
});
