/**
 * Every setting as the docs show it, by group: read from `core/settings.ts`, for `--help` and
 * the generated settings page.
 *
 * @module
 */
import { z } from "zod";
import { SETTING_GROUP, SETTING_GROUPS, type SettingGroup, SETTINGS } from "../../settings.ts";
import { describeDefault, describeSchema, type JsonSchema } from "./schema_text.ts";

/** One setting, ready to print. */
export interface SettingDoc {
  /** As written in the environment and `.env`: `SERVER_PORT`. */
  name: string;
  /** As a command-line flag: `--server-port`. */
  flag: string;
  /** The default as text: `8000`, `(none)`. */
  default: string;
  /** Accepted values in words: `integer, 0–65535`. */
  accepts: string;
  description: string;
}

/** A group of settings, in `core/settings.ts` order. */
export interface SettingSection {
  group: SettingGroup;
  title: string;
  settings: SettingDoc[];
}

/** `SERVER_PORT` → `--server-port`. */
export function flagName(setting: string): string {
  return `--${setting.toLowerCase().replaceAll("_", "-")}`;
}

function accepts(schema: z.ZodType): string {
  const fallback = schema.safeParse(undefined).data;
  if (typeof fallback === "boolean") return "true or false (also 1/0, yes/no)";
  // Lists are the only settings that read "" as a value (none) rather than as unset.
  if (schema.safeParse("").data instanceof Array) return "comma-separated list";
  const json = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as JsonSchema;
  return describeSchema(json);
}

function settingDoc(name: keyof typeof SETTINGS): SettingDoc {
  const { schema, description } = SETTINGS[name];
  const zodSchema = schema as z.ZodType;
  return {
    name,
    flag: flagName(name),
    // A setting without a default (its description says what unset means) shows "(none)".
    default: (describeDefault(zodSchema.safeParse(undefined).data) || "(none)").replaceAll("`", ""),
    accepts: accepts(zodSchema),
    description,
  };
}

/** Every setting, by group, in the order of `SETTING_GROUPS` and then of `SETTINGS`. */
export function settingSections(): SettingSection[] {
  const names = Object.keys(SETTINGS) as Array<keyof typeof SETTINGS>;
  return (Object.keys(SETTING_GROUPS) as SettingGroup[]).map((group) => ({
    group,
    title: SETTING_GROUPS[group],
    settings: names.filter((name) => SETTING_GROUP[name] === group).map(settingDoc),
  }));
}
