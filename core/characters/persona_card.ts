/**
 * A card's data as a persona and a persona as a card's data. The card fields map one to one;
 * what only this server knows (Big Five and where they came from, backstory, goals, topic
 * preferences, speaking style, model, and a summary of relationships) travels in
 * `extensions["persona-mcp"]`, and every other extension key is kept as it came.
 *
 * @module
 */
import { z } from "zod";
import { isObject, type JsonObject } from "../lore/fields.ts";
import { personaFields, PersonalityTraits, TraitsSource } from "../personas/mod.ts";
import type { Persona } from "../personas/mod.ts";
import { type CardData, V2_FIELDS } from "./card.ts";
import { PERSONA_MCP } from "./codec.ts";

/** The card fields of a persona, as `persona.create` takes them. */
export type CardPersonaFields = Pick<
  Persona,
  | "name"
  | "description"
  | "personality"
  | "scenario"
  | "first_mes"
  | "alternate_greetings"
  | "mes_example"
  | "system_prompt"
  | "post_history_instructions"
  | "creator_notes"
  | "tags"
  | "creator"
  | "character_version"
  | "extensions"
  | "card_extras"
>;

/** What this server keeps in `extensions["persona-mcp"]` (all optional on import). */
export const OurExtension = z.object({
  personality_traits: PersonalityTraits.optional().catch(undefined),
  traits_source: TraitsSource.optional().catch(undefined),
  backstory: personaFields.backstory.optional().catch(undefined),
  goals: personaFields.goals.optional().catch(undefined),
  topic_preferences: personaFields.topic_preferences.optional().catch(undefined),
  speaking_style: personaFields.speaking_style.optional().catch(undefined),
  model: personaFields.model.optional().catch(undefined),
});
/** Persona data read back from a card. */
export type OurExtension = z.output<typeof OurExtension>;

/** A relationship as a card's summary lists it. */
export interface RelationshipSummary {
  name: string;
  relationship_type: string;
  strength: number;
  trust: number;
  affinity: number;
}

const CARD_DATA_FIELDS = new Set<string>([...V2_FIELDS, "assets"]);

/** The persona fields of a card, and this server's own data when the card carries it. */
export function personaFromCard(
  data: CardData,
): { fields: CardPersonaFields; ours: OurExtension | null } {
  const { [PERSONA_MCP]: raw, ...extensions } = data.extensions;
  const card_extras: JsonObject = {};
  for (const [key, value] of Object.entries(data)) {
    if (!CARD_DATA_FIELDS.has(key) && value !== undefined) card_extras[key] = value;
  }
  const ours = isObject(raw) ? OurExtension.parse(raw) : null;
  return {
    fields: {
      name: data.name,
      description: data.description,
      personality: data.personality,
      scenario: data.scenario,
      first_mes: data.first_mes,
      alternate_greetings: data.alternate_greetings,
      mes_example: data.mes_example,
      system_prompt: data.system_prompt,
      post_history_instructions: data.post_history_instructions,
      creator_notes: data.creator_notes,
      tags: data.tags,
      creator: data.creator,
      character_version: data.character_version,
      extensions,
      card_extras,
    },
    ours,
  };
}

/** A persona as a card's data (assets and the book are added by the caller). */
export function cardFromPersona(
  persona: Persona,
  options: { relationships?: RelationshipSummary[] } = {},
): CardData {
  const ours: JsonObject = {
    personality_traits: persona.personality_traits,
    traits_source: persona.traits_source,
    backstory: persona.backstory,
    goals: persona.goals,
    topic_preferences: persona.topic_preferences,
    speaking_style: persona.speaking_style,
    model: persona.model,
  };
  if (options.relationships?.length) ours.relationships = options.relationships;
  return {
    ...persona.card_extras,
    name: persona.name,
    description: persona.description,
    personality: persona.personality,
    scenario: persona.scenario,
    first_mes: persona.first_mes,
    mes_example: persona.mes_example,
    creator_notes: persona.creator_notes,
    system_prompt: persona.system_prompt,
    post_history_instructions: persona.post_history_instructions,
    alternate_greetings: persona.alternate_greetings,
    tags: persona.tags,
    creator: persona.creator,
    character_version: persona.character_version,
    extensions: { ...persona.extensions, [PERSONA_MCP]: ours },
    group_only_greetings: Array.isArray(persona.card_extras.group_only_greetings)
      ? persona.card_extras.group_only_greetings as string[]
      : [],
  };
}

/** The text the model reads to rate a card's character. */
export function characterText(fields: CardPersonaFields): string {
  const fill = (text: string) =>
    text.replace(/\{\{\s*char\s*\}\}|<bot>|<char>/gi, fields.name).replace(
      /\{\{\s*user\s*\}\}|<user>/gi,
      "the user",
    );
  return [
    fields.description,
    fields.personality ? `Personality: ${fields.personality}` : "",
    fields.scenario ? `Scenario: ${fields.scenario}` : "",
  ].filter(Boolean).map(fill).join("\n\n");
}
