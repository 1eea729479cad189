import { z } from "zod";
import { parseModelRef } from "../../core/llm/mod.ts";
import { defineHandler } from "../../core/server/define_handler.ts";

/** The model server's models, the default model, and whether the server is reachable. */
export default defineHandler({
  method: "system.models",
  description: "List the model server's models, the default model, and whether it is reachable",
  params: z.strictObject({}),
  result:
    "`{provider, host, reachable, default_model, default_model_available, available_models: " +
    "[{name, size, modified_at}], error?}`; an unreachable Ollama is `reachable: false`, " +
    "not an error",
  async handle(_params, ctx) {
    const list = await ctx.llm.listModels();
    const names = list.models.map((model) => model.name);
    const wanted = parseModelRef(ctx.config.DEFAULT_MODEL, ctx.config.LLM_PROVIDER);
    return {
      provider: ctx.llm.provider,
      host: ctx.llm.host,
      reachable: list.reachable,
      default_model: ctx.config.DEFAULT_MODEL,
      // Unknown (null) when DEFAULT_MODEL names another provider than the one listed.
      default_model_available: wanted.provider === ctx.llm.provider
        ? names.includes(wanted.model)
        : null,
      available_models: list.models,
      ...(list.error ? { error: list.error } : {}),
    };
  },
});
