/**
 * Uploads of files larger than a JSON-RPC frame (cards, bundles, lorebooks, avatars): their own
 * body limit (CARD_MAX_BYTES, answered with 413), and their body read as a file, raw
 * (`curl --data-binary @card.png`) or as the `file` field of a form (`curl -F file=@card.png`).
 *
 * @module
 */
import type { Context, MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { Busy, InvalidInput } from "../../errors.ts";
import { RpcCode } from "../rpc/wire_errors.ts";
import { BODY_GRACE_MS } from "../transport/body_deadline.ts";
import { clientSignal } from "../transport/client_gone.ts";

/**
 * Uploads taken at once by one server: each may hold CARD_MAX_BYTES (16 MiB) and what parsing it
 * makes of it, so more at once would multiply peak memory (eight 14 MB cards once took 2 GB).
 */
export const MAX_CONCURRENT_UPLOADS = 4;
/** Uploads that may wait for a turn (their bodies unread) before more are refused as busy. */
export const MAX_QUEUED_UPLOADS = 16;

const FORM = "multipart/form-data";
const BYTES = "application/octet-stream";
const JSON_FILE = "application/json";
/** What `curl --data-binary @file` sends without `-H`, and `fetch` with a string body. */
const CURL = ["application/x-www-form-urlencoded", "text/plain"];
/** The route key of avatar uploads (a path with the persona's id in it). */
const AVATAR_ROUTE = "/api/personas/:id/avatar";

/**
 * REST paths that take an upload (and the upload limit instead of MAX_FRAME_BYTES), with the
 * media types each reads: a card is JSON, PNG, CHARX (a zip; browsers name it
 * `application/zip`, `application/x-zip-compressed` or nothing) or a YAML character; bundles and
 * lorebooks are JSON; each also as bytes or as a form's `file`, and as what `curl --data-binary`
 * sends without `-H` (`application/x-www-form-urlencoded`) or a `fetch` of a string
 * (`text/plain`); avatars are images. The content decides the format, not the type.
 */
export const UPLOAD_TYPES: ReadonlyMap<string, readonly string[]> = new Map([
  [
    "/api/personas/import",
    [
      "image/png",
      "application/zip",
      "application/x-zip-compressed",
      JSON_FILE,
      // YAML characters (text-generation-webui's), as browsers and servers name YAML.
      "application/yaml",
      "application/x-yaml",
      "text/yaml",
      "text/x-yaml",
      BYTES,
      FORM,
      ...CURL,
    ],
  ],
  ["/api/personas/bundles", [JSON_FILE, BYTES, FORM, ...CURL]],
  ["/api/lorebooks/import", [JSON_FILE, BYTES, FORM, ...CURL]],
  // The image is told by its bytes whatever the type says (JSON too: refused as no image).
  [AVATAR_ROUTE, [
    "image/png",
    "image/jpeg",
    "image/webp",
    "image/gif",
    BYTES,
    FORM,
    JSON_FILE,
    ...CURL,
  ]],
]);

/**
 * The {@linkcode UPLOAD_TYPES} key of a request path (`/api/personas/Aria/avatar` →
 * `/api/personas/:id/avatar`), or undefined when the path takes no upload.
 */
export function uploadRoute(path: string): string | undefined {
  if (UPLOAD_TYPES.has(path)) return path;
  return /^\/api\/personas\/[^/]+\/avatar$/.test(path) ? AVATAR_ROUTE : undefined;
}

/** The body limit of uploads: `maxBytes`, else 413 with a -32602 error naming the limit. */
export function uploadLimit(maxBytes: number): MiddlewareHandler {
  return bodyLimit({
    maxSize: maxBytes,
    onError: async (c) => {
      c.header("Connection", "close");
      await drainable(c, maxBytes)?.cancel().catch(() => {});
      return c.json({
        error: {
          code: RpcCode.InvalidParams,
          message: `Upload too large: the limit is ${maxBytes} bytes (CARD_MAX_BYTES)`,
          data: { limit_bytes: maxBytes },
        },
      }, 413);
    },
  });
}

/** Declared bodies past this many times the upload limit are left unread after their 413. */
const DRAIN_FACTOR = 4;

/**
 * The body of an oversize upload to cancel, or undefined to leave it unread. Left unread (held
 * by the body deadline's reader), it kept the connection open without reading it, so a client
 * that writes its whole body before reading (Python's http.client) never saw its 413 (attack28
 * F7); cancelled, Deno reads the rest and drops it. Deno closes no connection for a handler, not
 * even with `Connection: close`, so a body declared far larger is left unread rather than read
 * in full: only clients that read early see its 413.
 */
function drainable(c: Context, maxBytes: number): ReadableStream | undefined {
  const body = c.req.raw.body;
  const declared = Number(c.req.header("content-length") ?? Infinity);
  if (!body || body.locked || !(declared <= DRAIN_FACTOR * maxBytes)) return undefined;
  return body;
}

/** Longest wait for an upload slot (the body deadline's grace): then 429, retry. */
export const UPLOAD_WAIT_MS = BODY_GRACE_MS;

/** The options of {@linkcode uploadSlots}. */
export interface UploadSlotOptions {
  /** Uploads running at once. */
  max?: number;
  /** Uploads waiting for a slot. */
  queue?: number;
  /** Longest wait in the queue before 429 ({@linkcode UPLOAD_WAIT_MS}). */
  waitMs?: number;
}

/**
 * At most `max` uploads (requests with a body to an upload route) run at once, the next `queue`
 * wait their turn with their bodies unread (first come, first served), and one more is refused
 * with `busy` (-32003, 429, `Retry-After: 1`). A waiting upload leaves the queue when its
 * client goes, and gets that 429 after `waitMs`: stalled bodies ahead of it hold their slots
 * until their body deadline (408), so a queue of stalled connections would otherwise close the
 * upload routes for one deadline per four of them (attack17 F5); now it clears with the first.
 */
export function uploadSlots(
  { max = MAX_CONCURRENT_UPLOADS, queue = MAX_QUEUED_UPLOADS, waitMs = UPLOAD_WAIT_MS }:
    UploadSlotOptions = {},
): MiddlewareHandler {
  let running = 0;
  const waiting: Array<() => void> = [];
  const busy = (c: Context, why: string) => {
    c.header("Retry-After", "1");
    return new Busy(`Too many uploads at once (${max} running, ${queue} waiting)${why}`, {
      limit: max,
      queue,
    });
  };
  return async (c, next) => {
    if (c.req.method === "GET" || c.req.method === "HEAD") return await next();
    if (running >= max) {
      if (waiting.length >= queue) throw busy(c, "; retry shortly");
      // The slot is handed over by the upload that ends (running stays counted).
      const gone = clientSignal(c.req.raw);
      let timer: ReturnType<typeof setTimeout> | undefined;
      let turn!: () => void;
      const served = await new Promise<boolean>((resolve) => {
        turn = () => resolve(true);
        waiting.push(turn);
        timer = setTimeout(() => resolve(false), waitMs);
        gone.addEventListener("abort", () => resolve(false), { once: true });
      });
      clearTimeout(timer);
      if (!served) {
        const place = waiting.indexOf(turn);
        if (place >= 0) waiting.splice(place, 1);
        else handOver(); // The slot came as the wait ended: pass it on.
        throw busy(c, `; waited ${waitMs} ms for a slot, retry shortly`);
      }
    } else {
      running++;
    }
    try {
      await next();
    } finally {
      handOver();
    }
  };

  function handOver(): void {
    const nextUpload = waiting.shift();
    if (nextUpload) nextUpload();
    else running--;
  }
}

/** An uploaded file and the other form fields (query parameters count as fields too). */
export interface Upload {
  bytes: Uint8Array;
  fields: Record<string, string>;
}

/**
 * The uploaded file: the `file` field of a form (a file part, or a text part holding the file's
 * text, as `curl -F 'file=<card.json'` sends it), else the form's first file part, else the raw
 * body. A body that is no valid form is -32602 on `file` (it was a logged 500, attack28 F5), and
 * a form without any file too (its empty file was refused as "data Too small", F6).
 */
export async function readUpload(c: Context): Promise<Upload> {
  const fields: Record<string, string> = { ...c.req.query() };
  const type = c.req.header("content-type") ?? "";
  const body = await c.req.arrayBuffer();
  if (!type.toLowerCase().startsWith("multipart/form-data")) {
    return { bytes: new Uint8Array(body), fields };
  }
  const form = await formOf(body, type);
  let file: File | string | undefined = form.getAll("file").at(-1);
  for (const [key, value] of form) {
    if (typeof value === "string") {
      if (key !== "file") fields[key] = value;
    } else file ??= value;
  }
  if (file === undefined) throw formRefused("has no file: send it as `-F file=@card.png`");
  const bytes = typeof file === "string"
    ? new TextEncoder().encode(file)
    : new Uint8Array(await file.arrayBuffer());
  return { bytes, fields };
}

/**
 * Parts a form may hold: the file and a few fields (`name`, `on_conflict`, `use_card_model`).
 * Deno's parser took 1.6-3.3 s of the event loop for 100,000 tiny parts in 10 MiB (attack28).
 * Counted as the body's lines that start with `--` (the delimiters of any boundary): a file's own
 * CRLF lines that start with `--` count too, when there are more than 32 of them.
 */
export const MAX_FORM_PARTS = 32;

/** How every delimiter but the opening one starts, whatever the boundary. */
const DELIMITER_LINE = "\r\n--";

/**
 * True when `body` may hold more than `max` parts, whatever boundary its Content-Type names.
 * The parser (Deno's) closes a part only at a delimiter line, `\r\n--` and the boundary, so
 * the `\r\n--` in the body bound its parts for any boundary. The boundary read from the header
 * was read differently from the parser (a quoted decoy `x="a;boundary=z"`, an escaped
 * `"re\al"`, a space before `;`): the count found none and 250,000 parts went through (review38
 * F1); and it counted the boundary's text inside content, refusing forms of one part (F2).
 */
function tooManyParts(body: ArrayBuffer, max: number): boolean {
  // One character per byte (windows-1252 decoding): `\r\n--` is found byte for byte.
  const text = new TextDecoder("latin1").decode(body);
  // The opening delimiter starts the body, or else is one of the lines counted (no part ends).
  let count = text.startsWith("--") ? 0 : -1;
  for (let at = text.indexOf(DELIMITER_LINE); at >= 0; at = text.indexOf(DELIMITER_LINE, at + 4)) {
    if (++count > max) return true;
  }
  return false;
}

/** `body` parsed as a form; the parser's errors (no boundary, oversize part headers) are 400. */
async function formOf(body: ArrayBuffer, type: string): Promise<FormData> {
  if (tooManyParts(body, MAX_FORM_PARTS)) {
    throw formRefused(`has more than ${MAX_FORM_PARTS} parts (send the file and a few fields)`);
  }
  try {
    return await new Response(body, { headers: { "content-type": type } }).formData();
  } catch {
    // The body is whole in memory: whatever fails here is the body's fault, not the server's.
    throw formRefused(
      "is not a valid multipart/form-data body (parts separated by the boundary its Content-Type names)",
    );
  }
}

function formRefused(problem: string): InvalidInput {
  return new InvalidInput(`Invalid upload: the form ${problem}`, [
    { field: "file", message: `the form ${problem}` },
  ]);
}
