/**
 * REST bodies have the media types their route reads: JSON everywhere, and the file types of
 * the upload routes (see `upload.ts`). A request whose body has another type (text, form, XML)
 * is refused with 415 before any route reads it. Requests without a body pass.
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

/** 415 naming what was sent and what the route takes (`Accept-Post`, RFC 9110 §15.5.16). */
function unsupported(sent: string, accepted: readonly string[], hint: string): Response {
  return Response.json({
    error: {
      code: RpcCode.InvalidRequest,
      message: `Unsupported Media Type: ${hint} (got ${sent || "none"})`,
      data: { accepted: [...accepted] },
    },
  }, { status: 415, headers: { "Accept-Post": accepted.join(", ") } });
}

/** Middleware answering 415 to a body that is not JSON. */
export function jsonBodiesOnly(): MiddlewareHandler {
  return async (c, next) => {
    const request = c.req.raw;
    const type = request.headers.get("content-type");
    if (!hasBody(request) || isJsonMediaType(type)) return await next();
    return unsupported(
      mediaType(type),
      ["application/json"],
      "send the body as Content-Type: application/json",
    );
  };
}

/**
 * Middleware answering 415 to an upload whose media type is not in `accepted` (JSON is accepted
 * with its `+json` forms when listed). A body without a `Content-Type` is a file of bytes
 * (`application/octet-stream`, RFC 9110 §8.3), taken when that type is listed.
 */
export function uploadBodiesOf(accepted: readonly string[]): MiddlewareHandler {
  const json = accepted.includes("application/json");
  return async (c, next) => {
    const request = c.req.raw;
    const type = mediaType(request.headers.get("content-type")) || "application/octet-stream";
    if (!hasBody(request) || accepted.includes(type) || (json && isJsonMediaType(type))) {
      return await next();
    }
    return unsupported(type, accepted, `send the file as one of ${accepted.join(", ")}`);
  };
}
