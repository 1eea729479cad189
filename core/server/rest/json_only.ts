/**
 * REST bodies are JSON: a request that carries a body of another media type (text, form,
 * multipart, XML) is refused with 415 before any route reads it. Requests without a body pass.
 *
 * @module
 */
import type { MiddlewareHandler } from "hono";
import { mediaType } from "../transport/http_body.ts";
import { RpcCode } from "../rpc/wire_errors.ts";

/** True for `application/json` and structured `+json` types (`application/merge-patch+json`). */
export function isJsonMediaType(value: string | null): boolean {
  const type = mediaType(value);
  return type === "application/json" || /^application\/[a-z0-9.!#$&^_-]+\+json$/.test(type);
}

/**
 * HTTP/1.1 framing (RFC 9112 §6): a request has a body when it announces one. (Deno gives a
 * bodiless DELETE a body stream, so the stream alone says nothing; with a media type it does.)
 */
function hasBody(request: Request): boolean {
  const length = request.headers.get("content-length");
  if (length !== null) return Number(length) !== 0;
  return request.headers.has("transfer-encoding") ||
    (request.body !== null && request.headers.has("content-type"));
}

/** Middleware answering 415 to a body that is not JSON. */
export function jsonBodiesOnly(): MiddlewareHandler {
  return async (c, next) => {
    const request = c.req.raw;
    if (!hasBody(request) || isJsonMediaType(request.headers.get("content-type"))) {
      return await next();
    }
    const sent = mediaType(request.headers.get("content-type")) || "none";
    return c.json({
      error: {
        code: RpcCode.InvalidRequest,
        message:
          `Unsupported Media Type: send the body as Content-Type: application/json (got ${sent})`,
      },
    }, 415);
  };
}
