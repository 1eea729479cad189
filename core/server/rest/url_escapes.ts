/**
 * A REST path or query whose percent-escapes do not decode to UTF-8 (`%FF`, an escaped lone
 * surrogate `%ED%A0%80`) is refused with 400: Hono's `param()` and `query()` keep what they
 * cannot decode as literal text, which would look up a persona named "%FF" or search for it.
 *
 * @module
 */
import type { MiddlewareHandler } from "hono";
import { RpcCode } from "../rpc/wire_errors.ts";

/**
 * Whether `text` (a path or a query) decodes as percent-encoded UTF-8. A `+` (a space in a
 * query) needs no turning into one first: `decodeURIComponent` keeps it as it is. A `%` not
 * followed by two hex digits (`?query=100%`) does not decode: it is refused too.
 */
function decodes(text: string): boolean {
  try {
    decodeURIComponent(text);
    return true;
  } catch {
    return false;
  }
}

/** Refuses (400, -32602) a request whose path or query does not decode. */
export function decodableUrlsOnly(): MiddlewareHandler {
  return async (c, next) => {
    const { pathname, search } = new URL(c.req.url);
    if (decodes(pathname) && decodes(search)) return await next();
    return c.json({
      error: {
        code: RpcCode.InvalidParams,
        message: "The request's path or query is not valid percent-encoded UTF-8",
      },
    }, 400);
  };
}
