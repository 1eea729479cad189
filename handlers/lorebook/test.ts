import { z } from "zod";
import { activateLore, loreCharacterOf, testLoreReport } from "../../core/lore/mod.ts";
import { macrosFor } from "../../core/chat/mod.ts";
import { defineHandler } from "../../core/server/define_handler.ts";
import { resolvePersona } from "../../core/sessions/mod.ts";
import { idParam } from "../_ids.ts";
import { shownName } from "../../core/name_characters.ts";

/** Which entries would fire for some chat text: a dry run for debugging a lorebook. */
export default defineHandler({
  method: "lorebook.test",
  description:
    "Dry run: which lorebook entries would fire for these messages (oldest first), with the books in play for the persona (and room), or only lorebook_ids",
  params: z.strictObject({
    messages: z.array(z.strictObject({
      name: z.string().max(128).default(""),
      text: z.string().max(16_000),
    })).min(1).max(200),
    persona_id: idParam().optional(),
    room_id: idParam().optional(),
    lorebook_ids: z.array(idParam()).max(32).optional(),
    user: shownName(128).default("user"),
  }),
  result:
    "`{persona_id, lorebook_ids, fired: [{lorebook_id, entry, label, via, matched_key?, step, position, insertion_order, tokens, content}], cut: [{lorebook_id, entry, label, tokens, reason}], refused_keys: [{lorebook_id, entry, key, reason}]}`, each list its first entries only (fired 200 within 256 KiB, cut and refused_keys 64 within 64 KiB) with `fired_total`, `cut_total`, `refused_keys_total` when there are more; probability rolls all pass; an inclusion group keeps its override, else its first entry by weight (the draw is 0); entries whose character_filter leaves out the persona are not in play (no persona: no filter), delay counts the messages given, sticky and cooldown are not kept; cut reasons: budget, probability, group (lost its inclusion group), time (the scan's time budget was spent), limit (past the 10,000 entries in play); refused_keys: regex keys that never match (invalid, or a count over 100 / a program too large)",
  errors: ["persona_not_found", "no_active_persona", "not_found"],
  async handle(params, ctx) {
    // With explicit books, a persona is only needed for {{char}}: the active one, if any.
    const persona = params.lorebook_ids && params.persona_id === undefined &&
        ctx.session.activePersonaId === null
      ? undefined
      : await resolvePersona(ctx, params.persona_id);
    const roomId = params.room_id === undefined ? null : (await ctx.rooms.get(params.room_id)).id;
    const chosen = [];
    for (const id of params.lorebook_ids ?? []) chosen.push(await ctx.lore.get(id));
    const books = params.lorebook_ids
      ? chosen.map((b) => ({ id: b.id, name: b.name, book: b.book }))
      : persona
      ? await ctx.lore.booksFor(persona, roomId)
      : [];
    const activation = activateLore({
      books,
      messages: params.messages,
      defaults: ctx.lore.defaults,
      substitute: persona ? macrosFor(persona, params.user) : undefined,
      random: () => 0,
      character: persona ? loreCharacterOf(persona) : undefined,
    });
    return {
      persona_id: persona?.id ?? null,
      lorebook_ids: books.map((b) => b.id),
      ...testLoreReport(activation),
    };
  },
});
