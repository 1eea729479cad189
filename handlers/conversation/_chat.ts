/**
 * The parameters and the handler-side glue shared by `conversation.send_message` and
 * `persona.chat` (the original project's name for the same operation).
 *
 * @module
 */
import { z } from "zod";
import type { HandlerContext } from "../../core/server/define_handler.ts";
import { resolvePersona } from "../../core/sessions/mod.ts";
import type { SendMessageResult } from "../../core/chat/engine.ts";
import { idParam } from "../_ids.ts";
import { shownName } from "../../core/name_characters.ts";

/** Longest message accepted (characters). */
export const MAX_MESSAGE_CHARS = 16_000;

/** Optional fields of a chat request. */
export const chatOptions = {
  sender: shownName(128).default("user"),
  room_id: z.string().trim().min(1).max(128).optional(),
  context: z.record(z.string(), z.unknown()).refine(
    (context) => JSON.stringify(context).length <= 8192,
    { message: "must serialize to at most 8192 characters" },
  ).optional(),
  stream: z.boolean().default(false),
  persona_id: idParam().optional(),
};

/** The message text. */
export const messageText = z.string().trim().min(1).max(MAX_MESSAGE_CHARS);

/** Chat options after validation. */
export type ChatOptions = z.output<z.ZodObject<typeof chatOptions>>;

/**
 * Sends `content` to the explicit or active persona. With `stream: true`, each piece of the
 * answer goes out first as a `conversation.chunk` notification carrying the request id.
 */
export async function chat(
  ctx: HandlerContext,
  content: string,
  options: ChatOptions,
): Promise<SendMessageResult> {
  const persona = await resolvePersona(ctx, options.persona_id);
  const requestId = ctx.requestId ?? null;
  return await ctx.chat.sendMessage({
    persona,
    session: ctx.session,
    content,
    sender: options.sender,
    roomId: options.room_id ?? null,
    context: options.context,
    signal: ctx.signal,
    onChunk: options.stream
      ? (index, text) =>
        ctx.notify("conversation.chunk", {
          request_id: requestId,
          persona_id: persona.id,
          index,
          text,
        })
      : undefined,
  });
}
