import { z } from "zod";
import { idParam } from "../_ids.ts";
import { blockView, MAX_BLOCKS } from "../../core/mind/mod.ts";
import { jsonItemBytes, pageBudget, pageOf, pageParams } from "../../core/paging.ts";
import { defineHandler } from "../../core/server/define_handler.ts";
import { resolvePersona } from "../../core/sessions/mod.ts";

/** A persona's core memory blocks, in the order the prompt shows them. */
export default defineHandler({
  method: "memory.block_list",
  description: "List a persona's core memory blocks, in prompt order (all of them unless they " +
    "would take the reply past MAX_REPLY_BYTES: then follow next_cursor)",
  params: z.strictObject({
    persona_id: idParam().optional(),
    ...pageParams({ default: MAX_BLOCKS, max: MAX_BLOCKS }),
  }),
  result: "`{persona_id, blocks: [Block], total, has_more, next_cursor}` in creation order, the " +
    "order of the prompt; a Block is `{label, content, chars, limit, read_only, description, " +
    "created_at, updated_at}`. A page holds every block up to `limit`, fewer when more would " +
    "take the reply past MAX_REPLY_BYTES (32 blocks of 100,000 characters would; never none)",
  errors: ["persona_not_found", "no_active_persona"],
  async handle(params, ctx) {
    const persona = await resolvePersona(ctx, params.persona_id);
    const blocks = await ctx.blocks.list(persona);
    // In prompt order (position); a page resumes after its last block's place in it.
    const order = {
      keyOf: (block: (typeof blocks)[number]) => block.label,
      sortOf: (block: (typeof blocks)[number]) => [block.position, block.label],
    };
    const { items, ...paging } = pageOf(blocks, params, order, {
      budgetBytes: pageBudget(ctx),
      sizeOf: (block) => jsonItemBytes(blockView(block)),
    });
    return {
      persona_id: persona.id,
      blocks: items.map(blockView),
      total: blocks.length,
      ...paging,
    };
  },
});
