/**
 * The system prompt a client's model gets to role-play a persona.
 *
 * @module
 */
import { type Persona, TRAIT_NAMES } from "../personas/mod.ts";
import type { Session } from "../sessions/mod.ts";

function traitWords(persona: Persona): string {
  return TRAIT_NAMES.map((trait) => `${trait} ${persona.personality_traits[trait].toFixed(1)}`)
    .join(", ");
}

/** The persona's system prompt: identity, traits, backstory, goals, style and the scene. */
export function personaSystemPrompt(persona: Persona, session: Session): string {
  const parts = [`You are ${persona.name}. Stay in character in every reply.`];
  if (persona.description) parts.push(persona.description);
  parts.push(`Personality (Big Five, 0-1): ${traitWords(persona)}.`);
  if (persona.backstory) parts.push(`Backstory: ${persona.backstory}`);
  if (persona.goals.length > 0) parts.push(`Goals: ${persona.goals.join("; ")}.`);
  if (persona.speaking_style) parts.push(`Speaking style: ${persona.speaking_style}`);
  if (session.visualContext) {
    parts.push(`Current scene: ${JSON.stringify(session.visualContext.data)}`);
  }
  return parts.join("\n\n");
}
