/**
 * The docs of the routes outside `/api` resources: the dashboard and its assets, the API
 * reference page and its assets, the OpenAPI and OpenRPC documents, and `/metrics`.
 *
 * @module
 */
import type { RouteDoc } from "../rest/routes_doc.ts";

/** Routes of `web/mod.ts`, keyed `"METHOD /path"`. */
export const WEB_ROUTE_DOCS: Record<string, RouteDoc> = {
  "GET /": {
    text: "The dashboard (personas, chat, memory, relationships, conversations, simulation, " +
      "system); a single page that calls this API",
    produces: "text/html",
    example: {},
  },
  "GET /favicon.ico": {
    text: "No icon: browsers ask for one on every page",
    status: 204,
    example: {},
  },
  "GET /ui/app.js": { text: "The dashboard's script", produces: "text/javascript", example: {} },
  "GET /ui/app.css": { text: "The dashboard's style sheet", produces: "text/css", example: {} },
  "GET /api/docs": {
    text: "The API reference page (Swagger UI, served from this server) over `/api/openapi.json`",
    produces: "text/html",
    example: {},
  },
  "GET /api/docs/swagger-ui.css": { text: "Swagger UI's style sheet", produces: "text/css" },
  "GET /api/docs/swagger-ui-bundle.js": { text: "Swagger UI", produces: "text/javascript" },
  "GET /api/docs/init.js": {
    text: "Starts Swagger UI on this server's document",
    produces: "text/javascript",
  },
  "GET /api/openapi.json": {
    text:
      "This document: OpenAPI 3.1 of every route, from the zod schemas the routes validate with",
    example: {},
  },
  "GET /api/openrpc.json": {
    text: "OpenRPC 1.3 of every JSON-RPC method (as `rpc.discover` answers)",
    example: {},
  },
  "GET /metrics": {
    text: "Prometheus metrics (text exposition format 0.0.4)",
    produces: "text/plain",
    example: {},
  },
};
