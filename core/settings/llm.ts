/**
 * The model server, its queue and sampling, and how much history and memory a prompt carries.
 *
 * Part of the table in `core/settings.ts`, which keeps the order of these entries (it is the
 * order `system.settings` lists them and `loadConfig` checks them) and names each one's group.
 *
 * @module
 */
import { z } from "zod";
import { positiveInt } from "./schemas.ts";

/** The model server, its queue and sampling, and how much history and memory a prompt carries. */
export const LLM_SETTINGS = {
  LLM_PROVIDER: {
    schema: z.enum(["ollama", "openai"]).default("ollama"),
    description:
      "Model server API for plain model names: `ollama`, or `openai` for OpenAI-compatible " +
      "servers (llama-server, LM Studio, vLLM, ...); `provider:model` names pick one per persona",
  },
  OLLAMA_HOST: {
    schema: z.url({ protocol: /^https?$/ }).default("http://localhost:11434"),
    description: "Base URL of the Ollama server",
  },
  OPENAI_BASE_URL: {
    // Zod does not check a default, so "" (unset) passes while any value given must be a URL.
    schema: z.url({ protocol: /^https?$/ }).default(""),
    description:
      "Base URL of the OpenAI-compatible server, `/v1` included (needed for LLM_PROVIDER=openai)",
  },
  OPENAI_API_KEY: {
    schema: z.string().default(""),
    description: "Bearer key for the OpenAI-compatible server; empty sends none",
  },
  DEFAULT_MODEL: {
    schema: z.string().min(1).default("llama3.1:8b"),
    description: "Chat model for personas without a model of their own (`provider:model` allowed)",
  },
  OLLAMA_TIMEOUT_MS: {
    schema: positiveInt.default(120_000),
    description:
      "Longest time one model call may take, from leaving the queue to its last token (any provider)",
  },
  OLLAMA_STREAM_IDLE_MS: {
    schema: positiveInt.default(30_000),
    description:
      "Longest silence allowed while the model server streams (before the first token too)",
  },
  LLM_CONCURRENCY: {
    schema: positiveInt.default(1),
    description:
      "Model calls run in parallel, all providers together (Ollama serves one at a time by default)",
  },
  LLM_QUEUE_LIMIT: {
    schema: z.coerce.number().int().min(0).default(64),
    description:
      "Calls allowed to wait for a slot, per lane (chats; background jobs); beyond that a call fails at once (-32003)",
  },
  LLM_BACKGROUND_QUIET_MS: {
    schema: z.coerce.number().int().min(0).max(600_000).default(1000),
    description:
      "Milliseconds without a chat before background jobs start (and take the model's last " +
      "free slot), so they never slow a reply; 0 lets them run at once",
  },
  LLM_TEMPERATURE: {
    schema: z.coerce.number().min(0).max(2).default(0.8),
    description: "Sampling temperature for persona answers",
  },
  LLM_MAX_TOKENS: {
    schema: positiveInt.default(512),
    description: "Most tokens one answer may have (Ollama's num_predict, OpenAI's max_tokens)",
  },
  PROMPT_HISTORY_TURNS: {
    schema: z.coerce.number().int().min(0).default(8),
    description: "Earlier exchanges of the session or room put into the prompt",
  },
  PROMPT_HISTORY_CHARS: {
    schema: z.coerce.number().int().min(0).default(6000),
    description: "Characters of earlier exchanges allowed in the prompt (the oldest go first)",
  },
  PROMPT_MEMORY_COUNT: {
    schema: z.coerce.number().int().min(0).max(50).default(5),
    description: "Relevant memories put into the prompt",
  },
} as const;
