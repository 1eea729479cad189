/**
 * Model names with an optional provider: `llama3.1:8b` asks the default provider, and
 * `openai:qwen2.5-7b-instruct` or `ollama:llama3.1:8b` name one. Only a known provider name counts
 * as a prefix, so Ollama's own `name:tag` form is never mistaken for one.
 *
 * @module
 */

/** The model servers persona-mcp speaks to. */
export const PROVIDERS = ["ollama", "openai"] as const;

/** A model server's API: Ollama's own, or the OpenAI-compatible one. */
export type Provider = typeof PROVIDERS[number];

/** A model and the provider that serves it. */
export interface ModelRef {
  provider: Provider;
  model: string;
}

function isProvider(text: string): text is Provider {
  return (PROVIDERS as readonly string[]).includes(text);
}

/** Splits `provider:model`; a name without a known provider prefix goes to `fallback`. */
export function parseModelRef(name: string, fallback: Provider): ModelRef {
  const colon = name.indexOf(":");
  const prefix = colon > 0 ? name.slice(0, colon) : "";
  if (isProvider(prefix) && colon < name.length - 1) {
    return { provider: prefix, model: name.slice(colon + 1) };
  }
  return { provider: fallback, model: name };
}

/**
 * The name with its provider spelled out, e.g. `ollama:nomic-embed-text`; `fallback` is the
 * provider of a plain name (any client's provider, `scripted` included).
 */
export function qualifiedModel(name: string, fallback: string): string {
  const colon = name.indexOf(":");
  return isProvider(name.slice(0, Math.max(colon, 0))) ? name : `${fallback}:${name}`;
}
