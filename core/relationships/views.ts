/**
 * Wire views of relationships, shared by the relationship handlers and REST routes.
 *
 * @module
 */
import type { PersonaService } from "../personas/mod.ts";
import type { Relationship } from "./schema.ts";
import type { RelationshipService } from "./service.ts";

/** A relationship seen from `personaId`: the other side named, as the protocol lists it. */
export function relationshipFrom(
  relationship: Relationship,
  seen: { personaId: string; names: ReadonlyMap<string, string> },
) {
  const { personaId, names } = seen;
  const targetId = relationship.persona1_id === personaId
    ? relationship.persona2_id
    : relationship.persona1_id;
  return {
    target_persona_id: targetId,
    target_persona_name: names.get(targetId) ?? null,
    relationship_type: relationship.relationship_type,
    strength: relationship.strength,
    affinity: relationship.affinity,
    trust: relationship.trust,
    respect: relationship.respect,
    intimacy: relationship.intimacy,
    interaction_count: relationship.interaction_count,
    compatibility_score: relationship.compatibility_score,
    last_interaction: relationship.last_interaction,
  };
}

/** Every relationship of `personaId`, strongest first, each seen from that persona. */
export async function relationshipsOf(
  deps: { personas: PersonaService; relationships: RelationshipService },
  personaId: string,
): Promise<Array<ReturnType<typeof relationshipFrom>>> {
  const relationships = await deps.relationships.listFor(personaId);
  const names = await personaNames(deps.personas);
  return relationships.map((relationship) => relationshipFrom(relationship, { personaId, names }));
}

/** Every persona's name by id. */
export async function personaNames(personas: PersonaService): Promise<Map<string, string>> {
  return new Map((await personas.list()).map((persona) => [persona.id, persona.name]));
}
