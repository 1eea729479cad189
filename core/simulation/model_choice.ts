/**
 * Which model a simulation talks to: the configured model server (`LLM_PROVIDER`: Ollama or an
 * OpenAI-compatible server) when asked and it is reachable with every model the room needs;
 * otherwise the scripted model, with a notice saying why. The scenario calls the first choice
 * `ollama`, its name from before other servers were supported.
 *
 * @module
 */
import type { Config } from "../config.ts";
import { createLlmClient, type LlmClient, parseModelRef } from "../llm/mod.ts";
import type { Persona } from "../personas/mod.ts";
import type { Scenario } from "./scenario.ts";
import { SCRIPTED_LABEL, ScriptedModel } from "./scripted_model.ts";
import { shellWord } from "../shell_word.ts";

/** The chosen model. */
export interface ModelChoice {
  kind: "ollama" | "scripted";
  llm: LlmClient;
  /** What reports and output call it. */
  label: string;
  /** Why the scripted model is used although a model server was wanted (null otherwise). */
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
  const llm = createLlmClient(config);
  const server = config.LLM_PROVIDER === "ollama" ? "Ollama" : "The OpenAI-compatible server";
  const listed = await llm.listModels();
  const wanted = [...new Set([config.DEFAULT_MODEL, ...input.personaModels])];
  if (!listed.reachable) {
    return scripted(
      `${server} is not reachable at ${llm.host} (${listed.error?.message}); ` +
        "using the built-in scripted model instead",
    );
  }
  // Only the default provider's list is at hand: models of another provider are not checked.
  const names = listed.models.map((model) => model.name);
  const missing = wanted.map((name) => parseModelRef(name, config.LLM_PROVIDER))
    .filter((ref) => ref.provider === config.LLM_PROVIDER && !hasModel(names, ref.model))
    .map((ref) => ref.model);
  if (missing.length) {
    const remedy = config.LLM_PROVIDER === "ollama"
      ? `pull it with "ollama pull ${shellWord(missing[0]!)}"`
      : "load it in the server";
    return scripted(
      `${server} at ${llm.host} lacks ${missing.join(", ")} (${remedy}); ` +
        "using the built-in scripted model instead",
    );
  }
  return {
    kind: "ollama",
    llm,
    label: `${config.LLM_PROVIDER} ${wanted.join(", ")} at ${llm.host}`,
    notice: null,
  };
}
