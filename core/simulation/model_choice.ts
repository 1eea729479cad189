/**
 * Which model a simulation talks to: Ollama when asked (or on `auto`) and it is reachable with
 * every model the room needs; otherwise the scripted model, with a notice saying why.
 *
 * @module
 */
import type { Config } from "../config.ts";
import { type LlmClient, OllamaClient } from "../llm/client.ts";
import type { Persona } from "../personas/mod.ts";
import type { Scenario } from "./scenario.ts";
import { SCRIPTED_LABEL, ScriptedModel } from "./scripted_model.ts";

/** The chosen model. */
export interface ModelChoice {
  kind: "ollama" | "scripted";
  llm: LlmClient;
  /** What reports and output call it. */
  label: string;
  /** Why the scripted model is used although Ollama was wanted (null otherwise). */
  notice: string | null;
}

/** What the choice needs besides the scenario. */
export interface ChoiceInput {
  config: Config;
  seed: number;
  /** The personas of the room (read lazily: they are created after the model is chosen). */
  roster: () => readonly Persona[];
  /** Models the personas ask for besides DEFAULT_MODEL. */
  personaModels: string[];
}

function hasModel(available: string[], wanted: string): boolean {
  const plain = (name: string) => name.replace(/:latest$/, "");
  return available.some((name) => plain(name) === plain(wanted));
}

/** Chooses the model for `scenario.model`, checking Ollama before relying on it. */
export async function chooseModel(
  choice: Scenario["model"],
  input: ChoiceInput,
): Promise<ModelChoice> {
  const scripted = (notice: string | null): ModelChoice => ({
    kind: "scripted",
    llm: new ScriptedModel({ seed: input.seed, roster: input.roster }),
    label: SCRIPTED_LABEL,
    notice,
  });
  if (choice === "scripted") return scripted(null);
  const { config } = input;
  const ollama = new OllamaClient({
    host: config.OLLAMA_HOST,
    timeoutMs: config.OLLAMA_TIMEOUT_MS,
    streamIdleMs: config.OLLAMA_STREAM_IDLE_MS,
    concurrency: config.LLM_CONCURRENCY,
    queueLimit: config.LLM_QUEUE_LIMIT,
  });
  const listed = await ollama.listModels();
  const wanted = [...new Set([config.DEFAULT_MODEL, ...input.personaModels])];
  if (!listed.reachable) {
    return scripted(
      `Ollama is not reachable at ${config.OLLAMA_HOST} (${listed.error?.message}); ` +
        "using the built-in scripted model instead",
    );
  }
  const names = listed.models.map((model) => model.name);
  const missing = wanted.filter((model) => !hasModel(names, model));
  if (missing.length) {
    return scripted(
      `Ollama at ${config.OLLAMA_HOST} lacks ${missing.join(", ")} (pull it with ` +
        `"ollama pull ${missing[0]}"); using the built-in scripted model instead`,
    );
  }
  return {
    kind: "ollama",
    llm: ollama,
    label: `ollama ${wanted.join(", ")} at ${config.OLLAMA_HOST}`,
    notice: null,
  };
}
