/**
 * Where memory vectors live, how memories are embedded, and how importance decays and is pruned.
 *
 * Part of the table in `core/settings.ts`, which keeps the order of these entries (it is the
 * order `system.settings` lists them and `loadConfig` checks them) and names each one's group.
 *
 * @module
 */
import { z } from "zod";
import { boolFlag, positiveInt } from "./schemas.ts";

/** Where memory vectors live, how memories are embedded, and how importance decays and is pruned. */
export const MEMORY_SETTINGS = {
  MEMORY_BACKEND: {
    schema: z.enum(["sqlite", "chroma", "pgvector"]).default("sqlite"),
    description:
      "Where memory vectors live: the SQLite file, a Chroma server, or PostgreSQL's pgvector " +
      "(with STORAGE=postgres, memories and their full text live in PostgreSQL: pick chroma or pgvector)",
  },
  CHROMA_URL: {
    schema: z.url({ protocol: /^https?$/ }).default("http://127.0.0.1:8001"),
    description: "Base URL of the Chroma server (MEMORY_BACKEND=chroma; `deno task chroma`)",
  },
  CHROMA_TENANT: {
    schema: z.string().min(1).default("default_tenant"),
    description: "Chroma tenant",
  },
  CHROMA_DATABASE: {
    schema: z.string().min(1).default("default_database"),
    description: "Chroma database (must exist in the tenant)",
  },
  CHROMA_TOKEN: {
    schema: z.string().default(""),
    description:
      "Token for a Chroma server with token auth (sent as a bearer token and `X-Chroma-Token`); " +
      "empty sends none",
  },
  CHROMA_TIMEOUT_MS: {
    schema: positiveInt.default(10_000),
    description: "Longest time one Chroma operation may take before it fails with -32002",
  },
  EMBED_MODEL: {
    schema: z.string().default(""),
    description:
      "Embedding model for memories (`/api/embed` or `/v1/embeddings`; `provider:model` allowed); " +
      "empty uses the built-in local embedder",
  },
  MEMORY_ENCODER: {
    schema: z.enum(["none", "use-lite", "use-lite-cascade"]).default("none"),
    description:
      "Neural sentence encoder beside the local embedder (ignored with EMBED_MODEL): use-lite " +
      "(Universal Sentence Encoder lite, shipped in npm) finds paraphrases no word list links; " +
      "about 8 ms more per search and per stored memory, 210 MB more RSS; use-lite-cascade " +
      "encodes a query only when the ranking without it is weak (same stored vectors); run " +
      "memory.reindex after turning it on or off; runs under deno run (deno task start), not " +
      "from a bundle",
  },
  MEMORY_DECAY_MODE: {
    schema: z.enum(["linear", "exponential", "logarithmic", "access_based"]).default(
      "access_based",
    ),
    description: "Decay curve of memory importance",
  },
  MEMORY_DECAY_FLOOR: {
    schema: z.coerce.number().min(0).max(1).default(0.1),
    description: "Importance never decays below this",
  },
  MEMORY_DECAY_INTERVAL_S: {
    // At most a week: timers cannot wait longer than about 24.8 days.
    schema: z.coerce.number().positive().max(604_800).default(21_600),
    description: "Seconds between background decay cycles (fractions allowed; at most a week)",
  },
  MEMORY_DECAY_ENABLED: {
    schema: boolFlag.default(true),
    description: "Start the background decay schedule with the server",
  },
  MEMORY_REMAKE_ENABLED: {
    schema: boolFlag.default(true),
    description:
      "Remake in the background, while chats are quiet, the local vectors an analyser change " +
      "left stale (memory.get_stats needs_reindex; memory.reindex remakes a persona's at once)",
  },
  MEMORY_AUTO_PRUNE: {
    schema: boolFlag.default(true),
    description: "Each decay cycle also prunes personas above MEMORY_PRUNE_THRESHOLD",
  },
  MEMORY_PRUNE_THRESHOLD: {
    schema: positiveInt.default(900),
    description: "A persona with more memories than this is pruned",
  },
  MEMORY_PRUNE_TARGET: {
    schema: positiveInt.default(800),
    description: "Pruning stops at this many memories (below MEMORY_PRUNE_THRESHOLD)",
  },
} as const;
