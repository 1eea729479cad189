import { z } from "zod";
import { MAX_ROOM_MEMBERS } from "../../core/rooms/mod.ts";
import { defineHandler } from "../../core/server/define_handler.ts";
import { idParam } from "../_ids.ts";
import { shownName } from "../../core/name_characters.ts";

/** Opens a room where the user chats with several personas. */
export default defineHandler({
  method: "room.create",
  description:
    "Open a room for a group chat of the user with personas (ids or names); lorebooks attached to the room apply to everyone in it",
  params: z.strictObject({
    persona_ids: z.array(idParam()).min(1).max(MAX_ROOM_MEMBERS),
    lorebook_ids: z.array(idParam()).max(32).default([]),
    scenario: z.string().max(20_000).default(""),
    name: shownName(200).optional(),
    /** `natural`: the persona-to-persona rules choose who answers; `everyone`: all answer. */
    reply_mode: z.enum(["natural", "everyone"]).default("natural"),
    /** Most replies to one user message (default: the number of personas, at most 8). */
    max_replies: z.number().int().min(1).max(32).optional(),
  }),
  result:
    "`{room_id, room: {id, name, scenario, reply_mode, max_replies, members, message_count, created_at}, lorebook_ids}` ([rooms](../core/characters/README.md#group-chat))",
  errors: ["persona_not_found", "not_found", "invalid_input"],
  async handle(params, ctx) {
    const personas = [];
    for (const id of params.persona_ids) personas.push(await ctx.personas.resolve(id));
    const books: Array<{ id: string }> = [];
    for (const id of params.lorebook_ids) books.push(await ctx.lore.get(id));
    const room = await ctx.rooms.create({
      personas,
      name: params.name,
      scenario: params.scenario,
      replyMode: params.reply_mode,
      maxReplies: params.max_replies,
      // In the room's transaction: a book deleted meanwhile fails the call, no room is left.
      within: async (made) => {
        for (const book of books) await ctx.lore.attach(book.id, { roomId: made.id });
      },
    });
    return { room_id: room.id, room, lorebook_ids: books.map((book) => book.id) };
  },
});
