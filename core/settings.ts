/**
 * The table of every setting: its name as written in the environment, its zod schema (with the
 * default) and a one-line description. `core/config.ts` loads them; `--help` and the generated
 * settings page (`deno task gen`) show them by group, with their defaults.
 *
 * @module
 */
import { z } from "zod";

const port = z.coerce.number().int().min(0).max(65535);
const positiveInt = z.coerce.number().int().positive();
const commaList = z.string().transform((text) =>
  text.split(",").map((item) => item.trim()).filter((item) => item.length > 0)
);
const boolFlag = z.union([z.boolean(), z.enum(["true", "false", "1", "0", "yes", "no"])])
  .transform((value) => value === true || value === "true" || value === "1" || value === "yes");

/** Every setting, grouped: server, transports, LLM and prompts, social life, memory, mind. */
export const SETTINGS = {
  SERVER_HOST: {
    schema: z.string().min(1).default("127.0.0.1"),
    description: "Interface both servers bind to",
  },
  SERVER_PORT: {
    schema: port.default(8000),
    description: "WebSocket JSON-RPC port (`/mcp`); 0 picks a free port",
  },
  API_PORT: {
    schema: port.default(8080),
    description: "REST PersonaAPI port (`/api`); 0 picks a free port",
  },
  DATA_DIR: {
    schema: z.string().min(1).default("data"),
    description: "Folder for the SQLite database (`persona.db`) and other runtime files",
  },
  LOG_LEVEL: {
    schema: z.enum(["debug", "info", "warn", "error"]).default("info"),
    description: "Least severe log level written to stderr",
  },
  ENV_FILE: {
    schema: z.string().default(".env"),
    description: "Dotenv file read at start (missing is fine)",
  },
  MAX_FRAME_BYTES: {
    schema: positiveInt.default(1_048_576),
    description: "Largest WebSocket frame or HTTP body accepted; larger frames close with 1009",
  },
  CORS_ORIGINS: {
    schema: commaList.default([]),
    description:
      "Comma-separated browser origins, besides localhost pages, allowed to call the REST API " +
      "and /mcp; other origins get 403",
  },
  ALLOWED_HOSTS: {
    schema: commaList.default([]),
    description:
      "Host names, besides localhost, 127.0.0.1, [::1] and SERVER_HOST, accepted in the Host " +
      "header (DNS-rebinding protection); `*` accepts any",
  },
  AUTH_TOKEN: {
    schema: z.string().refine((token) => token === "" || token.length >= 16, {
      message: "must be empty or at least 16 characters",
    }).default(""),
    description:
      "Bearer token every network client must send (`Authorization: Bearer`, or `?token=` on " +
      "the WebSocket upgrade); required when SERVER_HOST is not a loopback address; empty: none",
  },
  MAX_CONNECTIONS: {
    schema: positiveInt.default(64),
    description: "Open WebSocket connections allowed; past it an upgrade gets 503 and Retry-After",
  },
  MAX_SESSIONS: {
    schema: positiveInt.default(1000),
    description:
      "Live HTTP sessions (MCP `Mcp-Session-Id` and REST `X-Session-Id`); past it the least " +
      "recently used idle one ends, or 503 when none is idle",
  },
  MAX_BATCH: {
    schema: positiveInt.default(50),
    description: "Most requests in one JSON-RPC batch; a larger batch is refused with -32600",
  },
  MAX_REPLY_BYTES: {
    schema: positiveInt.default(1_048_576),
    description:
      "Largest reply (or whole batch reply) sent; a result past it becomes -32005, page it " +
      "with `limit` and `cursor`",
  },
  MAX_INFLIGHT_PER_CONNECTION: {
    schema: positiveInt.default(64),
    description:
      "Requests (each of a batch counts) one connection may have running at once; more are " +
      "refused with -32006 until replies go out (at least MAX_BATCH)",
  },
  MAX_QUEUED_BYTES: {
    schema: positiveInt.default(4_194_304),
    description:
      "Reply bytes a WebSocket may leave unread; past it the connection closes with 1008 " +
      "(at least MAX_REPLY_BYTES)",
  },
  RATE_LIMIT_PER_S: {
    schema: z.coerce.number().min(0).optional(),
    description:
      "Requests per second each connection and each HTTP client (by address) may make, " +
      "averaged (token bucket); 0 turns it off; unset: off on loopback, 50 elsewhere",
  },
  RATE_LIMIT_BURST: {
    schema: positiveInt.optional(),
    description: "Requests allowed at once above the rate (bucket size); unset: twice the rate",
  },
  PLUGINS: {
    schema: commaList.default(["visual"]),
    description: "Comma-separated plugins to enable (see `plugins/`); empty enables none",
  },
  MCP_SESSION_TTL_S: {
    schema: positiveInt.default(1800),
    description: "Idle seconds before a Streamable HTTP MCP session (`Mcp-Session-Id`) ends",
  },
  REST_SESSION_TTL_S: {
    schema: positiveInt.default(1800),
    description: "Idle seconds before a REST session (`X-Session-Id`) is forgotten",
  },
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
  EMOTION_HALF_LIFE_MINUTES: {
    schema: z.coerce.number().positive().default(120),
    description: "Minutes for mood, stress, energy and curiosity to get halfway back to rest",
  },
  SOCIAL_ENERGY_REGEN_PER_HOUR: {
    schema: z.coerce.number().positive().default(40),
    description: "Social energy (0-100) a persona regains per hour",
  },
  FATIGUE_RECOVERY_PER_HOUR: {
    schema: z.coerce.number().positive().default(60),
    description: "Interaction fatigue (0-100) a persona sheds per hour",
  },
  MIN_SOCIAL_ENERGY: {
    schema: z.coerce.number().min(0).max(100).default(20),
    description: "Social energy a persona needs to be available for a conversation",
  },
  MAX_FATIGUE: {
    schema: z.coerce.number().min(1).max(100).default(80),
    description: "Fatigue at which a persona is unavailable until it recovers",
  },
  DIALOGUE_MAX_TURNS: {
    schema: z.coerce.number().int().min(2).max(1000).default(20),
    description: "Most turns of a persona-to-persona conversation",
  },
  DIALOGUE_MAX_MINUTES: {
    schema: z.coerce.number().positive().default(30),
    description: "Most minutes a persona-to-persona conversation may last",
  },
  DIALOGUE_TOKEN_BUDGET: {
    schema: positiveInt.default(2000),
    description: "Default completion-token budget of a persona-to-persona conversation",
  },
  DIALOGUE_TURN_MINUTES: {
    schema: z.coerce.number().positive().max(60).default(3),
    description: "Least minutes of interaction one turn counts for in the relationship rules",
  },
  DIALOGUE_TURN_LEASE_S: {
    schema: z.coerce.number().min(0.05).max(3600).default(15),
    description:
      "Seconds a persona-to-persona turn's claim outlives its last heartbeat (sent every third " +
      "of it): how long other nodes wait for the turn of a node that died",
  },
  DIALOGUE_COOLDOWN_S: {
    schema: z.coerce.number().min(0).default(300),
    description: "Base cooldown (seconds) after a conversation ends",
  },
  CONTINUE_HIGH: {
    schema: z.coerce.number().min(0).max(100).default(60),
    description: "Continue score at or above which a turn is a full answer",
  },
  CONTINUE_LOW: {
    schema: z.coerce.number().min(0).max(100).default(35),
    description: "Continue score below which a turn is a closing line and the conversation ends",
  },
  STORAGE: {
    schema: z.enum(["sqlite", "postgres"]).default("sqlite"),
    description:
      "Where state lives: the embedded SQLite file, or PostgreSQL (several nodes share it; " +
      "see core/storage/README.md)",
  },
  DATABASE_URL: {
    schema: z.string().regex(/^postgres(ql)?:\/\//, "must be a postgres:// URL").default(""),
    description:
      "PostgreSQL URL, `postgres://user:password@host:5432/database` (needed for STORAGE=postgres)",
  },
  DATABASE_POOL_SIZE: {
    schema: positiveInt.default(10),
    description: "Most PostgreSQL connections one node opens (one more listens for changes)",
  },
  DATABASE_IDLE_TIMEOUT_S: {
    schema: z.coerce.number().min(0).default(60),
    description: "Seconds an unused pooled PostgreSQL connection stays open (0: forever)",
  },
  DATABASE_CONNECT_TIMEOUT_S: {
    schema: positiveInt.default(10),
    description: "Seconds to wait for a PostgreSQL connection before a request fails",
  },
  NODE_ID: {
    schema: z.string().max(64).default(""),
    description:
      "This node's name among the nodes sharing a database (who ran which period of the decay " +
      "schedule); empty picks a random one at start",
  },
  CARD_MAX_BYTES: {
    schema: positiveInt.default(16 * 1024 * 1024),
    description:
      "Largest character card (JSON, PNG or CHARX) or persona bundle accepted, and the most a CHARX may expand to",
  },
  LORE_SCAN_DEPTH: {
    schema: z.coerce.number().int().min(0).max(1000).default(2),
    description:
      "Recent messages scanned for lorebook keys when a book or entry sets no scan depth",
  },
  LORE_TOKEN_BUDGET: {
    schema: positiveInt.default(1024),
    description:
      "Estimated tokens of lore one lorebook may add to a prompt when the book sets no token_budget",
  },
  LORE_RECURSION_STEPS: {
    schema: z.coerce.number().int().min(0).max(10).default(3),
    description: "Most recursive scans of fired lore content (books with recursive_scanning)",
  },
  SEED_PERSONAS: {
    schema: boolFlag.default(true),
    description: "Seed Aria and Kira into a fresh database",
  },
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
    description: "Fact extraction may update a persona's core memory blocks that are not read-only",
  },
  MEMORY_BLOCK_CHAR_LIMIT: {
    schema: positiveInt.max(100_000).default(2000),
    description: "Character limit of a new core memory block when memory.block_set names none",
  },
} as const;

