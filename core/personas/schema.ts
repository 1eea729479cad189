/**
 * Persona shapes: zod schemas for input and the stored/returned type.
 *
 * @module
 */
import { z } from "zod";

/** The Big Five traits, in their usual order. */
export const TRAIT_NAMES = [
  "openness",
  "conscientiousness",
  "extraversion",
  "agreeableness",
  "neuroticism",
] as const;

/** One Big Five trait name. */
export type TraitName = typeof TRAIT_NAMES[number];

/** A number from 0 to 1 (traits, emotions). */
export const unit = z.number().min(0).max(1);

/** All five traits, each 0.0-1.0. */
export const PersonalityTraits = z.strictObject({
  openness: unit,
  conscientiousness: unit,
  extraversion: unit,
  agreeableness: unit,
  neuroticism: unit,
});
/** Big Five scores. */
export type PersonalityTraits = z.infer<typeof PersonalityTraits>;

/** Topic preferences: topic name to interest 0-100. */
export const TopicPreferences = z.record(
  z.string().trim().min(1).max(64),
  z.number().min(0).max(100),
)
  .refine((topics) => Object.keys(topics).length <= 64, { message: "at most 64 topics" });

/**
 * Length limits of a persona's texts: room for a rich character (a backstory of about 1,300
 * words, some 2,000 tokens, which still leaves most of a small model's context for the
 * conversation) and no more, so that one persona stays near 20 KB on the wire.
 */
export const PERSONA_LIMITS = {
  name: 64,
  description: 2_000,
  backstory: 8_000,
  goals: 20,
  goal: 300,
  speaking_style: 1_000,
} as const;

/** The editable fields of a persona, each validated. */
export const personaFields = {
  name: z.string().trim().min(1).max(PERSONA_LIMITS.name),
  description: z.string().max(PERSONA_LIMITS.description),
  /** Missing traits default to 0.5 on create and keep their value on update. */
  personality_traits: PersonalityTraits.partial(),
  backstory: z.string().max(PERSONA_LIMITS.backstory),
  goals: z.array(z.string().trim().min(1).max(PERSONA_LIMITS.goal)).max(PERSONA_LIMITS.goals),
  topic_preferences: TopicPreferences,
  speaking_style: z.string().max(PERSONA_LIMITS.speaking_style),
  /** Ollama model for this persona; null uses DEFAULT_MODEL. */
  model: z.string().trim().min(1).max(200).nullable(),
};

/** Input of `persona.create`. */
export const PersonaCreate = z.strictObject({
  name: personaFields.name,
  description: personaFields.description.default(""),
  personality_traits: personaFields.personality_traits.default({}),
  backstory: personaFields.backstory.default(""),
  goals: personaFields.goals.default([]),
  topic_preferences: personaFields.topic_preferences.default({}),
  speaking_style: personaFields.speaking_style.default(""),
  model: personaFields.model.default(null),
});
/** Validated input of `persona.create`. */
export type PersonaCreate = z.output<typeof PersonaCreate>;

/** A partial update: every field optional. */
export const PersonaPatch = z.strictObject(personaFields).partial();
/** Validated partial update. */
export type PersonaPatch = z.output<typeof PersonaPatch>;

/** A persona as stored and returned on the wire. */
export interface Persona {
  id: string;
  name: string;
  description: string;
  personality_traits: PersonalityTraits;
  backstory: string;
  goals: string[];
  topic_preferences: Record<string, number>;
  speaking_style: string;
  model: string | null;
  created_at: string;
  updated_at: string;
}

/** Fills missing traits with the neutral 0.5. */
export function completeTraits(partial: Partial<PersonalityTraits>): PersonalityTraits {
  return {
    openness: partial.openness ?? 0.5,
    conscientiousness: partial.conscientiousness ?? 0.5,
    extraversion: partial.extraversion ?? 0.5,
    agreeableness: partial.agreeableness ?? 0.5,
    neuroticism: partial.neuroticism ?? 0.5,
  };
}
