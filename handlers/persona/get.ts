import { z } from "zod";
import { profileMemoryStats } from "../../core/memory/profile.ts";
import { defineHandler } from "../../core/server/define_handler.ts";
import { ResultMemo } from "../../core/server/rpc/kept_json.ts";
import type { Persona } from "../../core/personas/mod.ts";
import { resolvePersona } from "../../core/sessions/mod.ts";
import { avatarView } from "./_avatar.ts";

/**
 * Answers kept per persona (a cached persona object is replaced when it changes), serialized
 * once: reused while the memory figures and the avatar and lorebooks read are the same.
 */
const answers = new ResultMemo<Persona, object>();

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
    // Read on every call, written rarely: kept until the next write (on any node).
    const extras = await ctx.readCache.get(`persona.get:${persona.id}`, async () => {
      const avatar = await ctx.characters.avatar(persona.id);
      return {
        avatar: avatarView(
          persona.id,
          avatar && { mime: avatar.mime, size_bytes: avatar.data.length },
        ),
        lorebooks: (await ctx.lore.list({ persona })).map((book) => ({
          id: book.id,
          name: book.name,
          own: book.owner_persona_id === persona.id,
          entry_count: book.book.entries.length,
        })),
      };
    });
    const { total_memories, recent_interactions, memory_error } = memoryStats;
    const figures = [total_memories, recent_interactions, memory_error, extras];
    return answers.get(persona, figures, () => ({
      persona: { ...persona, memory_stats: memoryStats, ...extras },
    }));
  },
});
