import { idParam } from "../_ids.ts";
import { MemoryInput } from "../../core/memory/mod.ts";
import { defineHandler } from "../../core/server/define_handler.ts";
import { resolvePersona } from "../../core/sessions/mod.ts";

/** Stores a memory of a persona; importance is scored from the content when not given. */
export default defineHandler({
  method: "memory.store",
  description: "Store a memory of a persona (importance scored when not given)",
  params: MemoryInput.extend({ persona_id: idParam().optional() }),
  result: "`{memory_id, persona_id, importance, created_at, stored: true}`; `importance` is " +
    "[scored](../core/memory/README.md#importance) from the content when not given; " +
    "`created_at` (not in the future) imports history; `supersedes` names older memories it " +
    "[replaces](../core/memory/README.md#supersession) (kept, ranked below it)",
  errors: [
    "persona_not_found",
    "no_active_persona",
    "memory_unavailable",
    "invalid_input",
    "embedder_invalid",
    "busy",
  ],
  async handle({ persona_id, ...input }, ctx) {
    const persona = await resolvePersona(ctx, persona_id);
    const record = await ctx.memory.store(persona, input, { signal: ctx.signal });
    return {
      memory_id: record.id,
      persona_id: persona.id,
      importance: record.importance,
      created_at: record.created_at,
      stored: true,
    };
  },
});
