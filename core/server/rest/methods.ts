/**
 * HTTP method details of the REST app (RFC 9110): a known path asked with a method it does not
 * serve is 405 with `Allow` (§15.5.6), not 404; `HEAD` sends the header fields `GET` would,
 * `Content-Length` included (§9.3.2), where Hono's own HEAD would claim an empty body.
 *
 * @module
 */
import type { Context } from "hono";
import { echoed } from "../../text_cut.ts";
import { RpcCode } from "../rpc/wire_errors.ts";

/** A route as Hono lists it (`app.routes`); middleware is method `ALL`. */
export interface RouteEntry {
  method: string;
  path: string;
}

/** A Hono path pattern as a regular expression (`:id`, `:id{re}`, `*`). */
function patternOf(path: string): RegExp {
  let source = "";
  for (const part of path.split(/(:\w+(?:\{[^}]*\})?\??|\*)/)) {
    if (part === "*") source += ".*";
    else if (part.startsWith(":")) {
      const constraint = /\{([^}]*)\}/.exec(part)?.[1];
      source += `(?:${constraint ?? "[^/]+"})${part.endsWith("?") ? "?" : ""}`;
    } else source += part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  }
  // Strict, as the router is: a trailing slash names no route (404, not a 405 naming GET).
  return new RegExp(`^${source}$`);
}

/** Finds the methods the routes serve at a path (HEAD with GET, OPTIONS for CORS). */
export function methodsFinder(routes: () => readonly RouteEntry[]): (path: string) => string[] {
  let compiled: Array<{ method: string; pattern: RegExp }> | undefined;
  return (path) => {
    compiled ??= routes().filter((route) => route.method !== "ALL").map((route) => ({
      method: route.method,
      pattern: patternOf(route.path),
    }));
    const methods = new Set(
      compiled.filter((route) => route.pattern.test(path)).map((route) => route.method),
    );
    if (methods.has("GET")) methods.add("HEAD");
    if (methods.size > 0) methods.add("OPTIONS");
    return [...methods];
  };
}

/** The answer when no route matched: 405 with `Allow` for a known path, else 404. */
export function noRoute(c: Context, allowed: string[]): Response {
  if (allowed.length > 0) {
    const allow = allowed.join(", ");
    c.header("Allow", allow);
    return c.json({
      error: {
        code: RpcCode.MethodNotFound,
        message: `Method ${echoed(c.req.method)} not allowed for ${
          echoed(c.req.path)
        }; use ${allow}`,
      },
    }, 405);
  }
  return c.json({
    error: {
      code: RpcCode.MethodNotFound,
      message: `No route for ${echoed(c.req.method)} ${echoed(c.req.path)}`,
    },
  }, 404);
}

/**
 * A fetch whose `HEAD` answers carry GET's `Content-Length` (the body read, then dropped); a
 * stream (SSE) has no length to give, so it gets none.
 */
export function withHeadLength(
  fetch: (request: Request, ...rest: never[]) => Response | Promise<Response>,
): (request: Request, ...rest: never[]) => Promise<Response> {
  return async (request, ...rest) => {
    if (request.method !== "HEAD") return await fetch(request, ...rest);
    const get = await fetch(new Request(request, { method: "GET" }), ...rest);
    const headers = new Headers(get.headers);
    if (get.body !== null && !headers.has("content-length")) {
      if ((headers.get("content-type") ?? "").startsWith("text/event-stream")) {
        await get.body.cancel();
      } else headers.set("Content-Length", String((await get.arrayBuffer()).byteLength));
    }
    return new Response(null, { status: get.status, statusText: get.statusText, headers });
  };
}
