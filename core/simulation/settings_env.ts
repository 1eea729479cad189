/**
 * The server's settings handed to a simulation run it starts.
 *
 * @module
 */
import type { Config } from "../config.ts";

/** `config` as environment variables, so that a run reads the server's own settings. */
export function settingsEnv(config: Config): Record<string, string> {
  return Object.fromEntries(
    Object.entries(config)
      // An optional setting left unset stays unset (not the text "undefined").
      .filter(([, value]) => value !== undefined)
      .map(([name, value]) => [name, Array.isArray(value) ? value.join(",") : String(value)]),
  );
}
