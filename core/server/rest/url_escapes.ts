/**
 * A REST path or query whose percent-escapes do not decode to UTF-8 (`%FF`, an escaped lone
 * surrogate `%ED%A0%80`) is refused with 400: Hono's `param()` and `query()` keep what they
 * cannot decode as literal text, which would look up a persona named "%FF" or search for it. A
 * query key given twice is refused too.
 *
 * @module
 */
import type { MiddlewareHandler } from "hono";
import { RpcCode } from "../rpc/wire_errors.ts";
import { echoed } from "../../text_cut.ts";

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

/** The first query key given more than once (`?limit=1&limit=2`), if any. */
function repeatedKey(search: string): string | undefined {
  const seen = new Set<string>();
  for (const key of new URLSearchParams(search).keys()) {
    if (seen.has(key)) return key;
    seen.add(key);
  }
  return undefined;
}

/**
 * Refuses (400, -32602) a request whose path or query does not decode, or whose query gives a
 * key twice (every route reads one value a key: silently taking the first would hide the
 * client's mistake).
 */
export function decodableUrlsOnly(): MiddlewareHandler {
  return async (c, next) => {
    const { pathname, search } = new URL(c.req.url);
    const refuse = (message: string) =>
      c.json({ error: { code: RpcCode.InvalidParams, message } }, 400);
    if (!decodes(pathname) || !decodes(search)) {
      return refuse("The request's path or query is not valid percent-encoded UTF-8");
    }
    const repeated = repeatedKey(search);
    if (repeated !== undefined) {
      return refuse(`Query parameter "${echoed(repeated)}" given more than once; send it once`);
    }
    return await next();
  };
}
