import { z } from "zod";
import { defineHandler } from "../../core/server/define_handler.ts";

/** The models Ollama has, the default model, and whether Ollama is reachable. */
export default defineHandler({
  method: "system.models",
  description: "List Ollama's models, the default model, and whether Ollama is reachable",
  params: z.strictObject({}),
  result:
    "`{provider, host, reachable, default_model, default_model_available, available_models: " +
    "[{name, size, modified_at}], error?}`; an unreachable Ollama is `reachable: false`, " +
    "not an error",
  async handle(_params, ctx) {
    const list = await ctx.llm.listModels();
    const names = list.models.map((model) => model.name);
    return {
      provider: "ollama",
      host: ctx.llm.host,
      reachable: list.reachable,
      default_model: ctx.config.DEFAULT_MODEL,
      default_model_available: names.includes(ctx.config.DEFAULT_MODEL),
      available_models: list.models,
      ...(list.error ? { error: list.error } : {}),
    };
  },
});
