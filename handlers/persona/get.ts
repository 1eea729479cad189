import { z } from "zod";
import { profileMemoryStats } from "../../core/memory/profile.ts";
import { defineHandler } from "../../core/server/define_handler.ts";
import { resolvePersona } from "../../core/sessions/mod.ts";

/** One persona: by id or name, or the session's active persona; with memory, avatar and lore. */
export default defineHandler({
  method: "persona.get",
  description:
    "Get one persona by id or name, or the session's active persona when none is given; with its memory figures, avatar and lorebooks",
  params: z.strictObject({ persona_id: z.string().min(1).optional() }),
  result: "`{persona: Persona + memory_stats: {total_memories, recent_interactions}}`; when " +
    "memory cannot be reached, `total_memories` is null and `memory_error` says why",
  errors: ["persona_not_found", "no_active_persona"],
  async handle(params, ctx) {
    const persona = await resolvePersona(ctx, params.persona_id);
    const memoryStats = await profileMemoryStats(ctx, persona);
    const avatar = await ctx.characters.avatar(persona.id);
    const lorebooks = (await ctx.lore.list({ persona })).map((book) => ({
      id: book.id,
      name: book.name,
      own: book.owner_persona_id === persona.id,
      entry_count: book.book.entries.length,
    }));
    return {
      persona: {
        ...persona,
        memory_stats: memoryStats,
        avatar: avatar
          ? {
            mime: avatar.mime,
            size_bytes: avatar.data.length,
            url: `/api/personas/${persona.id}/avatar`,
          }
          : null,
        lorebooks,
      },
    };
  },
});
