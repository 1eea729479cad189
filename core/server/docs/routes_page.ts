/**
 * The generated REST route table: every route the REST app serves (all plugins on), each with
 * the method it runs and what else to know, from the route docs beside the routes.
 *
 * @module
 */
import type { RouteDoc } from "../rest/routes_doc.ts";
import { code, generatedBanner, table } from "./markdown.ts";

/** A route of the REST app and its documentation. */
export interface DocumentedRoute {
  /** `"GET /api/personas/:id"`. */
  key: string;
  doc: RouteDoc;
  /** The plugin that adds it; core routes have none. */
  plugin?: string;
}

/** What the route table is built from. */
export interface RoutesPageInput {
  routes: readonly DocumentedRoute[];
  /** Link to the method reference, from the route page; a method's section is `#anchor`. */
  methodsPage: string;
  methodAnchor(method: string): string;
}

function doesCell(route: DocumentedRoute, input: RoutesPageInput): string {
  const calls = route.doc.calls ?? [];
  // A route that picks one of several methods says which in its text.
  const method = calls.length === 1
    ? `[${code(calls[0]!)}](${input.methodsPage}#${input.methodAnchor(calls[0]!)})`
    : "";
  const status = route.doc.status ? ` (${route.doc.status})` : "";
  const plugin = route.plugin ? ` (plugin ${code(route.plugin)})` : "";
  const lead = `${method}${status}${plugin}`.trim();
  return [lead, route.doc.text ?? ""].filter((part) => part !== "").join(". ");
}

/** The REST route page (Markdown, before `deno fmt`). */
export function renderRoutesPage(input: RoutesPageInput): string {
  const rows = input.routes.map((route) => [code(route.key), doesCell(route, input)]);
  return [
    generatedBanner("the REST app's routes and the route docs beside them"),
    "# REST PersonaAPI routes",
    `All ${input.routes.length} routes of the REST app (Hono) on \`API_PORT\` ` +
    "(`http://127.0.0.1:8080/api` by default), with every plugin enabled. A route that runs a " +
    "method calls the same handler as JSON-RPC, so params, validation, results and errors are " +
    `that method's ([method reference](${input.methodsPage})); path parameters and the JSON ` +
    "body become its params.",
    table(["Route", "Runs / does"], rows),
    "**Sessions.** Without `X-Session-Id`, each request gets a fresh, throw-away session. " +
    "`POST /api/sessions` opens one that lasts (until `REST_SESSION_TTL_S` idle seconds pass): " +
    "send its id as `X-Session-Id` and `persona.switch`, scenes and history stick like on a " +
    "WebSocket.",
    "**Errors** are JSON `{error: {code, message, data?}}` with the JSON-RPC code and a fitting " +
    "status: 400 (invalid; also a path or query whose `%` escapes are not UTF-8, or with a `%` " +
    "not followed by two hex digits: search for `100%25`, not `100%`; a query key given twice; " +
    "a body that is not UTF-8; an upload's `multipart/form-data` body that is no valid form, " +
    "of more than 32 parts, or without a file), 401 (with `AUTH_TOKEN`: no token or a wrong one, on every " +
    "route but the pages, their assets and the API documents), 404 (unknown persona, memory, route or session; a path with a " +
    "trailing slash names no route), 405 (a known path asked with a method it does not serve; " +
    "`Allow` lists those it does), 409 (duplicate name, persona unavailable), 413 (body over " +
    "`MAX_FRAME_BYTES`; an upload over `CARD_MAX_BYTES`: its body, when declared within 4 " +
    "times the limit, is then read and dropped so a client that writes it whole before reading " +
    "sees the answer), 415 (a body that is not JSON; an " +
    "upload of a type its route does not read, `Accept-Post` lists those it does), 429 (model " +
    "queue full; uploads: 4 running and 16 waiting, or 10 s waited for a turn; over the " +
    "client's `RATE_LIMIT_PER_S`; with `AUTH_TOKEN`, an address that failed the token too " +
    "often, before its token is compared), 500 (internal), " +
    "501 (`TRACE`, `TRACK`, `CONNECT`), 502 (the embedding model answered invalid vectors), 503 " +
    "(database, memory store or language model unavailable; `Retry-After` with the database). " +
    "`/api/openapi.json` lists each route's (`core/server/docs/openapi_statuses_test.ts` checks " +
    "them against the routes' answers). The full mapping is in the " +
    `[method reference](${input.methodsPage}#errors).`,
    "**Security.** Like `/mcp`, the REST port refuses (403, before any handler) a request whose " +
    "`Host` is not this machine (`localhost`, `127.0.0.1`, `[::1]`, `SERVER_HOST`, " +
    "`ALLOWED_HOSTS`) or whose `Origin` is another site: anything but this server's own pages " +
    "(those hosts on API_PORT or SERVER_PORT, or the origin the page calls) and `CORS_ORIGINS` " +
    "(`http://localhost:5173`, or `http://localhost:*` for any port); a localhost page on " +
    "another port is another site. CORS headers answer only those origins.",
  ].join("\n\n") + "\n";
}
