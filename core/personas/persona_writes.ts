/**
 * The records persona writes store: a new persona made from what a create gives, a stored one
 * with a partial update applied, and the size bound every written persona keeps.
 *
 * @module
 */
import { InvalidInput } from "../errors.ts";
import {
  completeTraits,
  type Persona,
  PERSONA_MAX_BYTES,
  type PersonaCreate,
  type PersonaPatch,
} from "./schema.ts";

/**
 * The persona `input` creates, named `name` (the one asked for, or the free one a rename took),
 * with a new id and both times `now`; traits complete, their source "set" when any were given
 * (else "neutral") unless `input` says.
 */
export function newPersona(input: PersonaCreate, at: { name: string; now: string }): Persona {
  const { name, now } = at;
  return {
    id: crypto.randomUUID(),
    name,
    description: input.description,
    personality_traits: completeTraits(input.personality_traits),
    backstory: input.backstory,
    goals: input.goals,
    topic_preferences: input.topic_preferences,
    speaking_style: input.speaking_style,
    model: input.model,
    traits_source: input.traits_source ??
      (Object.keys(input.personality_traits).length > 0 ? "set" : "neutral"),
    personality: input.personality,
    scenario: input.scenario,
    first_mes: input.first_mes,
    alternate_greetings: input.alternate_greetings,
    mes_example: input.mes_example,
    system_prompt: input.system_prompt,
    post_history_instructions: input.post_history_instructions,
    creator_notes: input.creator_notes,
    tags: input.tags,
    creator: input.creator,
    character_version: input.character_version,
    extensions: input.extensions,
    card_extras: input.card_extras,
    created_at: now,
    updated_at: now,
  };
}

/**
 * `current` with `patch` applied (its undefined fields left out), updated `at`: traits merge with
 * the current ones, and new traits from a client are "set" unless the patch says where they came
 * from.
 */
export function patchedPersona(
  current: Persona,
  patch: PersonaPatch,
  options: { at: string },
): Persona {
  const traitsSource = patch.traits_source ??
    (patch.personality_traits && Object.keys(patch.personality_traits).length
      ? "set"
      : current.traits_source);
  return {
    ...current,
    ...Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined)),
    traits_source: traitsSource,
    personality_traits: { ...current.personality_traits, ...patch.personality_traits },
    updated_at: options.at,
  };
}

/** Refuses a persona heavier than {@linkcode PERSONA_MAX_BYTES} as JSON (-32602, 400). */
export function assertWithinSize(persona: Persona): void {
  const bytes = new TextEncoder().encode(JSON.stringify(persona)).length;
  if (bytes <= PERSONA_MAX_BYTES) return;
  throw new InvalidInput(
    `Persona too large: ${bytes} bytes as JSON, at most ${PERSONA_MAX_BYTES} (its texts together)`,
    [{ field: "persona", message: `must be at most ${PERSONA_MAX_BYTES} bytes as JSON` }],
  );
}
