/**
 * Settings, validated in one place. Sources, later wins: defaults, then a `.env` file, then
 * environment variables, then CLI flags (`--server-port 9000` or `--SERVER_PORT=9000`).
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

/**
 * Every setting: its schema (with default) and a one-line description. The README documents each
 * of them; a test keeps the two in step.
 */
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
    description: "Folder for the SQLite database and other runtime files",
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
  PLUGINS: {
    schema: commaList.default(["visual"]),
    description: "Comma-separated plugins to enable (see `plugins/`)",
  },
  MCP_SESSION_TTL_S: {
    schema: positiveInt.default(1800),
    description: "Idle seconds before a Streamable HTTP MCP session (`Mcp-Session-Id`) ends",
  },
  REST_SESSION_TTL_S: {
    schema: positiveInt.default(1800),
    description: "Idle seconds before a REST session (`X-Session-Id`) is forgotten",
  },
  OLLAMA_HOST: {
    schema: z.url({ protocol: /^https?$/ }).default("http://localhost:11434"),
    description: "Base URL of the Ollama server",
  },
  DEFAULT_MODEL: {
    schema: z.string().min(1).default("llama3.1:8b"),
    description: "Ollama chat model for personas without a model of their own",
  },
  OLLAMA_TIMEOUT_MS: {
    schema: positiveInt.default(120_000),
    description: "Longest time one Ollama call may take, from leaving the queue to its last token",
  },
  OLLAMA_STREAM_IDLE_MS: {
    schema: positiveInt.default(30_000),
    description: "Longest silence allowed while Ollama streams (before the first token too)",
  },
  LLM_CONCURRENCY: {
    schema: positiveInt.default(1),
    description: "Ollama calls run in parallel (Ollama itself serves one at a time by default)",
  },
  LLM_QUEUE_LIMIT: {
    schema: z.coerce.number().int().min(0).default(64),
    description: "Calls allowed to wait for a slot; beyond that a call fails at once",
  },
  LLM_TEMPERATURE: {
    schema: z.coerce.number().min(0).max(2).default(0.8),
    description: "Sampling temperature for persona answers",
  },
  LLM_MAX_TOKENS: {
    schema: positiveInt.default(512),
    description: "Most tokens one answer may have (Ollama's num_predict)",
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
  SEED_PERSONAS: {
    schema: boolFlag.default(true),
    description: "Seed Aria and Kira into a fresh database",
  },
  MEMORY_BACKEND: {
    schema: z.enum(["sqlite", "chroma"]).default("sqlite"),
    description: "Where memories live: the embedded SQLite database, or a Chroma server",
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
    description: "Token for a Chroma server with token auth; empty sends none",
  },
  CHROMA_TIMEOUT_MS: {
    schema: positiveInt.default(10_000),
    description: "Longest time one Chroma operation may take before it fails with -32002",
  },
  EMBED_MODEL: {
    schema: z.string().default(""),
    description: "Ollama embedding model for memories; empty uses the built-in local embedder",
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
} as const;

type Settings = typeof SETTINGS;
/** A setting's name, as written in the environment. */
export type SettingName = keyof Settings;

/** The validated settings. */
export type Config = { [K in SettingName]: z.output<Settings[K]["schema"]> };

/** Thrown when a setting is invalid; the message is one line naming the setting. */
export class ConfigError extends Error {
  override name = "ConfigError";
}

/** Where settings come from; every part is optional so that tests can pass only what they need. */
export interface ConfigSources {
  /** CLI arguments (flags). */
  args?: string[];
  /** Environment variables. */
  env?: Record<string, string | undefined>;
  /** Contents of the dotenv file; when absent the file named by ENV_FILE is read if it exists. */
  dotenv?: string;
}

/** Parses dotenv text: `KEY=value`, optional quotes, `#` comments (also after unquoted values). */
export function parseDotenv(text: string): Record<string, string> {
  const values: Record<string, string> = {};
  for (const rawLine of text.split(/\r?\n/)) {
    const line = rawLine.trim();
    if (line === "" || line.startsWith("#")) continue;
    const match = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(line);
    if (!match) continue;
    const [, key, rest] = match;
    const quoted = /^(["'])(.*)\1(\s+#.*)?$/.exec(rest);
    values[key] = quoted ? quoted[2] : rest.replace(/\s+#.*$/, "").trim();
  }
  return values;
}

/** Turns `--server-port 9000`, `--server-port=9000` or `--SERVER_PORT=9000` into settings. */
export function parseFlags(args: string[], known: readonly string[]): Record<string, string> {
  const values: Record<string, string> = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (!arg.startsWith("--")) throw new ConfigError(`Unexpected argument "${arg}"`);
    const [rawName, inline] = splitOnce(arg.slice(2), "=");
    const name = rawName.toUpperCase().replaceAll("-", "_");
    if (!known.includes(name)) {
      throw new ConfigError(`Unknown flag "--${rawName}"; settings: ${known.join(", ")}`);
    }
    const value = inline ?? args[++i];
    if (value === undefined) throw new ConfigError(`Flag "--${rawName}" needs a value`);
    values[name] = value;
  }
  return values;
}

function splitOnce(text: string, separator: string): [string, string | undefined] {
  const at = text.indexOf(separator);
  return at < 0 ? [text, undefined] : [text.slice(0, at), text.slice(at + separator.length)];
}

function readDotenvFile(path: string): string {
  try {
    return Deno.readTextFileSync(path);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return "";
    throw new ConfigError(`Cannot read ENV_FILE "${path}": ${(error as Error).message}`);
  }
}

function describeAllowed(schema: z.ZodType): string {
  const json = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as {
    enum?: unknown[];
    minimum?: number;
    maximum?: number;
    exclusiveMinimum?: number;
    type?: string;
    format?: string;
  };
  if (json.format === "uri") return "an http:// or https:// URL";
  if (json.enum) return `one of ${json.enum.join(", ")}`;
  if (json.minimum !== undefined && json.maximum !== undefined) {
    const kind = json.type === "number" ? "a number" : "an integer";
    return `${kind} from ${json.minimum} to ${json.maximum}`;
  }
  if (json.minimum !== undefined) return `a number of at least ${json.minimum}`;
  if (json.exclusiveMinimum !== undefined && json.maximum !== undefined) {
    return `a number above ${json.exclusiveMinimum} and at most ${json.maximum}`;
  }
  return "a non-empty value";
}

/** Loads and validates every setting; throws {@linkcode ConfigError} with one clear line. */
export function loadConfig(sources: ConfigSources = {}): Config {
  const names = Object.keys(SETTINGS) as SettingName[];
  const env = sources.env ?? {};
  const flags = parseFlags(sources.args ?? [], names);
  const envFile = flags.ENV_FILE ?? env.ENV_FILE ?? ".env";
  const dotenv = parseDotenv(sources.dotenv ?? readDotenvFile(envFile));
  const config: Record<string, unknown> = {};
  for (const name of names) {
    const raw = flags[name] ?? env[name] ?? dotenv[name];
    const schema = SETTINGS[name].schema as z.ZodType;
    // An empty value means "unset", except for lists, where it means "none".
    const isList = schema.safeParse("").data instanceof Array;
    const parsed = schema.safeParse(raw === "" && !isList ? undefined : raw);
    if (!parsed.success) {
      throw new ConfigError(
        `Invalid setting ${name}=${JSON.stringify(raw)}: expected ${describeAllowed(schema)}`,
      );
    }
    config[name] = parsed.data;
  }
  const checked = config as Config;
  if (checked.CONTINUE_LOW > checked.CONTINUE_HIGH) {
    throw new ConfigError(
      `Invalid setting CONTINUE_LOW=${checked.CONTINUE_LOW}: must not exceed CONTINUE_HIGH=${checked.CONTINUE_HIGH}`,
    );
  }
  if (checked.SERVER_PORT !== 0 && checked.SERVER_PORT === checked.API_PORT) {
    throw new ConfigError(
      `Invalid setting API_PORT=${checked.API_PORT}: must differ from SERVER_PORT (both services cannot share one port)`,
    );
  }
  if (checked.MEMORY_PRUNE_TARGET >= checked.MEMORY_PRUNE_THRESHOLD) {
    throw new ConfigError(
      `Invalid setting MEMORY_PRUNE_TARGET=${checked.MEMORY_PRUNE_TARGET}: must be below MEMORY_PRUNE_THRESHOLD (${checked.MEMORY_PRUNE_THRESHOLD})`,
    );
  }
  return checked;
}
