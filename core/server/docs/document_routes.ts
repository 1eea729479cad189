/**
 * The REST app's routes paired with their docs (core and plugin tables): the route table, the
 * OpenAPI document and the tests all read routes through here, so a route without a doc (or a
 * doc without a route) stops them all.
 *
 * @module
 */
import { REST_ROUTE_DOCS, type RouteDoc } from "../rest/routes_doc.ts";
import { WEB_ROUTE_DOCS } from "../web/routes_doc.ts";
import type { DocumentedRoute } from "./routes_page.ts";

/** A route of the app with no doc, or a doc with no route: the generator refuses both. */
export class UndocumentedRoute extends Error {
  override name = "UndocumentedRoute";
}

/** The REST app's routes (all plugins on), each with its doc; throws when they disagree. */
export function documentRoutes(
  routes: ReadonlyArray<{ method: string; path: string }>,
  docs: ReadonlyArray<
    { docs: Record<string, RouteDoc>; plugin?: string }
  >,
): DocumentedRoute[] {
  const known = new Map<string, DocumentedRoute>();
  for (const { docs: table, plugin } of docs) {
    for (const [key, doc] of Object.entries(table)) known.set(key, { key, doc, plugin });
  }
  const keys = [
    ...new Set(routes.filter((r) => r.method !== "ALL").map((r) => `${r.method} ${r.path}`)),
  ];
  const missing = keys.filter((key) => !known.has(key));
  const stale = [...known.keys()].filter((key) => !keys.includes(key));
  if (missing.length > 0 || stale.length > 0) {
    throw new UndocumentedRoute(
      [
        missing.length ? `routes without a doc: ${missing.join(", ")}` : "",
        stale.length ? `docs of routes that do not exist: ${stale.join(", ")}` : "",
      ].filter(Boolean).join("; "),
    );
  }
  return keys.map((key) => known.get(key) as DocumentedRoute);
}

/** The route doc tables of the core, the web pages and `plugins` (with their plugin's name). */
export function routeDocTables(
  plugins: ReadonlyArray<{ name: string; routeDocs?: Record<string, RouteDoc> }>,
): Array<{ docs: Record<string, RouteDoc>; plugin?: string }> {
  return [
    { docs: REST_ROUTE_DOCS },
    { docs: WEB_ROUTE_DOCS },
    ...plugins.map((plugin) => ({ docs: plugin.routeDocs ?? {}, plugin: plugin.name })),
  ];
}
