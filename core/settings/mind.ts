/**
 * Background jobs and what they do: fact extraction, supersession, reflection, core memory blocks.
 *
 * Part of the table in `core/settings.ts`, which keeps the order of these entries (it is the
 * order `system.settings` lists them and `loadConfig` checks them) and names each one's group.
 *
 * @module
 */
import { z } from "zod";
import { boolFlag, positiveInt } from "./schemas.ts";

/** Background jobs and what they do: fact extraction, supersession, reflection, core memory blocks. */
export const MIND_SETTINGS = {
  JOBS_CONCURRENCY: {
    schema: positiveInt.max(16).default(1),
    description: "Background jobs (fact extraction, reflection) run at once by this process",
  },
  JOBS_MAX_ATTEMPTS: {
    schema: positiveInt.max(20).default(3),
    description:
      "Attempts of a background job before it fails with its reason (an unreachable model " +
      "makes jobs wait instead, without using attempts)",
  },
  JOBS_RETRY_BASE_S: {
    schema: z.coerce.number().positive().max(3600).default(5),
    description:
      "Seconds before a failed job's first retry; doubles per attempt, at most 5 minutes",
  },
  JOBS_LEASE_S: {
    schema: z.coerce.number().positive().max(3600).default(60),
    description:
      "Lease of a running job, renewed while it runs; a job whose process died runs again " +
      "once its lease has passed",
  },
  JOBS_QUEUE_CAP: {
    schema: z.coerce.number().int().min(0).max(1_000_000).default(200),
    description:
      "Queued jobs of a kind a persona keeps, at all times (a stalled or slow model, chats " +
      "that never pause): past it the oldest are skipped (queue_cap) and counted as dropped. " +
      "0: no cap",
  },
  JOBS_RETENTION_DAYS: {
    schema: z.coerce.number().positive().default(7),
    description: "Days finished jobs (done, failed, skipped) stay visible in memory.jobs",
  },
  MIND_MODEL: {
    schema: z.string().default(""),
    description:
      "Model for background memory work (facts, supersession, reflection; `provider:model` " +
      "allowed); empty: the persona's model, else DEFAULT_MODEL",
  },
  MEMORY_EXTRACTION: {
    schema: boolFlag.default(true),
    description: "After each exchange, a background job draws standalone facts from it",
  },
  MEMORY_EXTRACTION_DELAY_S: {
    schema: z.coerce.number().min(0).max(600).default(2),
    description:
      "Seconds the lines of a group conversation (dialogue turns, room rounds) gather before " +
      "their facts are drawn in one job",
  },
  MEMORY_SUPERSESSION: {
    schema: boolFlag.default(true),
    description:
      "The model judges whether each new fact replaces one of the most similar older facts",
  },
  MEMORY_REFLECTION: {
    schema: boolFlag.default(true),
    description:
      "When a persona's new memories pass MEMORY_REFLECTION_THRESHOLD, a job writes insights",
  },
  MEMORY_REFLECTION_THRESHOLD: {
    schema: z.coerce.number().positive().max(1000).default(15),
    description:
      "Summed importance (0-1 each) of new memories that starts a reflection (Generative " +
      "Agents' 150 on a 1-10 scale)",
  },
  MEMORY_BLOCK_UPDATES: {
    schema: boolFlag.default(true),
    description: "Fact extraction may append to a persona's shared core memory blocks that are " +
      "not read-only, and append to or replace the chat sender's own user:<name> block",
  },
  MEMORY_BLOCK_CHAR_LIMIT: {
    schema: positiveInt.max(100_000).default(2000),
    description: "Character limit of a new core memory block when memory.block_set names none",
  },
} as const;
