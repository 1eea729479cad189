import { z } from "zod";
import { BUNDLE_PARTS } from "../../core/bundles/mod.ts";
import { defineHandler } from "../../core/server/define_handler.ts";
import { resolvePersona } from "../../core/sessions/mod.ts";
import { idParam } from "../_ids.ts";

const part = z.enum(BUNDLE_PARTS);

/** A persona as one JSON bundle (this server's own format) for another server. */
export default defineHandler({
  method: "persona.export",
  description:
    "Export a persona (or the active one) as one JSON bundle with its avatar and, as included, memories, relationships, lorebooks and core memory blocks",
  params: z.strictObject({
    persona_id: idParam().optional(),
    /** The parts to include: a list, or an object of flags; all by default. */
    include: z.union([
      z.array(part),
      z.strictObject(Object.fromEntries(BUNDLE_PARTS.map((p) => [p, z.boolean().optional()]))),
    ]).default([...BUNDLE_PARTS]),
  }),
  result:
    '`{persona_id, bundle: {format: "persona-mcp/bundle", version, exported_at, persona, personas, assets, lorebooks, memories, relationships, blocks}}` ([bundles](../core/characters/README.md#bundles))',
  errors: ["persona_not_found", "no_active_persona", "memory_unavailable"],
  // A bundle is one value: it cannot be paged. REST has no reply limit.
  tooLarge: "fetch the bundle over HTTP instead (GET /api/personas/{name}/bundle, no size " +
    'limit), or leave memories out: include ["relationships","lorebooks","blocks"]',
  async handle(params, ctx) {
    const persona = await resolvePersona(ctx, params.persona_id);
    const include = Array.isArray(params.include) ? new Set(params.include) : new Set(
      BUNDLE_PARTS.filter((p) => (params.include as Record<string, unknown>)[p] !== false),
    );
    const bundle = await ctx.bundles.exportBundle(persona, include);
    return { persona_id: persona.id, bundle };
  },
});
