/**
 * The LLM layer's public face: the {@linkcode LlmClient} seam and the service built from the
 * settings (`LLM_PROVIDER`, `OLLAMA_HOST`, `OPENAI_BASE_URL`, `OPENAI_API_KEY` and the limits).
 *
 * @module
 */
import type { Config } from "../config.ts";
import type { ModelBackend } from "./backend.ts";
import type { LlmClient } from "./client.ts";
import type { Provider } from "./model_ref.ts";
import { OllamaBackend } from "./ollama.ts";
import { loadOpenAiSdk, OpenAiBackend } from "./openai.ts";
import { LlmService, type LlmSettings } from "./service.ts";

export type {
  ChatCall,
  ChatMessage,
  ChatResult,
  EmbedOptions,
  JsonCall,
  JsonResult,
  LlmClient,
  ModelList,
  Priority,
} from "./client.ts";
export { parseModelRef, type Provider, PROVIDERS, qualifiedModel } from "./model_ref.ts";
export { LlmService, type LlmSettings } from "./service.ts";

/** The limits every provider shares, from the settings. */
export function llmSettings(config: Config): LlmSettings {
  return {
    timeoutMs: config.OLLAMA_TIMEOUT_MS,
    streamIdleMs: config.OLLAMA_STREAM_IDLE_MS,
    concurrency: config.LLM_CONCURRENCY,
    queueLimit: config.LLM_QUEUE_LIMIT,
    backgroundQuietMs: config.LLM_BACKGROUND_QUIET_MS,
  };
}

/** Loads the client libraries of the configured providers that load on demand (the
 * OpenAI-compatible one), so that the first call's deadline does not include it. */
export async function loadProviders(config: Config): Promise<void> {
  if (config.OPENAI_BASE_URL) await loadOpenAiSdk();
}

/**
 * The LLM client the settings ask for: `LLM_PROVIDER` answers plain model names; Ollama is
 * always available for `ollama:` names, the OpenAI-compatible server once OPENAI_BASE_URL is set.
 */
export function createLlmClient(config: Config): LlmClient {
  const backends: Partial<Record<Provider, ModelBackend>> = {
    ollama: new OllamaBackend(config.OLLAMA_HOST),
  };
  if (config.OPENAI_BASE_URL) {
    backends.openai = new OpenAiBackend({
      baseUrl: config.OPENAI_BASE_URL,
      apiKey: config.OPENAI_API_KEY,
    });
  }
  return new LlmService({
    defaultProvider: config.LLM_PROVIDER,
    backends,
    settings: llmSettings(config),
  });
}
