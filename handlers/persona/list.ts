import { z } from "zod";
import { defineHandler } from "../../core/server/define_handler.ts";
import { avatarView } from "../../core/personas/persona_profile.ts";
import { jsonItemBytes, pageBudget, pageOf, pageParams } from "../../core/paging.ts";

/** Lists personas, oldest first, a page at a time. */
export default defineHandler({
  method: "persona.list",
  description: "List personas with their traits and avatar, oldest first; page with limit and " +
    "cursor (a page also stops before MAX_REPLY_BYTES: at least one persona, follow next_cursor)",
  params: z.strictObject(pageParams({ default: 50, max: 100 })),
  result:
    "`{personas: [Persona + avatar: {mime, size_bytes, url} | null], total_count, has_more, next_cursor}`, oldest first; at most `limit` personas, fewer when more would take the reply past MAX_REPLY_BYTES (never none)",
  async handle(params, ctx) {
    const all = await ctx.personas.list();
    const avatars = await ctx.characters.avatarSummaries();
    const view = (persona: (typeof all)[number]) => ({
      ...persona,
      avatar: avatarView(persona.id, avatars.get(persona.id)),
    });
    // Oldest first, by creation time then name (as the store lists them); a page resumes after
    // its last persona's place in that order, whatever was deleted meanwhile.
    const order = {
      keyOf: (persona: (typeof all)[number]) => persona.id,
      // SQLite's NOCASE order of names (ASCII letters folded), then the name as spelt.
      sortOf: (persona: (typeof all)[number]) => [
        persona.created_at,
        persona.name.replace(/[A-Z]/g, (letter) => letter.toLowerCase()),
        persona.name,
      ],
    };
    const { items, ...paging } = pageOf(all, params, order, {
      budgetBytes: pageBudget(ctx),
      sizeOf: (persona) => jsonItemBytes(view(persona)),
    });
    return { personas: items.map(view), total_count: all.length, ...paging };
  },
});
