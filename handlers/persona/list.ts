import { z } from "zod";
import { defineHandler } from "../../core/server/define_handler.ts";
import { avatarView } from "./_avatar.ts";
import { pageOf, pageParams } from "../../core/paging.ts";

/** Lists personas, oldest first, a page at a time. */
export default defineHandler({
  method: "persona.list",
  description:
    "List personas with their traits and avatar, oldest first; page with limit and cursor",
  params: z.strictObject(pageParams({ default: 50, max: 100 })),
  result:
    "`{personas: [Persona + avatar: {mime, size_bytes, url} | null], total_count, has_more, next_cursor}`, oldest first",
  async handle(params, ctx) {
    const all = await ctx.personas.list();
    const { items, ...paging } = pageOf(all, params, (persona) => persona.id);
    const avatars = await ctx.characters.avatarSummaries();
    const personas = items.map((persona) => ({
      ...persona,
      avatar: avatarView(persona.id, avatars.get(persona.id)),
    }));
    return { personas, total_count: all.length, ...paging };
  },
});
