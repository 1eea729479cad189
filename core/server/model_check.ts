/**
 * The start-up look at the model server: one WARN line when it cannot be reached or lacks
 * DEFAULT_MODEL, so that a user learns before the first chat fails (the server runs either way).
 *
 * @module
 */
import { parseModelRef } from "../llm/mod.ts";
import type { LlmClient } from "../llm/client.ts";
import type { Logger } from "../log.ts";
import type { Config } from "../config.ts";
import { shellWord } from "../shell_word.ts";

/** What {@linkcode checkModelServer} looks at. */
export interface ModelCheckDeps {
  llm: Pick<LlmClient, "listModels" | "provider" | "host">;
  log: Pick<Logger, "warn">;
  /** DEFAULT_MODEL (plain or `provider:model`) and the provider a plain name means. */
  config: Pick<Config, "DEFAULT_MODEL" | "LLM_PROVIDER">;
}

/**
 * Lists the model server's models once and warns when it is unreachable or lacks the default
 * model; says nothing when all is well. Never throws (`listModels` reports, it does not throw).
 */
export async function checkModelServer(deps: ModelCheckDeps): Promise<void> {
  const { llm, log, config } = deps;
  const list = await llm.listModels();
  if (!list.reachable) {
    const data = list.error?.data as { hint?: unknown; reason?: unknown } | undefined;
    // A timeout's hint is the chat's ("a shorter message…"): no fit for a list of models.
    const hint = data?.reason === "timeout"
      ? "It took the connection but did not list its models in time: check that it is healthy"
      : data?.hint;
    log.warn(`Model server not reachable: chats will fail until it runs`, {
      provider: llm.provider,
      host: llm.host,
      ...(typeof hint === "string" ? { hint } : {}),
    });
    return;
  }
  const wanted = parseModelRef(config.DEFAULT_MODEL, config.LLM_PROVIDER);
  // A DEFAULT_MODEL of another provider is not in this list: nothing to say about it.
  if (wanted.provider !== llm.provider) return;
  // Ollama lists a model pulled without a tag as `name:latest`.
  const names = new Set([wanted.model, `${wanted.model}:latest`]);
  if (list.models.some((model) => names.has(model.name))) return;
  log.warn("DEFAULT_MODEL is not on the model server: chats will fail until it is", {
    provider: llm.provider,
    host: llm.host,
    default_model: config.DEFAULT_MODEL,
    hint: llm.provider === "ollama"
      ? `Run \`ollama pull ${shellWord(wanted.model)}\`, or set DEFAULT_MODEL to a model you have`
      : "Set DEFAULT_MODEL to a model the server has (system.models lists them)",
  });
}
