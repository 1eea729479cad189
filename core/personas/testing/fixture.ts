/**
 * A persona built in memory for unit tests of rules that read personas (no database).
 *
 * @module
 */
import {
  completeTraits,
  EMPTY_CARD_FIELDS,
  type Persona,
  type PersonalityTraits,
} from "../schema.ts";

/** A persona named `name` (also its id) with `traits` (others 0.5) and topic preferences. */
export function personaFixture(
  name: string,
  traits: Partial<PersonalityTraits> = {},
  topics: Record<string, number> = {},
): Persona {
  return {
    id: name,
    name,
    description: `${name} is here.`,
    personality_traits: completeTraits(traits),
    backstory: "",
    goals: [],
    topic_preferences: topics,
    speaking_style: "",
    model: null,
    traits_source: "set",
    ...EMPTY_CARD_FIELDS,
    created_at: "2026-01-01T00:00:00.000Z",
    updated_at: "2026-01-01T00:00:00.000Z",
  };
}
