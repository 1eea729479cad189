/**
 * Personas: identity, Big Five traits, goals and topic preferences.
 *
 * @module
 */
export { personaMigrations, PersonaRepository } from "./repository.ts";
export { type CreateOptions, type PersonaDeleteHook, PersonaService } from "./service.ts";
export { ABANDONED_IMPORT_MS, IMPORT_SWEEP_MS } from "./unfinished_imports.ts";
export { IMPORT_LEASE_LIMIT_MS, IMPORT_LEASE_REFRESH_MS } from "./import_lease.ts";
export { mendedName } from "./name_rules.ts";
export { namedRow, nameKeys } from "./name_key.ts";
export { isOneName, nameMentionedAt } from "./name_mention.ts";
export { SEED_PERSONAS, seedPersonas } from "./seed.ts";
export {
  CARD_TEXT_MAX,
  cardFields,
  completeTraits,
  EMPTY_CARD_FIELDS,
  type Persona,
  PERSONA_LIMITS,
  PERSONA_MAX_BYTES,
  PersonaCreate,
  personaFields,
  PersonalityTraits,
  PersonaPatch,
  READ_ONLY_PERSONA_FIELDS,
  TRAIT_NAMES,
  type TraitName,
  TraitsSource,
  unit,
} from "./schema.ts";
