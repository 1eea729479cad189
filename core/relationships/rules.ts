/**
 * How interactions move relationships. Pure functions; the numbers are the documented rules.
 *
 * For an interaction of quality q (-1..1), duration d minutes and context c:
 *   w     = min(1, d / 30)                   longer talks weigh more, up to half an hour
 *   base  = 0.12 · q · w · (0.5 + 0.5·|q|)   more intense talks move more
 *   affinity  += base
 *   trust     += base · (q < 0 ? 1.25 : 0.8) trust is lost faster than it is won
 *   respect   += base · 0.6
 *   intimacy  += max(0, base) · 0.8          only when d ≥ 10 (short talks do not bring closeness)
 * then the context adds, times w: conflict trust −0.10, affinity −0.06; collaboration trust
 * +0.05, respect +0.06; casual affinity +0.03; deep_conversation intimacy +0.06, trust +0.03;
 * professional respect +0.05. Every step shrinks near the end of the range it moves towards
 * (a value near 1 rises slowly), and values stay in range.
 *
 * @module
 */
import { roundTo, saturatingMove } from "../numbers.ts";
import type { Interaction, RelationshipType, RelationshipValues } from "./schema.ts";

const CONTEXT_EFFECTS: Record<Interaction["context"], Partial<RelationshipValues>> = {
  casual: { affinity: 0.03 },
  conversation: {},
  collaboration: { trust: 0.05, respect: 0.06 },
  conflict: { trust: -0.10, affinity: -0.06 },
  deep_conversation: { intimacy: 0.06, trust: 0.03 },
  professional: { respect: 0.05 },
};

/** The deltas an interaction asks for, before saturation. */
export function interactionDeltas(interaction: Interaction): RelationshipValues {
  const { quality: q, duration_minutes: minutes, context } = interaction;
  const w = Math.min(1, minutes / 30);
  const base = 0.12 * q * w * (0.5 + 0.5 * Math.abs(q));
  const effects = CONTEXT_EFFECTS[context];
  return {
    affinity: base + (effects.affinity ?? 0) * w,
    trust: base * (q < 0 ? 1.25 : 0.8) + (effects.trust ?? 0) * w,
    respect: base * 0.6 + (effects.respect ?? 0) * w,
    intimacy: (minutes >= 10 ? Math.max(0, base) * 0.8 : 0) + (effects.intimacy ?? 0) * w,
  };
}

/** The values after `interaction`. */
export function applyInteraction(
  values: RelationshipValues,
  interaction: Interaction,
): RelationshipValues {
  const delta = interactionDeltas(interaction);
  return {
    affinity: saturatingMove(values.affinity, delta.affinity, -1, 1),
    trust: saturatingMove(values.trust, delta.trust, -1, 1),
    respect: saturatingMove(values.respect, delta.respect, -1, 1),
    intimacy: saturatingMove(values.intimacy, delta.intimacy, 0, 1),
  };
}

/** Strength 0..1: the positive bond, `0.35·a⁺ + 0.3·t⁺ + 0.2·r⁺ + 0.15·i`. */
export function relationshipStrength(values: RelationshipValues): number {
  const positive = (value: number) => Math.max(0, value);
  return round(
    0.35 * positive(values.affinity) + 0.3 * positive(values.trust) +
      0.2 * positive(values.respect) + 0.15 * values.intimacy,
  );
}

/**
 * The type the values and the count suggest: after fewer than 2 interactions, stranger; then
 * enemy when affinity ≤ -0.5 and trust ≤ -0.3; rival when affinity ≤ -0.2 or trust ≤ -0.3;
 * close_friend at strength ≥ 0.6 with intimacy ≥ 0.3; friend at strength ≥ 0.35;
 * acquaintance otherwise.
 */
export function suggestedType(values: RelationshipValues, count: number): RelationshipType {
  if (count < 2) return "stranger";
  if (values.affinity <= -0.5 && values.trust <= -0.3) return "enemy";
  if (values.affinity <= -0.2 || values.trust <= -0.3) return "rival";
  const strength = relationshipStrength(values);
  if (strength >= 0.6 && values.intimacy >= 0.3) return "close_friend";
  if (strength >= 0.35) return "friend";
  return "acquaintance";
}

/** Values that give `strength` for an explicitly declared relationship. */
export function valuesForDeclared(type: RelationshipType, strength: number): RelationshipValues {
  if (type === "enemy") return { affinity: -strength, trust: -strength, respect: 0, intimacy: 0 };
  if (type === "rival") {
    return { affinity: -strength / 2, trust: -strength / 2, respect: strength / 2, intimacy: 0 };
  }
  return { affinity: strength, trust: strength, respect: strength, intimacy: strength };
}

/** Rounds to 4 decimals so stored values stay readable. */
export function round(value: number): number {
  return roundTo(value, 4);
}
