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

/** `value` with a URL's `user:password@` masked (`http://u:p@host` → `http://********@host`). */
export function maskUrlCredentials(value: string): string {
  return value.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/@\s]+@/i, `$1${MASK}@`);
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
