/**
 * The REST port's pages and documents: the dashboard at `/` (a Preact app bundled into
 * `app.gen.js` by `deno task gen`, embedded here as text so `deno compile` carries it), the API
 * reference at `/api/docs` (Swagger UI, copied from npm into `swagger_ui/` by `deno task gen`
 * and served from this server), the OpenAPI and OpenRPC documents, and `/metrics`.
 *
 * @module
 */
import type { Context, Hono } from "hono";
import appScript from "./app.gen.js" with { type: "text" };
import appStyle from "./app.css" with { type: "text" };
import { openApiDocument } from "../docs/openapi.ts";
import { openRpcDocument } from "../docs/openrpc.ts";
import type { DocumentedRoute } from "../docs/routes_page.ts";
import type { HandlerContext } from "../define_handler.ts";
import type { ServerMetrics } from "../metrics/metrics.ts";
import type { MethodTable } from "../rpc/handler.ts";
import type { RestEnv } from "../rest/tools.ts";
import { dashboardPage, docsPage, SWAGGER_INIT } from "./pages.ts";
import { LINKED_DOCUMENT_HEADERS, pageHeaders } from "./headers.ts";

/** What the pages and documents are built from. */
export interface WebDeps {
  /** The REST app's routes with their docs (read once, when first asked). */
  routes(): DocumentedRoute[];
  registry: MethodTable<HandlerContext>;
  version: string;
  metrics: ServerMetrics;
  /** The WebSocket port, once listening. */
  wsPort(): number | null;
}

/**
 * Swagger UI's script and style, imported when the reference is first opened: as a string the
 * script is 3.5 MB of heap that a server nobody reads the reference of need not hold
 * (core/server/README.md, "Memory"). Static specifiers, so `deno compile` still embeds them.
 */
const swaggerAssets = {
  script: () =>
    import("./swagger_ui/swagger-ui-bundle.js", { with: { type: "text" } }).then((m) => m.default),
  style: () =>
    import("./swagger_ui/swagger-ui.css", { with: { type: "text" } }).then((m) => m.default),
};

function asset(c: Context, body: string, type: string) {
  return c.body(body, 200, {
    "Content-Type": `${type}; charset=utf-8`,
    "Cache-Control": "no-cache",
    "X-Content-Type-Options": "nosniff",
  });
}

/**
 * Pages, their assets and the API documents: served without AUTH_TOKEN (they hold no data; the
 * dashboard asks for the token once its first data call is refused). Exact paths, GET and HEAD.
 */
export const PUBLIC_PATHS: ReadonlySet<string> = new Set([
  "/",
  "/favicon.ico",
  "/ui/app.js",
  "/ui/app.css",
  "/api/docs",
  "/api/docs/swagger-ui.css",
  "/api/docs/swagger-ui-bundle.js",
  "/api/docs/init.js",
  "/api/openapi.json",
  "/api/openrpc.json",
]);

/**
 * Documents opened by a link or a scraper that may not send a header: with AUTH_TOKEN they take
 * it as `Authorization: Bearer` or as `?token=` (GET only). Only `/metrics` (Prometheus'
 * `params`); the dashboard fetches a simulation report with the header instead.
 */
export const LINKED_DOCUMENTS: readonly RegExp[] = [/^\/metrics$/];

/** Mounts `/`, `/ui/*`, `/api/docs*`, `/api/openapi.json`, `/api/openrpc.json`, `/metrics`. */
export function mountWebRoutes(app: Hono<RestEnv>, deps: WebDeps): void {
  let openApi: string | null = null;
  let openRpc: string | null = null;
  const headersOf = (c: Context) =>
    pageHeaders({ host: c.req.header("host"), wsPort: deps.wsPort() });
  app.get("/", (c) => c.html(dashboardPage({ wsPort: deps.wsPort() }), 200, headersOf(c)));
  // Browsers ask for it on every page of this port (the metrics, a report): nothing, not 401.
  app.get("/favicon.ico", (c) => c.body(null, 204, { "Cache-Control": "max-age=86400" }));
  app.get("/ui/app.js", (c) => asset(c, appScript, "text/javascript"));
  app.get("/ui/app.css", (c) => asset(c, appStyle, "text/css"));
  app.get("/api/docs", (c) => c.html(docsPage(), 200, headersOf(c)));
  app.get(
    "/api/docs/swagger-ui.css",
    async (c) => asset(c, await swaggerAssets.style(), "text/css"),
  );
  app.get(
    "/api/docs/swagger-ui-bundle.js",
    async (c) => asset(c, await swaggerAssets.script(), "text/javascript"),
  );
  app.get("/api/docs/init.js", (c) => asset(c, SWAGGER_INIT, "text/javascript"));
  app.get("/api/openapi.json", (c) => {
    openApi ??= JSON.stringify(
      openApiDocument({
        routes: deps.routes(),
        registry: deps.registry,
        version: deps.version,
        publicPaths: PUBLIC_PATHS,
      }),
    );
    return c.body(openApi, 200, { "Content-Type": "application/json" });
  });
  app.get("/api/openrpc.json", (c) => {
    openRpc ??= JSON.stringify(
      openRpcDocument({ registry: deps.registry, version: deps.version }),
    );
    return c.body(openRpc, 200, { "Content-Type": "application/json" });
  });
  app.get(
    "/metrics",
    async (c) =>
      c.body(await deps.metrics.render(), 200, {
        "Content-Type": deps.metrics.contentType,
        // Its address may hold ?token= (a link, Prometheus' params).
        ...LINKED_DOCUMENT_HEADERS,
      }),
  );
}
