/**
 * The persona or room a `lorebook.*` call names, resolved (a persona by id or by name).
 *
 * @module
 */
import { InvalidInput } from "../../core/errors.ts";
import type { HandlerContext } from "../../core/server/define_handler.ts";

/** `{ personaId }` or `{ roomId }` from the params; exactly one must be given when `required`. */
export async function loreTarget(
  ctx: HandlerContext,
  params: { persona_id?: string; room_id?: string; required: boolean },
): Promise<{ personaId: string } | { roomId: string } | null> {
  const { required } = params;
  if (params.persona_id !== undefined && params.room_id !== undefined) {
    throw new InvalidInput("Name a persona or a room, not both", [
      { field: "room_id", message: "cannot be given with persona_id" },
    ]);
  }
  if (params.persona_id !== undefined) {
    return { personaId: (await ctx.personas.resolve(params.persona_id)).id };
  }
  if (params.room_id !== undefined) return { roomId: (await ctx.rooms.get(params.room_id)).id };
  if (required) {
    throw new InvalidInput("Name the persona or the room", [
      { field: "persona_id", message: "or room_id is required" },
    ]);
  }
  return null;
}
