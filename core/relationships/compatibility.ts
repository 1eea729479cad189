/**
 * Compatibility between two personas, 0..1, from their Big Five traits, shared topic
 * preferences and their history. Following the literature on couples and friendships,
 * agreeableness, conscientiousness, extraversion and low neuroticism of both partners matter
 * most; similarity adds a little.
 *
 *   personality = 0.8 · mean(warmth(a), warmth(b)) + 0.2 · similarity
 *     warmth(p)  = 0.3·A + 0.2·C + 0.2·E + 0.3·(1 − N)
 *     similarity = 1 − mean |Δtrait|
 *   social      = 0.4 · mean(E) + 0.4 · mean(A) + 0.2 · (1 − |ΔE|)
 *   interests   = over topics both rate above 20: mean of (1 − |Δ|/100) weighted by (p1+p2)/200,
 *                 plus 0.2 · shared / max(topics); 0.5 without preferences, 0.3 with none shared
 *   history     = 0.5 + 0.25·(affinity + trust) + 0.25·strength, 0.5 when they never met
 *   overall     = 0.35·personality + 0.2·social + 0.25·interests + 0.2·history
 *
 * @module
 */
import type { Persona } from "../personas/mod.ts";
import { clamp01 } from "../numbers.ts";
import { round } from "./rules.ts";
import type { Relationship } from "./schema.ts";

/** Score bands of the prediction label. */
export const PREDICTION_BANDS: Array<[number, string]> = [
  [0.8, "excellent"],
  [0.65, "very_good"],
  [0.5, "good"],
  [0.35, "challenging"],
  [0, "difficult"],
];

const STYLE_BANDS: Array<[number, string]> = [
  [0.8, "collaborative_enthusiastic"],
  [0.6, "friendly_engaging"],
  [0.4, "respectful_cautious"],
  [0, "formal_distant"],
];

/** The analysis `relationship.compatibility` returns. */
export interface Compatibility {
  overall: number;
  personality: number;
  social: number;
  interests: number;
  history: number;
  prediction: string;
  interaction_style: string;
  recommended_topics: string[];
  potential_challenges: string[];
}

function band(value: number, bands: Array<[number, string]>): string {
  return bands.find(([floor]) => value > floor)?.[1] ?? bands.at(-1)![1];
}

/** The label for an overall score: > 0.8 excellent, > 0.65 very_good, > 0.5 good, > 0.35 challenging, else difficult. */
export function predictionFor(overall: number): string {
  return band(overall, PREDICTION_BANDS);
}

function warmth(p: Persona): number {
  const t = p.personality_traits;
  return 0.3 * t.agreeableness + 0.2 * t.conscientiousness + 0.2 * t.extraversion +
    0.3 * (1 - t.neuroticism);
}

function personalityScore(a: Persona, b: Persona): number {
  const ta = a.personality_traits;
  const tb = b.personality_traits;
  const names = Object.keys(ta) as Array<keyof typeof ta>;
  const similarity = 1 - names.reduce((sum, name) => sum + Math.abs(ta[name] - tb[name]), 0) /
      names.length;
  return clamp01(0.8 * (warmth(a) + warmth(b)) / 2 + 0.2 * similarity);
}

function socialScore(a: Persona, b: Persona): number {
  const ta = a.personality_traits;
  const tb = b.personality_traits;
  return clamp01(
    0.4 * (ta.extraversion + tb.extraversion) / 2 +
      0.4 * (ta.agreeableness + tb.agreeableness) / 2 +
      0.2 * (1 - Math.abs(ta.extraversion - tb.extraversion)),
  );
}

/** Topics both rate above `options.floor`, by combined interest (highest first). */
export function sharedTopics(a: Persona, b: Persona, { floor }: { floor: number }): string[] {
  const pa = a.topic_preferences;
  const pb = b.topic_preferences;
  const both = (topic: string) => (pa[topic] ?? 0) + (pb[topic] ?? 0);
  return Object.keys(pa).filter((topic) => (pa[topic] ?? 0) > floor && (pb[topic] ?? 0) > floor)
    .sort((x, y) => both(y) - both(x) || x.localeCompare(y));
}

function interestsScore(a: Persona, b: Persona): number {
  const pa = a.topic_preferences;
  const pb = b.topic_preferences;
  const sizes = [Object.keys(pa).length, Object.keys(pb).length];
  if (sizes[0] === 0 || sizes[1] === 0) return 0.5;
  const shared = sharedTopics(a, b, { floor: 20 });
  if (shared.length === 0) return 0.3;
  let weighted = 0;
  let weights = 0;
  for (const topic of shared) {
    const [a, b] = [pa[topic] ?? 0, pb[topic] ?? 0];
    const weight = (a + b) / 200;
    weighted += weight * (1 - Math.abs(a - b) / 100);
    weights += weight;
  }
  return clamp01(weighted / weights + 0.2 * shared.length / Math.max(...sizes));
}

function historyScore(relationship: Relationship | undefined): number {
  if (!relationship || relationship.interaction_count === 0) return 0.5;
  return clamp01(
    0.5 + 0.25 * (relationship.affinity + relationship.trust) + 0.25 * relationship.strength,
  );
}

/** The scores of {@linkcode Compatibility} that decide things: the overall one and the history. */
export type CompatibilityScore = Pick<Compatibility, "overall" | "history">;

/** Unrounded parts of a compatibility. */
function parts(a: Persona, b: Persona, relationship?: Relationship) {
  const personality = personalityScore(a, b);
  const social = socialScore(a, b);
  const interests = interestsScore(a, b);
  const history = historyScore(relationship);
  const overall = clamp01(0.35 * personality + 0.2 * social + 0.25 * interests + 0.2 * history);
  return { personality, social, interests, history, overall };
}

/**
 * The overall score and the history of {@linkcode compatibility}, without its words (labels,
 * recommended topics, challenges): what a turn's score and the simulation's choice of partners
 * read, at a third of the cost.
 */
export function compatibilityScore(
  a: Persona,
  b: Persona,
  relationship?: Relationship,
): CompatibilityScore {
  const { overall, history } = parts(a, b, relationship);
  return { overall: round(overall), history: round(history) };
}

/** Analyses how well `a` and `b` get along. */
export function compatibility(
  a: Persona,
  b: Persona,
  relationship?: Relationship,
): Compatibility {
  const { personality, social, interests, history, overall } = parts(a, b, relationship);
  const ta = a.personality_traits;
  const tb = b.personality_traits;
  const challenges: Array<[boolean, string]> = [
    [personality < 0.4, "personality_clash"],
    [social < 0.4, "social_mismatch"],
    [interests < 0.3 + 1e-9, "few_shared_interests"],
    [ta.neuroticism > 0.7 || tb.neuroticism > 0.7, "high_stress_potential"],
    [Math.abs(ta.extraversion - tb.extraversion) > 0.6, "energy_level_mismatch"],
    [history < 0.3, "troubled_history"],
  ];
  return {
    overall: round(overall),
    personality: round(personality),
    social: round(social),
    interests: round(interests),
    history: round(history),
    prediction: predictionFor(overall),
    interaction_style: band(overall, STYLE_BANDS),
    recommended_topics: sharedTopics(a, b, { floor: 30 }).slice(0, 5),
    potential_challenges: challenges.filter(([applies]) => applies).map(([, name]) => name),
  };
}
