/**
 * Resolving "the persona this request is about": an explicit id, or the session's active one.
 *
 * @module
 */
import { NoActivePersona } from "../errors.ts";
import type { Persona, PersonaService } from "../personas/mod.ts";
import type { Session } from "./session.ts";

/**
 * The persona named by `personaId` (an id, or a name in any case), else the session's active
 * persona; throws -32000/-32001.
 */
export async function resolvePersona(
  caller: { personas: PersonaService; session: Session },
  personaId?: string,
): Promise<Persona> {
  const { personas, session } = caller;
  if (personaId !== undefined) return await personas.resolve(personaId);
  if (session.activePersonaId === null) throw new NoActivePersona();
  const persona = await personas.find(session.activePersonaId);
  if (!persona) {
    // Deleted through another connection since it was chosen.
    session.activePersonaId = null;
    throw new NoActivePersona();
  }
  return persona;
}
