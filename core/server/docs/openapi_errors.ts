/**
 * The error answers of a REST route in the OpenAPI document (`openapi.ts`): those every route
 * that runs a method can give (400, 500, 503 while the database is out of reach), its methods'
 * own domain errors, and those of the middleware a body passes through before any route runs:
 * 413 (too large) and 415 (not a type the route reads) on every route that takes a body, 429
 * on the upload routes when their queue is full (`core/server/rest/upload.ts`), and the access
 * middleware's (`core/server/rest/access.ts`): 429 over the client's request rate on every route,
 * and on the routes that need AUTH_TOKEN (when the server has one) 401 without the right token and
 * 429 once the address has failed it too often.
 *
 * @module
 */
import type { ErrorCode } from "../../errors.ts";
import type { Handler } from "../define_handler.ts";
import { wireOf } from "./errors_doc.ts";

type Json = Record<string, unknown>;

/** What a route's body is: JSON (`json`), an uploaded file (`upload`), or none. */
export type BodyKind = "json" | "upload" | "none";

/** `Retry-After`, sent with 429 and 503. */
const RETRY_AFTER: Json = {
  "Retry-After": {
    description: "Seconds to wait before trying again",
    schema: { type: "integer", minimum: 1 },
  },
};

/** `WWW-Authenticate`, sent with 401. */
const WWW_AUTHENTICATE: Json = {
  "WWW-Authenticate": {
    description: "`Bearer`: the token goes in `Authorization: Bearer <token>`",
    schema: { type: "string" },
  },
};

/** `Accept-Post`, sent with 415: the media types the route takes. */
const ACCEPT_POST: Json = {
  "Accept-Post": {
    description: "The media types the route takes, comma-separated",
    schema: { type: "string" },
  },
};

/** The headers each status is documented with. */
const HEADERS: Record<number, Json> = {
  401: WWW_AUTHENTICATE,
  415: ACCEPT_POST,
  429: RETRY_AFTER,
  503: RETRY_AFTER,
};

/** The access middleware's refusals, answered before anything else on every route. */
const RATE_ERROR = '`rate_limited` (-32006, `data.reason: "rate_limit"`): over the client\'s ' +
  "request rate (`RATE_LIMIT_PER_S`, on by default off loopback); retry after `Retry-After`";

/** The refusals of a route that needs AUTH_TOKEN (only when the server has one). */
const TOKEN_ERRORS: Record<number, string> = {
  401: "With AUTH_TOKEN: no token, or a wrong one (`-32600`): send `Authorization: Bearer <token>`",
  429: "With AUTH_TOKEN: the address failed the token check too often (20 at once, then one a " +
    "second): refused before the token is compared, a right one too, until `Retry-After` passes",
};

/** Errors every route that runs a method can answer besides its own. */
const COMMON_ERRORS: Record<number, string> = {
  400: "Invalid params (`-32602`) or a malformed body (`-32700`, `-32600`)",
  500: "Internal error (`-32603`); logged, never echoed",
  503: "`storage_unavailable` (-32009): the database is out of reach, or refused a write for a " +
    "full disk or a read-only file (`data.reason`, `data.hint`); retry after `Retry-After`",
};

/** Errors of a JSON body, answered before the route runs. */
const JSON_BODY_ERRORS: Record<number, string> = {
  413: "The body is larger than `MAX_FRAME_BYTES` (`-32600`)",
  415: "The body is not JSON (`-32600`): send `Content-Type: application/json`",
};

/** Errors of an upload, answered before the route runs. */
const UPLOAD_ERRORS: Record<number, string> = {
  413: "The file is larger than `CARD_MAX_BYTES` (`-32602`)",
  415: "The file's media type is not one the route reads (`-32600`)",
  429: "`busy` (-32003): too many uploads at once (running and queued); retry after `Retry-After`",
};

/** What a route's error answers depend on besides the methods it runs. */
export interface RouteAccess {
  /** What its body is. */
  body: BodyKind;
  /** Whether it needs AUTH_TOKEN when the server has one (false: pages, assets, documents). */
  token: boolean;
}

/** The error answers of a route that runs `handlers`, its body and token as `access` says. */
export function errorResponses(handlers: readonly Handler[], access: RouteAccess): Json {
  const { body } = access;
  const byStatus = new Map<number, string[]>();
  const add = (status: number, text: string) => {
    const texts = byStatus.get(status) ?? [];
    if (!texts.includes(text)) byStatus.set(status, [...texts, text]);
  };
  const fromBody = body === "json" ? JSON_BODY_ERRORS : body === "upload" ? UPLOAD_ERRORS : {};
  for (const [code, text] of Object.entries(fromBody)) add(Number(code), text);
  add(429, RATE_ERROR);
  if (access.token) {
    for (const [code, text] of Object.entries(TOKEN_ERRORS)) add(Number(code), text);
  }
  if (handlers.length > 0) {
    for (const [code, text] of Object.entries(COMMON_ERRORS)) add(Number(code), text);
    const errors = new Set<ErrorCode>(handlers.flatMap((handler) => handler.errors ?? []));
    // Documented once, with the common answers.
    errors.delete("storage_unavailable");
    for (const domain of errors) {
      const wire = wireOf(domain);
      add(wire.status, `\`${domain}\` (${wire.code})`);
    }
  }
  const out: Json = {};
  for (const [code, texts] of [...byStatus].sort(([a], [b]) => a - b)) {
    out[String(code)] = {
      description: texts.join("; "),
      ...(HEADERS[code] ? { headers: HEADERS[code] } : {}),
      content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
    };
  }
  return out;
}
