import { z } from "zod";
import { isoTime } from "../../core/clock.ts";
import { defineHandler } from "../../core/server/define_handler.ts";

/** Largest serialized `data` kept as visual context; prompts must stay small. */
export const MAX_VISUAL_BYTES = 16_384;

/** Stores the session's visual/scene context. */
export default defineHandler({
  method: "visual.update",
  description: "Describe what the persona sees (scene, location, objects) for this session",
  params: z.strictObject({
    type: z.string().trim().min(1).max(64).default("general"),
    data: z.union([z.string().max(MAX_VISUAL_BYTES), z.record(z.string(), z.unknown())], {
      error: 'must be a string or an object, e.g. {"place": "harbour at dawn"}',
    })
      .refine((data) => new TextEncoder().encode(JSON.stringify(data)).length <= MAX_VISUAL_BYTES, {
        message: `must serialize to at most ${MAX_VISUAL_BYTES} bytes`,
      }),
  }),
  result: "`{visual_updated: true, update_type, timestamp}`; the scene goes into this session's " +
    "chat prompts. `data` is at most 16 KiB as JSON",
  handle(params, ctx) {
    const timestamp = isoTime(ctx.clock.now());
    ctx.session.visualContext = { type: params.type, data: params.data, updated_at: timestamp };
    return { visual_updated: true, update_type: params.type, timestamp };
  },
});
