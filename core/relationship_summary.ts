/**
 * The relationships a character card export lists ({@linkcode relationshipSummary}): the
 * composition root (`services.ts`) hands it to the character service, which knows neither
 * relationships nor personas.
 *
 * @module
 */
import type { RelationshipSummary } from "./characters/mod.ts";
import type { Persona, PersonaService } from "./personas/mod.ts";
import type { RelationshipService } from "./relationships/mod.ts";

/** A persona's relationships, named, as a card export summarises them. */
export async function relationshipSummary(
  deps: { relationships: RelationshipService; personas: PersonaService },
  persona: Persona,
): Promise<RelationshipSummary[]> {
  const { relationships, personas } = deps;
  const summaries: RelationshipSummary[] = [];
  for (const r of await relationships.listFor(persona.id)) {
    const other = await personas.find(r.persona1_id === persona.id ? r.persona2_id : r.persona1_id);
    if (!other) continue;
    summaries.push({
      name: other.name,
      relationship_type: r.relationship_type,
      strength: r.strength,
      trust: r.trust,
      affinity: r.affinity,
    });
  }
  return summaries;
}
