import { z } from "zod";
import { personaFields } from "../../core/personas/mod.ts";
import { defineHandler } from "../../core/server/define_handler.ts";

/** Restores a persona bundle (from persona.export) as a new persona on this server. */
export default defineHandler({
  method: "persona.import",
  description:
    "Restore a bundle from persona.export as a new persona (new ids; relationships and related memories mapped to personas of the same name here)",
  params: z.strictObject({
    bundle: z.record(z.string(), z.unknown()),
    name: personaFields.name.optional(),
    on_conflict: z.enum(["error", "rename"]).default("error"),
  }),
  result:
    "`{persona_id, message, persona, restored: {assets, lorebooks, memories, relationships, blocks}, notes}`; what could not be restored (memories while the store is down or the embedding model answers invalid vectors, relations to personas missing here) is named in `notes`, and so are `supersedes` links that formed a cycle (each cycle loses the link into its newest memory, which stays current; every memory is restored), and so are the fields this server does not read (a newer version's parts and fields: `future_part`, `persona.x`, `memories.*.x`), which are left out",
  errors: ["conflict", "invalid_input"],
  async handle(params, ctx) {
    const imported = await ctx.bundles.importBundle(params.bundle, {
      name: params.name,
      onConflict: params.on_conflict,
    });
    return {
      persona_id: imported.persona.id,
      message: `Imported persona "${imported.persona.name}"`,
      ...imported,
    };
  },
});
