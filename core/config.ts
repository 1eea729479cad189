/**
 * Settings, validated in one place. Sources, later wins: defaults, then a `.env` file, then
 * environment variables, then CLI flags (`--server-port 9000` or `--SERVER_PORT=9000`).
 *
 * @module
 */
import { z } from "zod";
import { SETTINGS } from "./settings.ts";
import { authToken, readTokenFile } from "./settings/server.ts";
import { PERSONA_MAX_BYTES } from "./personas/schema.ts";

export { SETTINGS } from "./settings.ts";

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
    const [, key = "", rest = ""] = match;
    const quoted = /^(["'])(.*)\1(\s+#.*)?$/.exec(rest);
    values[key] = quoted?.[2] ?? rest.replace(/\s+#.*$/, "").trim();
  }
  return values;
}

/** Turns `--server-port 9000`, `--server-port=9000` or `--SERVER_PORT=9000` into settings. */
export function parseFlags(args: string[], known: readonly string[]): Record<string, string> {
  const values: Record<string, string> = {};
  const queue = args.values();
  for (const arg of queue) {
    if (!arg.startsWith("--")) throw new ConfigError(`Unexpected argument "${arg}"`);
    const [rawName, inline] = splitOnce(arg.slice(2), "=");
    const name = rawName.toUpperCase().replaceAll("-", "_");
    if (!known.includes(name)) {
      const near = nearestSetting(name, known);
      const guess = near
        ? `did you mean --${near.toLowerCase().replaceAll("_", "-")}? (--help lists every setting)`
        : "--help lists every setting";
      throw new ConfigError(`Unknown flag "--${rawName}"; ${guess}`);
    }
    const value = inline ?? queue.next().value;
    if (value === undefined) throw new ConfigError(`Flag "--${rawName}" needs a value`);
    values[name] = value;
  }
  return values;
}

/** The known setting a mistyped name most likely meant (a few letters off), if any. */
function nearestSetting(name: string, known: readonly string[]): string | undefined {
  let best: { name: string; distance: number } | undefined;
  for (const candidate of known) {
    const distance = editDistance(name, candidate);
    if (!best || distance < best.distance) best = { name: candidate, distance };
  }
  // A typo is a few edits; past a third of the name it is another word.
  return best && best.distance <= Math.max(1, Math.floor(name.length / 3)) ? best.name : undefined;
}

/** Levenshtein distance (insertions, deletions, substitutions). */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
    }
    previous = current;
  }
  return previous[b.length]!;
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
  if (json.exclusiveMinimum !== undefined) return `a number above ${json.exclusiveMinimum}`;
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
      // A rule the JSON Schema cannot show (a refine) says itself what it wants.
      const custom = parsed.error.issues.find((issue) => issue.code === "custom");
      const expected = custom ? custom.message : `expected ${describeAllowed(schema)}`;
      // A secret is never echoed, not even a wrong one.
      const shown = name.endsWith("_TOKEN") ? "(hidden)" : JSON.stringify(raw);
      throw new ConfigError(`Invalid setting ${name}=${shown}: ${expected}`);
    }
    config[name] = parsed.data;
  }
  const checked = config as Config;
  if (checked.AUTH_TOKEN_FILE !== "") checked.AUTH_TOKEN = tokenFromFile(checked);
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
  if (checked.LLM_PROVIDER === "openai" && !checked.OPENAI_BASE_URL) {
    throw new ConfigError(
      "Invalid setting LLM_PROVIDER=openai: set OPENAI_BASE_URL to the server's base URL, /v1 included (e.g. http://127.0.0.1:8080/v1)",
    );
  }
  if (checked.MEMORY_PRUNE_TARGET >= checked.MEMORY_PRUNE_THRESHOLD) {
    throw new ConfigError(
      `Invalid setting MEMORY_PRUNE_TARGET=${checked.MEMORY_PRUNE_TARGET}: must be below MEMORY_PRUNE_THRESHOLD (${checked.MEMORY_PRUNE_THRESHOLD})`,
    );
  }
  if (checked.MAX_INFLIGHT_PER_CONNECTION < checked.MAX_BATCH) {
    throw new ConfigError(
      `Invalid setting MAX_INFLIGHT_PER_CONNECTION=${checked.MAX_INFLIGHT_PER_CONNECTION}: must be at least MAX_BATCH (${checked.MAX_BATCH}), or no full batch could run`,
    );
  }
  if (checked.MAX_REPLY_BYTES < 2 * PERSONA_MAX_BYTES) {
    throw new ConfigError(
      `Invalid setting MAX_REPLY_BYTES=${checked.MAX_REPLY_BYTES}: must be at least ${
        2 * PERSONA_MAX_BYTES
      }, so that the largest persona always fits a reply`,
    );
  }
  if (checked.MAX_QUEUED_BYTES < checked.MAX_REPLY_BYTES) {
    throw new ConfigError(
      `Invalid setting MAX_QUEUED_BYTES=${checked.MAX_QUEUED_BYTES}: must be at least MAX_REPLY_BYTES (${checked.MAX_REPLY_BYTES}), or no full reply could be queued`,
    );
  }
  checkStorage(checked);
  return checked;
}

/** AUTH_TOKEN read from AUTH_TOKEN_FILE and checked by AUTH_TOKEN's rules (never echoed). */
function tokenFromFile(config: Config): string {
  const shown = `AUTH_TOKEN_FILE=${JSON.stringify(config.AUTH_TOKEN_FILE)}`;
  if (config.AUTH_TOKEN !== "") {
    throw new ConfigError(`Invalid setting ${shown}: set AUTH_TOKEN or AUTH_TOKEN_FILE, not both`);
  }
  let token: string;
  try {
    token = readTokenFile(config.AUTH_TOKEN_FILE);
  } catch (error) {
    throw new ConfigError(`Invalid setting ${shown}: ${(error as Error).message}`);
  }
  const parsed = authToken.safeParse(token);
  if (!parsed.success) {
    const message = parsed.error.issues[0]?.message ?? "not a valid token";
    throw new ConfigError(`Invalid setting ${shown}: the token in it ${message}`);
  }
  return token;
}

/** The storage settings that only make sense together. */
function checkStorage(config: Config): void {
  if (config.STORAGE === "postgres" && !config.DATABASE_URL) {
    throw new ConfigError(
      "Invalid setting STORAGE=postgres: set DATABASE_URL (e.g. postgres://persona:secret@127.0.0.1:5432/persona)",
    );
  }
  if (config.STORAGE === "postgres" && config.MEMORY_BACKEND === "sqlite") {
    throw new ConfigError(
      "Invalid setting MEMORY_BACKEND=sqlite: with STORAGE=postgres memories live in PostgreSQL; set MEMORY_BACKEND=pgvector (vectors in PostgreSQL, needs the pgvector extension) or MEMORY_BACKEND=chroma (vectors in a Chroma server)",
    );
  }
  if (config.STORAGE === "sqlite" && config.MEMORY_BACKEND === "pgvector") {
    throw new ConfigError(
      "Invalid setting MEMORY_BACKEND=pgvector: it needs STORAGE=postgres and DATABASE_URL",
    );
  }
}
