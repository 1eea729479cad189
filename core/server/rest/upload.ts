/**
 * Uploads of files larger than a JSON-RPC frame (cards, bundles, lorebooks): their own body
 * limit (CARD_MAX_BYTES, answered with 413), and their body read as a file, raw
 * (`curl --data-binary @card.png`) or as the `file` field of a form (`curl -F file=@card.png`).
 *
 * @module
 */
import type { Context, MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { RpcCode } from "../rpc/wire_errors.ts";

const FORM = "multipart/form-data";
const BYTES = "application/octet-stream";
const JSON_FILE = "application/json";

/**
 * REST paths that take an upload (and the upload limit instead of MAX_FRAME_BYTES), with the
 * media types each reads: a card is JSON, PNG or CHARX (a zip; browsers name it
 * `application/zip`, `application/x-zip-compressed` or nothing), bundles and lorebooks are JSON;
 * each also as bytes or as a form's `file`. The content decides the format, not the type.
 */
export const UPLOAD_TYPES: ReadonlyMap<string, readonly string[]> = new Map([
  [
    "/api/personas/import",
    ["image/png", "application/zip", "application/x-zip-compressed", JSON_FILE, BYTES, FORM],
  ],
  ["/api/personas/bundles", [JSON_FILE, BYTES, FORM]],
  ["/api/lorebooks/import", [JSON_FILE, BYTES, FORM]],
]);

/** REST paths that take an upload. */
export const UPLOAD_PATHS: ReadonlySet<string> = new Set(UPLOAD_TYPES.keys());

/** The body limit of uploads: `maxBytes`, else 413 with a -32602 error naming the limit. */
export function uploadLimit(maxBytes: number): MiddlewareHandler {
  return bodyLimit({
    maxSize: maxBytes,
    onError: (c) =>
      c.json({
        error: {
          code: RpcCode.InvalidParams,
          message: `Upload too large: the limit is ${maxBytes} bytes (CARD_MAX_BYTES)`,
          data: { limit_bytes: maxBytes },
        },
      }, 413),
  });
}

/** An uploaded file and the other form fields (query parameters count as fields too). */
export interface Upload {
  bytes: Uint8Array;
  fields: Record<string, string>;
}

/** The uploaded file: the `file` field of a form, else the raw body. */
export async function readUpload(c: Context): Promise<Upload> {
  const fields: Record<string, string> = { ...c.req.query() };
  const type = (c.req.header("content-type") ?? "").toLowerCase();
  if (type.startsWith("multipart/form-data")) {
    const form = await c.req.parseBody();
    let bytes = new Uint8Array();
    for (const [key, value] of Object.entries(form)) {
      if (value instanceof File) {
        if (key === "file" || bytes.length === 0) bytes = new Uint8Array(await value.arrayBuffer());
      } else if (typeof value === "string") fields[key] = value;
    }
    return { bytes, fields };
  }
  return { bytes: new Uint8Array(await c.req.arrayBuffer()), fields };
}
