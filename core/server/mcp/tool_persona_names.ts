/**
 * Persona arguments of a tool call given by name: an agent may name a persona where a method
 * takes its id, and `tools/call` (`tool_call.ts`) turns such names into ids before the call.
 *
 * @module
 */
import { PersonaNotFound } from "../../errors.ts";
import type { HandlerContext } from "../define_handler.ts";

/** Arguments that name a persona: an agent may give its name instead of its id. */
const PERSONA_ARGUMENTS = ["persona_id", "persona1_id", "persona2_id", "target_persona_id"];
/** Arguments that list personas. */
const PERSONA_LIST_ARGUMENTS = ["participants"];
/**
 * Longest persona list whose names are looked up (every method takes at most 8): a longer one is
 * passed on as given, for the method's own check to refuse, instead of costing a lookup an item.
 */
const MAX_NAMED_LIST = 16;
/** Longest text looked up as a name or id (names hold at most 64 characters, ids 36). */
const MAX_NAME_CHARS = 128;

/**
 * Persona arguments given by name become ids (any case, as `persona.switch` accepts them). A
 * name that matches nobody is left alone: the method then reports the unknown persona.
 */
export async function withPersonaIds(
  ctx: HandlerContext,
  args: Record<string, unknown>,
): Promise<Record<string, unknown>> {
  const idOf = async (value: unknown): Promise<unknown> => {
    if (typeof value !== "string" || value.length > MAX_NAME_CHARS) return value;
    try {
      return (await ctx.personas.resolve(value)).id;
    } catch (error) {
      if (error instanceof PersonaNotFound) return value;
      throw error;
    }
  };
  const resolved = { ...args };
  for (const name of PERSONA_ARGUMENTS) {
    if (name in resolved) resolved[name] = await idOf(resolved[name]);
  }
  for (const name of PERSONA_LIST_ARGUMENTS) {
    const list = resolved[name];
    if (Array.isArray(list) && list.length <= MAX_NAMED_LIST) {
      const ids = [];
      for (const item of list) ids.push(await idOf(item));
      resolved[name] = ids;
    }
  }
  return resolved;
}
