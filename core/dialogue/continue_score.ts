/**
 * The continue score, 0..100: whether a persona-to-persona conversation is still worth having.
 * Computed before each turn; every turn records its score, its factors and the reasons.
 *
 *   time        0..25  25 · (1 − max(turns / patience, minutes / max_minutes)), where
 *                      patience = max_turns · (0.5 + 0.35·E + 0.15·(1 − C)) of the least patient
 *                      participant (conscientious people have other priorities; extraverts
 *                      like to talk)
 *   topic       0..25  25 · mean interest in the topic (topic_preferences, 50 when unrated)
 *   social      0..20  20 · mean over pairs of (0.7·compatibility + 0.3·history)
 *   energy      0..15  15 · lowest social energy / 100
 *   fatigue   −15..0   −15 · highest fatigue / 100
 *   budget      0..15  15 · min(1, tokens left / half the budget)
 *   repetition −20..0  −20 · max(0, (s − 0.3) / 0.7), s = highest word overlap of the last turn
 *                      with the 4 before it
 *
 * Hard caps end the conversation whatever the score: max turns, max minutes, budget spent, or a
 * participant too tired to go on.
 *
 * @module
 */
import { mean, roundTo } from "../numbers.ts";

/** What the score is computed from. */
export interface ScoreInput {
  turnsSoFar: number;
  minutesSoFar: number;
  maxTurns: number;
  maxMinutes: number;
  topic: string | null;
  /** Per participant: traits, topic interest 0..100, social energy 0..100, fatigue 0..100. */
  participants: Array<{
    name: string;
    extraversion: number;
    conscientiousness: number;
    topicInterest: number;
    socialEnergy: number;
    fatigue: number;
    canGoOn: boolean;
  }>;
  /** Per pair: compatibility overall and its history part, 0..1. */
  pairs: Array<{ overall: number; history: number }>;
  tokensUsed: number;
  tokenBudget: number;
  /** Overlap (0..1) of the last turn with the turns before it. */
  repetition: number;
}

/** The score with its parts, the reasons in words, and the cap that applies, if any. */
export interface ContinueScore {
  score: number;
  factors: Record<
    "time" | "topic" | "social" | "energy" | "fatigue" | "budget" | "repetition",
    number
  >;
  reasons: string[];
  cap: "turn_limit" | "time_limit" | "budget_exhausted" | "participant_tired" | null;
}

const r1 = (value: number) => roundTo(value, 1);

/** Computes the continue score by the documented formula. */
export function continueScore(input: ScoreInput): ContinueScore {
  const people = input.participants;
  const patience = Math.min(
    ...people.map((p) =>
      input.maxTurns * (0.5 + 0.35 * p.extraversion + 0.15 * (1 - p.conscientiousness))
    ),
  );
  const spent = Math.max(input.turnsSoFar / patience, input.minutesSoFar / input.maxMinutes);
  const interest = mean(people.map((p) => p.topicInterest));
  const social = mean(input.pairs.map((pair) => 0.7 * pair.overall + 0.3 * pair.history));
  const lowestEnergy = Math.min(...people.map((p) => p.socialEnergy));
  const highestFatigue = Math.max(...people.map((p) => p.fatigue));
  const tokensLeft = Math.max(0, input.tokenBudget - input.tokensUsed);
  const factors = {
    time: r1(25 * Math.max(0, 1 - spent)),
    topic: r1(25 * interest / 100),
    social: r1(20 * social),
    energy: r1(15 * lowestEnergy / 100),
    fatigue: r1(-15 * highestFatigue / 100),
    budget: r1(15 * Math.min(1, tokensLeft / (input.tokenBudget / 2))),
    repetition: r1(-20 * Math.max(0, (input.repetition - 0.3) / 0.7)),
  };
  const score = r1(Math.min(100, Math.max(0, Object.values(factors).reduce((a, b) => a + b, 0))));
  const reasons = [
    `time ${factors.time}/25: turn ${input.turnsSoFar + 1}, patience about ${
      Math.round(patience)
    } turns`,
    `topic ${factors.topic}/25: ${input.topic ? `"${input.topic}"` : "no set topic"}, interest ${
      Math.round(interest)
    }/100`,
    `social ${factors.social}/20: compatibility and history`,
    `energy ${factors.energy}/15: lowest social energy ${Math.round(lowestEnergy)}`,
    `fatigue ${factors.fatigue}: highest fatigue ${Math.round(highestFatigue)}`,
    `budget ${factors.budget}/15: ${tokensLeft} of ${input.tokenBudget} tokens left`,
  ];
  if (factors.repetition < 0) {
    reasons.push(
      `repetition ${factors.repetition}: the talk goes round (overlap ${
        input.repetition.toFixed(2)
      })`,
    );
  }
  const tired = people.find((p) => !p.canGoOn);
  const cap = input.turnsSoFar + 1 >= input.maxTurns
    ? "turn_limit"
    : input.minutesSoFar >= input.maxMinutes
    ? "time_limit"
    : tokensLeft === 0
    ? "budget_exhausted"
    : tired
    ? "participant_tired"
    : null;
  if (cap) {
    reasons.push(`cap: ${cap}${tired && cap === "participant_tired" ? ` (${tired.name})` : ""}`);
  }
  return { score, factors, reasons, cap };
}
