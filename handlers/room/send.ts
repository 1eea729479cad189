import { z } from "zod";
import { defineHandler } from "../../core/server/define_handler.ts";
import { MAX_MESSAGE_CHARS } from "../conversation/_chat.ts";
import { idParam } from "../_ids.ts";
import { shownName } from "../../core/name_characters.ts";

/** The user speaks in a room; the personas present answer. */
export default defineHandler({
  method: "room.send",
  description:
    "Say something in a room; the personas present answer in turn (named ones first); stream:true sends room.chunk notifications with each speaker first. A round that answers an error keeps nothing (retry it); the sender cannot be named like a member",
  params: z.strictObject({
    room_id: idParam(),
    content: z.string().trim().min(1).max(MAX_MESSAGE_CHARS),
    sender: shownName(128).default("user"),
    stream: z.boolean().default(false),
  }),
  result:
    "`{room_id, message_id, replies: [{message_id, persona_id, speaker, content, reason, continue_score?, lore_used, lore_used_total?, model, tokens, truncated?}]}` (lore_used: the first 32 entries that fired, lore_used_total when there were more; truncated: true when the model stopped at its token limit and the reply is cut off: remembered ending in `…`, kept as said in the transcript; absent otherwise); with `stream: true`, `room.chunk {request_id, room_id, persona_id, speaker, index, text}` notifications come first ([rooms](../core/characters/README.md#group-chat))",
  errors: ["not_found", "invalid_input", "llm_unavailable", "busy"],
  async handle(params, ctx) {
    const requestId = ctx.requestId ?? null;
    return await ctx.rooms.send({
      roomId: params.room_id,
      content: params.content,
      sender: params.sender,
      signal: ctx.signal,
      onChunk: params.stream
        ? (speaker, index, text) =>
          ctx.notify("room.chunk", {
            request_id: requestId,
            room_id: params.room_id,
            persona_id: speaker.id,
            speaker: speaker.name,
            index,
            text,
          })
        : undefined,
    });
  },
});
