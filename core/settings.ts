/**
 * The table of every setting: its name as written in the environment, its zod schema (with the
 * default) and a one-line description. `core/config.ts` loads them; `--help` and the generated
 * settings page (`deno task gen`) show them by group, with their defaults.
 *
 * The entries live by topic in `core/settings/`; this file joins them in one fixed order (the
 * order `system.settings` lists them and `loadConfig` checks them) and names each one's group.
 *
 * @module
 */
import { CHARACTER_SETTINGS } from "./settings/characters.ts";
import { LLM_SETTINGS } from "./settings/llm.ts";
import { MEMORY_SETTINGS } from "./settings/memory.ts";
import { MIND_SETTINGS } from "./settings/mind.ts";
import { SERVER_SETTINGS } from "./settings/server.ts";
import { SOCIAL_SETTINGS } from "./settings/social.ts";
import { STORAGE_SETTINGS } from "./settings/storage.ts";

/** Every setting, grouped: server, transports, LLM and prompts, social life, memory, mind. */
export const SETTINGS = {
  ...SERVER_SETTINGS,
  ...LLM_SETTINGS,
  ...SOCIAL_SETTINGS,
  ...STORAGE_SETTINGS,
  ...CHARACTER_SETTINGS,
  ...MEMORY_SETTINGS,
  ...MIND_SETTINGS,
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

/** The group of each setting: a setting added in `core/settings/` fails `deno check` until it has one here. */
export const SETTING_GROUP: Record<keyof typeof SETTINGS, SettingGroup> = {
  SERVER_HOST: "server",
  SERVER_PORT: "server",
  API_PORT: "server",
  DATA_DIR: "server",
  LOG_LEVEL: "server",
  ALLOW_CLIENT_LOG_LEVEL: "server",
  ENV_FILE: "server",
  SHUTDOWN_GRACE_MS: "server",
  PLUGINS: "server",
  SEED_PERSONAS: "server",
  MAX_FRAME_BYTES: "transports",
  CORS_ORIGINS: "transports",
  ALLOWED_HOSTS: "transports",
  AUTH_TOKEN: "transports",
  AUTH_TOKEN_FILE: "transports",
  MAX_CONNECTIONS: "transports",
  MAX_SESSIONS: "transports",
  MAX_SESSIONS_PER_CLIENT_PER_MIN: "transports",
  MAX_LISTENS: "transports",
  MAX_LISTENS_PER_CLIENT: "transports",
  MAX_BATCH: "transports",
  MAX_REPLY_BYTES: "transports",
  MAX_INFLIGHT_PER_CONNECTION: "transports",
  MAX_QUEUED_BYTES: "transports",
  MEMORY_GUARD_MB: "transports",
  RATE_LIMIT_PER_S: "transports",
  RATE_LIMIT_BURST: "transports",
  TRUSTED_PROXIES: "transports",
  MCP_SESSION_TTL_S: "transports",
  REST_SESSION_TTL_S: "transports",
  MAX_SAVED_STATES: "transports",
  SAVED_STATE_TTL_S: "transports",
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
  MEMORY_ENCODER: "memory",
  MEMORY_DECAY_MODE: "memory",
  MEMORY_DECAY_FLOOR: "memory",
  MEMORY_DECAY_INTERVAL_S: "memory",
  MEMORY_DECAY_ENABLED: "memory",
  MEMORY_REMAKE_ENABLED: "memory",
  MEMORY_AUTO_PRUNE: "memory",
  MEMORY_PRUNE_THRESHOLD: "memory",
  MEMORY_PRUNE_TARGET: "memory",
  STORAGE: "storage",
  SQLITE_LOCK_WAIT_MS: "storage",
  DATABASE_URL: "storage",
  DATABASE_POOL_SIZE: "storage",
  DATABASE_POOL_QUEUE: "storage",
  DATABASE_IDLE_TIMEOUT_S: "storage",
  DATABASE_CONNECT_TIMEOUT_S: "storage",
  DATABASE_QUERY_TIMEOUT_MS: "storage",
  NODE_ID: "storage",
  ALLOW_NEWER_DATABASE: "storage",
  CARD_MAX_BYTES: "characters",
  LORE_SCAN_DEPTH: "characters",
  LORE_TOKEN_BUDGET: "characters",
  LORE_TOTAL_TOKEN_BUDGET: "characters",
  LORE_RECURSION_STEPS: "characters",
  JOBS_CONCURRENCY: "mind",
  JOBS_MAX_ATTEMPTS: "mind",
  JOBS_RETRY_BASE_S: "mind",
  JOBS_LEASE_S: "mind",
  JOBS_QUEUE_CAP: "mind",
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
