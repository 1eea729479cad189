import { z } from "zod";
import { idParam } from "../_ids.ts";
import { defineHandler } from "../../core/server/define_handler.ts";
import { getPrompt } from "../../core/server/mcp/mod.ts";

/** MCP: a persona's system prompt, ready for the client's own model. */
export default defineHandler({
  method: "prompts/get",
  description:
    "MCP: speak as a persona: its system prompt with its feelings, relationships and memories; " +
    "unknown names are -32602",
  params: z.looseObject({
    name: idParam(),
    arguments: z.record(z.string(), z.string().max(200)).optional(),
  }),
  result: '`{description, messages: [{role: "user", content: {type: "text", text}}]}`: the ' +
    "persona's system prompt as one user message; argument `sender` says who it talks to, " +
    "`message` what it answers (the memories it recalls join the prompt)",
  errors: ["invalid_input"],
  async handle(params, ctx) {
    return await getPrompt(ctx, params.name, params.arguments);
  },
});
