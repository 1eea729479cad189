import { z } from "zod";
import { defineHandler } from "../../core/server/define_handler.ts";
import { pageOf, pageParams } from "../../core/paging.ts";
import { relationshipsOf } from "../../core/relationships/views.ts";
import { resolvePersona } from "../../core/sessions/mod.ts";
import { idParam } from "../_ids.ts";

/** A persona's relationships, strongest first, a page at a time. */
export default defineHandler({
  method: "relationship.list",
  description:
    "Relationships of persona_id (or the active persona), strongest first; page with limit and cursor",
  params: z.strictObject({
    persona_id: idParam().optional(),
    ...pageParams({ default: 100, max: 500 }),
  }),
  result: "`{persona_id, relationships: [as in relationship.get], total_relationships, " +
    "has_more, next_cursor}`, strongest first",
  errors: ["persona_not_found", "no_active_persona"],
  async handle(params, ctx) {
    const persona = await resolvePersona(ctx, params.persona_id);
    const all = await relationshipsOf(ctx, persona.id);
    // Strongest first, then the latest interaction (none last), then the other persona's id.
    const { items, ...paging } = pageOf(all, params, {
      keyOf: (view) => view.target_persona_id,
      sortOf: (view) => [view.strength, view.last_interaction ?? "", view.target_persona_id],
      descending: true,
    });
    return {
      persona_id: persona.id,
      relationships: items,
      total_relationships: all.length,
      ...paging,
    };
  },
});
