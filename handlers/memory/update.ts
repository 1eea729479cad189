import { z } from "zod";
import { MAX_MEMORY_ID, MemoryPatch, toView } from "../../core/memory/mod.ts";
import { defineHandler } from "../../core/server/define_handler.ts";

/** Corrects a memory: its content, importance or visibility, or the older memories it replaces. */
export default defineHandler({
  method: "memory.update",
  description:
    "Correct a memory's content, importance or visibility, or mark older memories it replaces",
  params: MemoryPatch.extend({ memory_id: z.string().min(1).max(MAX_MEMORY_ID) }),
  result: "`{memory, updated: true, message}`; give at least one field; new content is " +
    "re-embedded, a new importance restarts its decay; `supersedes` adds " +
    "[replaced memories](../core/memory/README.md#supersession)",
  errors: ["not_found", "invalid_input", "memory_unavailable", "embedder_invalid", "busy"],
  async handle({ memory_id, ...patch }, ctx) {
    const record = await ctx.memory.update(memory_id, patch, ctx.signal);
    return { memory: toView(record), updated: true, message: "Memory updated" };
  },
});
