/**
 * Personas: identity, Big Five traits, goals and topic preferences.
 *
 * @module
 */
export { personaMigrations, PersonaRepository } from "./repository.ts";
export { type PersonaDeleteHook, PersonaService } from "./service.ts";
export { SEED_PERSONAS, seedPersonas } from "./seed.ts";
export {
  completeTraits,
  type Persona,
  PERSONA_LIMITS,
  PersonaCreate,
  personaFields,
  PersonalityTraits,
  PersonaPatch,
  TRAIT_NAMES,
  type TraitName,
  unit,
} from "./schema.ts";
