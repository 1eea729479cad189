/**
 * The settings a server runs with, as the System page and `system.settings` show them: by group,
 * with defaults, and with secrets masked (a token's value never leaves the server).
 *
 * @module
 */
import type { z } from "zod";
import type { Config } from "../config.ts";
import { SETTING_GROUP, SETTING_GROUPS, SETTINGS } from "../settings.ts";

/** What a set secret reads as. */
export const MASK = "********";

/**
 * Settings whose value is a credential: names ending in `_TOKEN`, `_KEY`, `_SECRET` or
 * `_PASSWORD` (`CHROMA_TOKEN`, `AUTH_TOKEN`); `LLM_MAX_TOKENS` is a number, not a secret.
 */
export function isSecretSetting(name: string): boolean {
  return /(^|_)(TOKEN|KEY|SECRET|PASSWORD)$/.test(name);
}

/**
 * `value` with a URL's `user:password@` masked (`http://u:p@host` → `http://********@host`).
 * Where the credentials end is decided as `new URL()` (WHATWG, as database drivers) decides it:
 * at the last `@` of the authority, so `postgres://u:p@ss@db/app` and a password with a space
 * are masked whole. A URL `new URL()` refuses (a `/`, `?` or `#` in the password) is masked up to
 * its last `@`: more than needed, never less.
 */
export function maskUrlCredentials(value: string): string {
  const scheme = /^[a-z][a-z0-9+.-]*:\/\//i.exec(value);
  if (scheme === null || !value.includes("@")) return value;
  const start = scheme[0].length;
  let end: number;
  try {
    const url = new URL(value);
    if (url.username === "" && url.password === "") return value;
    // The authority ends at the first "/", "?" or "#" ("\\" too in http(s), ws(s), ftp, file).
    const stops = /^(https?|wss?|ftp|file):$/i.test(url.protocol) ? /[/?#\\]/ : /[/?#]/;
    const rest = value.slice(start);
    const cut = rest.search(stops);
    end = value.lastIndexOf("@", cut < 0 ? value.length : start + cut);
  } catch {
    end = value.lastIndexOf("@");
  }
  return end > start ? `${value.slice(0, start)}${MASK}${value.slice(end)}` : value;
}

/** One setting as shown. */
export interface SettingView {
  name: string;
  /** The group's title (`Server`, `Long-term memory`). */
  group: string;
  value: unknown;
  default: unknown;
  description: string;
  secret: boolean;
}

function shown(name: string, value: unknown): unknown {
  if (isSecretSetting(name)) return value === "" || value === null ? value : MASK;
  if (typeof value === "string") return maskUrlCredentials(value);
  if (Array.isArray(value)) {
    return value.map((item) => typeof item === "string" ? maskUrlCredentials(item) : item);
  }
  return value;
}

/** Every setting of `config`, in the order of `core/settings.ts`, secrets masked. */
export function settingsView(config: Config): SettingView[] {
  return (Object.keys(SETTINGS) as Array<keyof typeof SETTINGS>).map((name) => {
    const schema = SETTINGS[name].schema as z.ZodType;
    return {
      name,
      group: SETTING_GROUPS[SETTING_GROUP[name]],
      value: shown(name, config[name]),
      default: shown(name, schema.safeParse(undefined).data ?? null),
      description: SETTINGS[name].description,
      secret: isSecretSetting(name),
    };
  });
}
