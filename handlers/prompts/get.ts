import { z } from "zod";
import { idParam } from "../_ids.ts";
import { defineHandler } from "../../core/server/define_handler.ts";
import { getPrompt } from "../../core/server/mcp/mod.ts";
import { nameCharactersProblem } from "../../core/name_characters.ts";

/** MCP: a persona's system prompt, ready for the client's own model. */
export default defineHandler({
  method: "prompts/get",
  description:
    "MCP: speak as a persona: its system prompt with its feelings, relationships and memories; " +
    "unknown names are -32602",
  params: z.looseObject({
    name: idParam(),
    // `sender` is a name the prompt shows: the rule of names others see (a blank one is "the user").
    arguments: z.record(z.string(), z.string().max(200)).superRefine((args, context) => {
      const problem = args.sender?.trim() ? nameCharactersProblem(args.sender.trim()) : null;
      if (problem) context.addIssue({ code: "custom", path: ["sender"], message: problem });
    }).optional(),
  }),
  result: '`{description, messages: [{role: "user", content: {type: "text", text}}]}`: the ' +
    "persona's system prompt as one user message; argument `sender` says who it talks to (a " +
    "name: no control, invisible or direction-changing characters, else -32602), " +
    "`message` what it answers (the memories it recalls join the prompt)",
  errors: ["invalid_input"],
  async handle(params, ctx) {
    return await getPrompt(ctx, params.name, params.arguments);
  },
});
