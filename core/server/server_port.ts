/**
 * What SERVER_PORT answers over HTTP: `/mcp` (the WebSocket upgrade and MCP Streamable HTTP),
 * behind the Host/Origin guard and the `/mcp` access check, and a 404 for anything else. Each
 * request is counted in the HTTP metrics (`port="server"`) under a bounded route label: `/mcp`,
 * `(refused)` for the guards' refusals, `(unmatched)` for any other path.
 *
 * @module
 */
import { clientNetwork } from "../cluster/client_address.ts";
import type { Logger } from "../log.ts";
import { echoed } from "../text_cut.ts";
import type { ServerMetrics } from "./metrics/metrics.ts";
import { REFUSED_ROUTE, UNMATCHED_ROUTE } from "./metrics/labels.ts";
import { failure } from "./rpc/envelope.ts";
import { RpcCode } from "./rpc/wire_errors.ts";
import type { McpHttpEndpoint } from "./transport/mcp_http.ts";
import type { OriginGuard } from "./transport/origin_guard.ts";
import type { WebSocketEndpoint } from "./transport/ws.ts";
import type { McpAccess } from "./security/mcp_access.ts";

/** The one route SERVER_PORT serves. */
export const MCP_ROUTE = "/mcp";

/** What {@linkcode serverPortHandler} answers with. */
export interface ServerPortDeps {
  guard: OriginGuard;
  access: McpAccess;
  webSockets: WebSocketEndpoint;
  mcpHttp: McpHttpEndpoint;
  metrics: ServerMetrics;
  log: Logger;
  /** NODE_ID, sent back on every Streamable HTTP answer. */
  node: string;
  /** The header it is sent in. */
  nodeHeader: string;
}

/** The SERVER_PORT handler: routes `/mcp`, refuses or 404s the rest, and counts each request. */
export function serverPortHandler(deps: ServerPortDeps): Deno.ServeHandler<Deno.NetAddr> {
  const { guard, access, webSockets, mcpHttp, log } = deps;
  /** Answers `request`; the route label it is counted under is set on `label`. */
  async function answer(
    request: Request,
    info: Deno.ServeHandlerInfo<Deno.NetAddr>,
    label: { route: string },
  ): Promise<Response> {
    const path = new URL(request.url).pathname;
    // Before anything else: a foreign page or a rebound DNS name never reaches a handler.
    const refusal = guard.refusal(request);
    if (refusal !== null) {
      log.warn("Refused request", { path: echoed(path), reason: refusal });
      return Response.json(
        failure(null, { code: RpcCode.InvalidRequest, message: `Forbidden: ${refusal}` }),
        { status: 403 },
      );
    }
    if (path !== MCP_ROUTE) {
      label.route = UNMATCHED_ROUTE;
      return Response.json(
        {
          error: {
            code: RpcCode.MethodNotFound,
            message: `No route for ${echoed(request.method)} ${echoed(path)}`,
          },
        },
        { status: 404 },
      );
    }
    const upgrade = request.headers.get("upgrade")?.toLowerCase() === "websocket";
    // Then the credential and the client's request rate (see SECURITY.md).
    const denied = access.refusal(request, info, { upgrade });
    if (denied !== null) return denied;
    // Past the guards: whatever `/mcp` answers (its own 413, 503...) is the route's.
    label.route = MCP_ROUTE;
    // The client (a trusted proxy's forwarded one) by network: what per-client caps count by.
    if (upgrade) return webSockets.upgrade(request, clientNetwork(info.remoteAddr.hostname));
    const response = await mcpHttp.handle(request, info.remoteAddr.hostname, {
      principal: access.principal(request),
    });
    response.headers.set(deps.nodeHeader, deps.node);
    return response;
  }
  return async (request, info) => {
    const started = performance.now();
    const label = { route: REFUSED_ROUTE };
    const response = await answer(request, info, label);
    deps.metrics.observeHttp({
      port: "server",
      route: label.route,
      method: request.method,
      status: response.status,
      seconds: (performance.now() - started) / 1000,
    });
    return response;
  };
}
