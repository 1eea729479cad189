/**
 * Persona shapes: zod schemas for input and the stored/returned type.
 *
 * @module
 */
import { z } from "zod";
import { NAME_MAX, personaName, storedName } from "./name_rules.ts";

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

/** Longest card text field (description, greetings, examples, prompts): long cards exist. */
export const CARD_TEXT_MAX = 100_000;
const cardText = z.string().max(CARD_TEXT_MAX);
const cardList = z.array(z.string().max(CARD_TEXT_MAX)).max(256);

/** Who set the Big Five scores: a client, the model from a card's text, or nobody (neutral). */
export const TraitsSource = z.enum(["set", "inferred", "neutral"]);
/** Who set the Big Five scores. */
export type TraitsSource = z.infer<typeof TraitsSource>;

/**
 * The Character Card fields a persona carries (V2 names). `creator_notes`, `tags`, `creator` and
 * `character_version` never reach a prompt; `extensions` holds a card's extension data this
 * server does not interpret (kept for export), `card_extras` the other card fields it keeps
 * (V3's nickname, sources, group greetings, dates, and unknown fields).
 */
export const cardFields = {
  personality: cardText,
  scenario: cardText,
  first_mes: cardText,
  alternate_greetings: cardList,
  mes_example: cardText,
  system_prompt: cardText,
  post_history_instructions: cardText,
  creator_notes: cardText,
  tags: z.array(z.string().trim().min(1).max(500)).max(256),
  creator: z.string().max(500),
  character_version: z.string().max(500),
  extensions: z.record(z.string(), z.unknown()),
  card_extras: z.record(z.string(), z.unknown()),
};

/** Card fields of a persona that has none (every persona made before cards, for one). */
export const EMPTY_CARD_FIELDS = {
  personality: "",
  scenario: "",
  first_mes: "",
  alternate_greetings: [] as string[],
  mes_example: "",
  system_prompt: "",
  post_history_instructions: "",
  creator_notes: "",
  tags: [] as string[],
  creator: "",
  character_version: "",
  extensions: {} as Record<string, unknown>,
  card_extras: {} as Record<string, unknown>,
};

/**
 * Length limits of the texts only this server keeps (the card's own fields, description
 * included, keep the card's limits): a backstory of about 1,300 words (some 2,000 tokens, which
 * leaves most of a small model's context for the conversation), and no more.
 */
export const PERSONA_LIMITS = {
  name: NAME_MAX,
  backstory: 8_000,
  goals: 20,
  goal: 300,
  speaking_style: 1_000,
} as const;

/**
 * Most a persona may weigh as JSON (UTF-8 bytes), all fields together: a long imported card fits
 * (a 100,000-character description and then some), and any persona fits one reply
 * (MAX_REPLY_BYTES is at least twice this), so none can become unreadable.
 */
export const PERSONA_MAX_BYTES = 512 * 1024;

/** The editable fields of a persona, each validated. */
export const personaFields = {
  /** Trimmed, NFC, no control, invisible or direction-changing characters, no UUID (`name_rules.ts`). */
  name: personaName,
  description: cardText,
  /** Missing traits default to 0.5 on create and keep their value on update. */
  personality_traits: PersonalityTraits.partial(),
  backstory: z.string().max(PERSONA_LIMITS.backstory),
  goals: z.array(z.string().trim().min(1).max(PERSONA_LIMITS.goal)).max(PERSONA_LIMITS.goals),
  topic_preferences: TopicPreferences,
  speaking_style: z.string().max(PERSONA_LIMITS.speaking_style),
  /**
   * Model for this persona (`llama3.2:3b`, `openai:gpt-4o-mini`); null uses DEFAULT_MODEL. Only
   * the characters model names use (letters, digits, `_ . : / @ + -`): a name is pasted into
   * hints such as `ollama pull <model>`.
   */
  model: z.string().trim().min(1).max(200).regex(/^[A-Za-z0-9_.:/@+-]+$/, {
    message: "must be a model name: letters, digits and _ . : / @ + - only (e.g. llama3.2:3b)",
  }).nullable(),
  traits_source: TraitsSource,
  ...cardFields,
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
  /** By default: "set" when traits are given, else "neutral". */
  traits_source: TraitsSource.optional(),
  personality: cardText.default(""),
  scenario: cardText.default(""),
  first_mes: cardText.default(""),
  alternate_greetings: cardList.default([]),
  mes_example: cardText.default(""),
  system_prompt: cardText.default(""),
  post_history_instructions: cardText.default(""),
  creator_notes: cardText.default(""),
  tags: cardFields.tags.default([]),
  creator: cardFields.creator.default(""),
  character_version: cardFields.character_version.default(""),
  extensions: cardFields.extensions.default({}),
  card_extras: cardFields.card_extras.default({}),
});
/** Validated input of `persona.create`. */
export type PersonaCreate = z.output<typeof PersonaCreate>;

/**
 * A partial update: every field optional. The name's characters are checked by the service, and
 * only when it changes: a name stored before the name rules may be sent back unchanged.
 */
export const PersonaPatch = z.strictObject({ ...personaFields, name: storedName }).partial();
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
  traits_source: TraitsSource;
  personality: string;
  scenario: string;
  first_mes: string;
  alternate_greetings: string[];
  mes_example: string;
  system_prompt: string;
  post_history_instructions: string;
  creator_notes: string;
  tags: string[];
  creator: string;
  character_version: string;
  extensions: Record<string, unknown>;
  card_extras: Record<string, unknown>;
  created_at: string;
  updated_at: string;
}

/** Fields of `persona.get`'s output that a client cannot set; `persona.create` ignores them. */
export const READ_ONLY_PERSONA_FIELDS = [
  "id",
  "created_at",
  "updated_at",
  "memory_stats",
  "avatar",
  "lorebooks",
] as const;

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
