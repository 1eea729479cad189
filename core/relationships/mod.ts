/**
 * Relationships between personas: documented interaction rules, compatibility, statistics.
 *
 * @module
 */
export {
  type Compatibility,
  compatibility,
  type CompatibilityScore,
  compatibilityScore,
  predictionFor,
  sharedTopics,
} from "./compatibility.ts";
export { orderedPair, relationshipMigrations, RelationshipRepository } from "./repository.ts";
export {
  applyInteraction,
  interactionDeltas,
  relationshipStrength,
  suggestedType,
} from "./rules.ts";
export {
  Interaction,
  INTERACTION_CONTEXTS,
  type InteractionContext,
  type InteractionRecord,
  type Relationship,
  RELATIONSHIP_LIMITS,
  RELATIONSHIP_TYPES,
  type RelationshipType,
  type RelationshipValues,
} from "./schema.ts";
export {
  type DeclaredRelationship,
  type InteractionOutcome,
  type RelationshipDeps,
  RelationshipService,
  type RelationshipStats,
  type RestoredRelationship,
} from "./service.ts";
