/**
 * What the mind's jobs share: their dependencies and settings, and how a job asks the model.
 *
 * @module
 */
import type { z } from "zod";
import type { Clock } from "../clock.ts";
import type { ChatMessage, LlmClient } from "../llm/client.ts";
import type { Logger } from "../log.ts";
import type { Persona, PersonaService } from "../personas/mod.ts";
import { JobGaveWay, JobSkipped } from "../jobs/mod.ts";
import { yieldedToChat } from "../llm/queue.ts";
import type { BlockService } from "./blocks/service.ts";
import type { MindMemory } from "./memory_port.ts";

/** Tunables (settings). */
export interface MindSettings {
  /** MEMORY_EXTRACTION. */
  extraction: boolean;
  /** MEMORY_EXTRACTION_DELAY_S in ms: how long group lines gather. */
  extractionDelayMs: number;
  /** MEMORY_SUPERSESSION. */
  supersession: boolean;
  /** MEMORY_REFLECTION. */
  reflection: boolean;
  /** MEMORY_REFLECTION_THRESHOLD (summed importance, 0-1 each). */
  reflectionThreshold: number;
  /** MEMORY_BLOCK_UPDATES. */
  blockUpdates: boolean;
  /** MIND_MODEL, or "" for the persona's model, else the default one. */
  model: string;
  /** DEFAULT_MODEL. */
  defaultModel: string;
}

/** What the mind's jobs are built from. */
export interface MindDeps {
  memory: MindMemory;
  blocks: BlockService;
  personas: PersonaService;
  llm: LlmClient;
  clock: Clock;
  log: Logger;
  settings: MindSettings;
}

/** Most tokens of a job's answer: room for a list of facts or insights. */
export const JOB_MAX_TOKENS = 1024;

/** The model a job of `persona` uses: MIND_MODEL, else the persona's, else DEFAULT_MODEL. */
export function jobModel(settings: MindSettings, persona: Persona): string {
  return settings.model || persona.model || settings.defaultModel;
}

/**
 * One structured question to the model, in the background lane (every waiting chat goes
 * first, and a person's chat that finds no free slot takes this call's: {@linkcode JobGaveWay},
 * unless the job already gave way `MAX_GIVE_WAYS` times), at temperature 0; the answer is
 * checked against `schema`.
 */
export async function askJson<T>(
  deps: Pick<MindDeps, "llm" | "settings">,
  request: {
    persona: Persona;
    messages: ChatMessage[];
    schema: z.ZodType<T>;
    name: string;
    signal: AbortSignal;
    /** `JobRun.mayGiveWay`: false once the job gave way its bounded number of times. */
    mayGiveWay?: boolean;
  },
): Promise<T> {
  try {
    const { value } = await deps.llm.chatJson({
      model: jobModel(deps.settings, request.persona),
      messages: request.messages,
      schema: request.schema,
      schemaName: request.name,
      temperature: 0,
      maxTokens: JOB_MAX_TOKENS,
      priority: "background",
      yieldable: request.mayGiveWay !== false,
      signal: request.signal,
    });
    return value;
  } catch (error) {
    // A chat took the model's slot: the job runs again later, no attempt used.
    if (yieldedToChat(error)) throw new JobGaveWay(`${request.name}: gave way to a chat`);
    throw error;
  }
}

/** The persona a job works for; skipped when it was deleted. */
export async function jobPersona(
  deps: Pick<MindDeps, "personas">,
  personaId: string | null,
): Promise<Persona> {
  const persona = personaId === null ? undefined : await deps.personas.find(personaId);
  if (!persona) throw new JobSkipped("persona_gone", "The persona was deleted");
  return persona;
}
