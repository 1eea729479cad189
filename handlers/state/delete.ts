import { z } from "zod";
import { NotFound } from "../../core/errors.ts";
import { defineHandler } from "../../core/server/define_handler.ts";
import { savedSessionKey } from "../../core/sessions/mod.ts";

/** Deletes a saved state (keys are shared by every client: whoever knows one may delete it). */
export default defineHandler({
  method: "state.delete",
  description: "Delete the state saved under a key with state.save",
  params: z.strictObject({ key: savedSessionKey }),
  result: "`{state_deleted: true, key}`",
  errors: ["not_found"],
  async handle(params, ctx) {
    if (!await ctx.savedSessions.delete(params.key)) {
      throw new NotFound(`No saved state under key "${params.key}"`, {
        fields: [{ field: "key", message: "no state is saved under this key" }],
      });
    }
    return { state_deleted: true, key: params.key };
  },
});
