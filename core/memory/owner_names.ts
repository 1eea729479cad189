/**
 * The names a persona goes by, as terms: its name and its card's nickname (V3's, which
 * `{{char}}` stands for). A message addressed to a persona by either asks nothing about it, and
 * a memory of a persona holds its name even when it says "I".
 *
 * @module
 */
import type { Persona } from "../personas/mod.ts";
import { termsOf } from "./terms_memo.ts";

/** The terms of `persona`'s name and nickname. */
export function personaNameTerms(persona: Persona): readonly string[] {
  const nickname = persona.card_extras.nickname;
  const terms = typeof nickname === "string" ? termsOf(`${persona.name} ${nickname}`) : undefined;
  return terms ?? termsOf(persona.name);
}

/** Each persona's name terms ({@linkcode personaNameTerms}) by its id. */
export function ownerNameTerms(personas: readonly Persona[]): Map<string, readonly string[]> {
  return new Map(personas.map((persona) => [persona.id, personaNameTerms(persona)]));
}
