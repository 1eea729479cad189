/**
 * Optional feature packs. A plugin adds JSON-RPC handlers and REST routes; the PLUGINS setting
 * enables it. Plugins are found through the generated `plugins/_manifest.gen.ts`.
 *
 * @module
 */
import type { Hono } from "hono";
import type { Services } from "../services.ts";
import { ConfigError } from "../config.ts";
import type { Handler } from "./define_handler.ts";
import type { RestEnv, RestTools } from "./rest/tools.ts";
import type { RouteDoc } from "./rest/routes_doc.ts";

/** A feature pack, exported as the default of `plugins/<name>/mod.ts`. */
export interface Plugin {
  /** Unique name, equal to its folder name; used in the PLUGINS setting. */
  name: string;
  /** One sentence for the docs. */
  description: string;
  /** JSON-RPC handlers it adds. */
  handlers?: Handler[];
  /** Adds REST routes under `/api`. */
  routes?(api: Hono<RestEnv>, tools: RestTools): void;
  /** What each of its routes does, keyed `"PUT /api/path"`, for the generated route table. */
  routeDocs?: Record<string, RouteDoc>;
  /** Runs once when the server starts. */
  setup?(services: Services): void | Promise<void>;
}

/** Declares a plugin. */
export function definePlugin(plugin: Plugin): Plugin {
  return plugin;
}

/**
 * Picks the enabled plugins, each once (`PLUGINS=visual,visual` enables `visual`, as a list
 * setting names a thing once however often it is written); an unknown name is an error naming
 * the available ones.
 */
export function selectPlugins(available: readonly Plugin[], enabled: readonly string[]): Plugin[] {
  const byName = new Map(available.map((plugin) => [plugin.name, plugin]));
  return [...new Set(enabled)].map((name) => {
    const plugin = byName.get(name);
    if (!plugin) {
      const names = [...byName.keys()].join(", ") || "none";
      throw new ConfigError(
        `Invalid setting PLUGINS: unknown plugin "${name}" (available: ${names})`,
      );
    }
    return plugin;
  });
}
