/**
 * Generates the reference pages from the code: the method reference from the handlers' schemas
 * and descriptions, the settings page from `core/settings.ts`, and the REST route table from the
 * REST app. `deno task gen` writes them (after the manifests); `--check` only reports staleness,
 * and a test fails when a page is stale.
 *
 * @module
 */
import { buildServer } from "../server.ts";
import { loadConfig } from "../../config.ts";
import { createLogger } from "../../log.ts";
import { TOOLS } from "../mcp/tools.ts";
import { documentRoutes, routeDocTables } from "./document_routes.ts";

export { documentRoutes, UndocumentedRoute } from "./document_routes.ts";
import { plugins } from "../../../plugins/_manifest.gen.ts";
import { methodAnchor, type MethodEntry, renderMethodsPage } from "./methods_page.ts";
import { renderRoutesPage } from "./routes_page.ts";
import { renderSettingsPage } from "./settings_page.ts";

/** Where each generated page lives, relative to the repository root. */
export const DOC_PAGES = {
  methods: "handlers/README.md",
  settings: "core/settings.md",
  routes: "core/server/rest/README.md",
  /** Not generated: hand-written pages the method reference links to. */
  mcp: "core/server/mcp/README.md",
  personas: "core/personas/README.md",
  memory: "core/memory/README.md",
} as const;

/** `to` relative to the folder of `from` (both relative to the repository root). */
export function relativeLink(from: string, to: string): string {
  const fromParts = from.split("/").slice(0, -1);
  const toParts = to.split("/");
  let common = 0;
  while (common < fromParts.length && fromParts[common] === toParts[common]) common++;
  const up = fromParts.slice(common).map(() => "..");
  return [...up, ...toParts.slice(common)].join("/");
}

/** Every generated page, keyed by its path, as Markdown before `deno fmt`. */
export async function renderDocPages(): Promise<Record<string, string>> {
  const config = loadConfig({
    env: { SERVER_PORT: "0", API_PORT: "0", PLUGINS: plugins.map((p) => p.name).join(",") },
    dotenv: "",
  });
  const app = await buildServer(config, {
    log: createLogger("error", { write: () => {} }),
    databasePath: ":memory:",
  });
  try {
    const pluginOf = new Map<string, string>();
    for (const plugin of plugins) {
      for (const handler of plugin.handlers ?? []) pluginOf.set(handler.method, plugin.name);
    }
    const methods: MethodEntry[] = app.dispatcher.registry.list().map((handler) => ({
      handler,
      plugin: pluginOf.get(handler.method),
    }));
    const routes = documentRoutes(app.rest.routes, routeDocTables(plugins));
    return {
      [DOC_PAGES.methods]: renderMethodsPage({
        methods,
        routes,
        tools: TOOLS,
        links: {
          routes: relativeLink(DOC_PAGES.methods, DOC_PAGES.routes),
          settings: relativeLink(DOC_PAGES.methods, DOC_PAGES.settings),
          mcp: relativeLink(DOC_PAGES.methods, DOC_PAGES.mcp),
          personas: relativeLink(DOC_PAGES.methods, DOC_PAGES.personas),
          memory: relativeLink(DOC_PAGES.methods, DOC_PAGES.memory),
        },
      }),
      [DOC_PAGES.settings]: renderSettingsPage(),
      [DOC_PAGES.routes]: renderRoutesPage({
        routes,
        methodsPage: relativeLink(DOC_PAGES.routes, DOC_PAGES.methods),
        methodAnchor,
      }),
    };
  } finally {
    await app.services.memory.close();
    await app.services.db.close();
  }
}

/** `markdown` as `deno fmt` (with the repository's settings) formats it. */
export async function formatMarkdown(markdown: string, repoRoot: string): Promise<string> {
  // By name, so that `--allow-run=deno` covers it (the executable's own path may be a link).
  const child = new Deno.Command("deno", {
    args: ["fmt", `--config=${repoRoot}/deno.json`, "--ext=md", "-"],
    cwd: repoRoot,
    stdin: "piped",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const writer = child.stdin.getWriter();
  await writer.write(new TextEncoder().encode(markdown));
  await writer.close();
  const output = await child.output();
  if (!output.success) throw new Error(new TextDecoder().decode(output.stderr));
  return new TextDecoder().decode(output.stdout);
}

/** Every generated page, formatted, keyed by its path relative to `repoRoot`. */
export async function renderDocs(repoRoot: string): Promise<Record<string, string>> {
  const pages = await renderDocPages();
  const formatted: Record<string, string> = {};
  for (const [path, markdown] of Object.entries(pages)) {
    formatted[path] = await formatMarkdown(markdown, repoRoot);
  }
  return formatted;
}

if (import.meta.main) {
  const check = Deno.args.includes("--check");
  let stale = 0;
  for (const [path, page] of Object.entries(await renderDocs("."))) {
    let current = "";
    try {
      current = Deno.readTextFileSync(path);
    } catch {
      // Missing counts as stale.
    }
    if (current === page) continue;
    stale++;
    if (check) console.error(`${path} is stale; run \`deno task gen\``);
    else {
      Deno.writeTextFileSync(path, page);
      console.error(`wrote ${path}`);
    }
  }
  if (check && stale > 0) Deno.exit(1);
}
