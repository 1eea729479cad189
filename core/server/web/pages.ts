/**
 * The two HTML shells of the REST port: the dashboard (its script does the rest) and the API
 * reference page (Swagger UI).
 *
 * @module
 */

/** Where the dashboard keeps the AUTH_TOKEN a user typed (per tab, gone with it). */
export const TOKEN_STORAGE_KEY = "persona-mcp.token";

/** The dashboard's page; `wsPort` tells its chat where the WebSocket listens. */
export function dashboardPage(options: { wsPort: number | null }): string {
  const port = options.wsPort === null ? "" : String(options.wsPort);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="persona-mcp-ws-port" content="${port}">
<title>persona-mcp dashboard</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/ui/app.css">
</head>
<body>
<div id="app"><p class="boot">Loading the dashboard…</p></div>
<noscript>The dashboard needs JavaScript; the API works without it: <a href="/api/docs">API reference</a>.</noscript>
<script type="module" src="/ui/app.js"></script>
</body>
</html>
`;
}

/** The API reference page. */
export function docsPage(): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>persona-mcp API reference</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/api/docs/swagger-ui.css">
</head>
<body>
<main id="swagger-ui"></main>
<script src="/api/docs/swagger-ui-bundle.js"></script>
<script src="/api/docs/init.js"></script>
</body>
</html>
`;
}

/** Starts Swagger UI: this server's document, no outside validator, the dashboard's token. */
export const SWAGGER_INIT = `"use strict";
window.ui = SwaggerUIBundle({
  url: "/api/openapi.json",
  dom_id: "#swagger-ui",
  validatorUrl: null,
  deepLinking: true,
  tryItOutEnabled: false,
  requestInterceptor: (request) => {
    const token = sessionStorage.getItem(${JSON.stringify(TOKEN_STORAGE_KEY)});
    if (token && !request.headers.Authorization) request.headers.Authorization = "Bearer " + token;
    return request;
  },
});
`;