/** The groups `--help` and the settings page show, in this order, with their titles. */
export const SETTING_GROUPS = {
  server: "Server",
  transports: "Transports and security",
  llm: "Language model and prompts",
  social: "Social life and persona-to-persona conversations",
  memory: "Long-term memory",
  storage: "Storage and clustering",
  characters: "Characters and lorebooks",
  mind: "A persona's mind: background jobs, facts, reflection, core memory",
} as const;

/** A group of settings. */
export type SettingGroup = keyof typeof SETTING_GROUPS;

/** The group of each setting: a setting added above fails `deno check` until it has one here. */
export const SETTING_GROUP: Record<keyof typeof SETTINGS, SettingGroup> = {
  SERVER_HOST: "server",
  SERVER_PORT: "server",
  API_PORT: "server",
  DATA_DIR: "server",
  LOG_LEVEL: "server",
  ENV_FILE: "server",
  PLUGINS: "server",
  SEED_PERSONAS: "server",
  MAX_FRAME_BYTES: "transports",
  CORS_ORIGINS: "transports",
  ALLOWED_HOSTS: "transports",
  AUTH_TOKEN: "transports",
  MAX_CONNECTIONS: "transports",
  MAX_SESSIONS: "transports",
  MAX_BATCH: "transports",
  MAX_REPLY_BYTES: "transports",
  MAX_INFLIGHT_PER_CONNECTION: "transports",
  MAX_QUEUED_BYTES: "transports",
  RATE_LIMIT_PER_S: "transports",
  RATE_LIMIT_BURST: "transports",
  MCP_SESSION_TTL_S: "transports",
  REST_SESSION_TTL_S: "transports",
  LLM_PROVIDER: "llm",
  OLLAMA_HOST: "llm",
  OPENAI_BASE_URL: "llm",
  OPENAI_API_KEY: "llm",
  DEFAULT_MODEL: "llm",
  OLLAMA_TIMEOUT_MS: "llm",
  OLLAMA_STREAM_IDLE_MS: "llm",
  LLM_CONCURRENCY: "llm",
  LLM_QUEUE_LIMIT: "llm",
  LLM_BACKGROUND_QUIET_MS: "llm",
  LLM_TEMPERATURE: "llm",
  LLM_MAX_TOKENS: "llm",
  PROMPT_HISTORY_TURNS: "llm",
  PROMPT_HISTORY_CHARS: "llm",
  PROMPT_MEMORY_COUNT: "llm",
  EMOTION_HALF_LIFE_MINUTES: "social",
  SOCIAL_ENERGY_REGEN_PER_HOUR: "social",
  FATIGUE_RECOVERY_PER_HOUR: "social",
  MIN_SOCIAL_ENERGY: "social",
  MAX_FATIGUE: "social",
  DIALOGUE_MAX_TURNS: "social",
  DIALOGUE_MAX_MINUTES: "social",
  DIALOGUE_TOKEN_BUDGET: "social",
  DIALOGUE_TURN_MINUTES: "social",
  DIALOGUE_COOLDOWN_S: "social",
  DIALOGUE_TURN_LEASE_S: "storage",
  CONTINUE_HIGH: "social",
  CONTINUE_LOW: "social",
  MEMORY_BACKEND: "memory",
  CHROMA_URL: "memory",
  CHROMA_TENANT: "memory",
  CHROMA_DATABASE: "memory",
  CHROMA_TOKEN: "memory",
  CHROMA_TIMEOUT_MS: "memory",
  EMBED_MODEL: "memory",
  MEMORY_DECAY_MODE: "memory",
  MEMORY_DECAY_FLOOR: "memory",
  MEMORY_DECAY_INTERVAL_S: "memory",
  MEMORY_DECAY_ENABLED: "memory",
  MEMORY_AUTO_PRUNE: "memory",
  MEMORY_PRUNE_THRESHOLD: "memory",
  MEMORY_PRUNE_TARGET: "memory",
  STORAGE: "storage",
  DATABASE_URL: "storage",
  DATABASE_POOL_SIZE: "storage",
  DATABASE_IDLE_TIMEOUT_S: "storage",
  DATABASE_CONNECT_TIMEOUT_S: "storage",
  NODE_ID: "storage",
  CARD_MAX_BYTES: "characters",
  LORE_SCAN_DEPTH: "characters",
  LORE_TOKEN_BUDGET: "characters",
  LORE_RECURSION_STEPS: "characters",
  JOBS_CONCURRENCY: "mind",
  JOBS_MAX_ATTEMPTS: "mind",
  JOBS_RETRY_BASE_S: "mind",
  JOBS_LEASE_S: "mind",
  JOBS_RETENTION_DAYS: "mind",
  MIND_MODEL: "mind",
  MEMORY_EXTRACTION: "mind",
  MEMORY_EXTRACTION_DELAY_S: "mind",
  MEMORY_SUPERSESSION: "mind",
  MEMORY_REFLECTION: "mind",
  MEMORY_REFLECTION_THRESHOLD: "mind",
  MEMORY_BLOCK_UPDATES: "mind",
  MEMORY_BLOCK_CHAR_LIMIT: "mind",
};
