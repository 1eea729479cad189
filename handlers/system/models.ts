import { z } from "zod";
import { type LlmClient, type ModelList, parseModelRef } from "../../core/llm/mod.ts";
import { defineHandler } from "../../core/server/define_handler.ts";

/** How long a model list is reused: repeated calls ask the model server once, not each time. */
export const MODELS_CACHE_MS = 5_000;

/** Per model client: the list being fetched (shared by every caller) or fetched lately. */
const recent = new WeakMap<object, { list: Promise<ModelList>; settledAt?: number }>();

/**
 * The model server's list, asked once for all callers at a time and reused for
 * {@linkcode MODELS_CACHE_MS} after it arrived, so that repeated calls open no new connection
 * each (`listModels` never throws: an unreachable server is a list too).
 */
function sharedList(llm: Pick<LlmClient, "listModels">): Promise<ModelList> {
  const cached = recent.get(llm);
  if (
    cached !== undefined &&
    (cached.settledAt === undefined || performance.now() - cached.settledAt < MODELS_CACHE_MS)
  ) return cached.list;
  const entry: { list: Promise<ModelList>; settledAt?: number } = { list: llm.listModels() };
  entry.list.finally(() => entry.settledAt = performance.now()).catch(() => {});
  recent.set(llm, entry);
  return entry.list;
}

/** The model server's models, the default model, and whether the server is reachable. */
export default defineHandler({
  method: "system.models",
  description: "List the model server's models, the default model, and whether it is reachable",
  params: z.strictObject({}),
  result:
    "`{provider, host, reachable, default_model, default_model_available, available_models: " +
    "[{name, size, modified_at}], error?}`; an unreachable Ollama is `reachable: false`, " +
    "not an error; the list is asked once for concurrent calls and reused for 5 s",
  async handle(_params, ctx) {
    const list = await sharedList(ctx.llm);
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
