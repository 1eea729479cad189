/**
 * Small HTTP helpers shared by the Streamable HTTP transport: a body reader that stops at a size
 * limit, and `Accept` / `Content-Type` checks.
 *
 * @module
 */
import { joinedBytes } from "../../bytes.ts";
import { decodeUtf8 } from "../rpc/utf8.ts";

/** Thrown when a body is larger than allowed. */
export class BodyTooLarge extends Error {
  override name = "BodyTooLarge";
}

/**
 * Reads the body as text, refusing (without buffering it all) one larger than `limit` bytes;
 * bytes that are not UTF-8 are a -32700 `RpcError`.
 */
export async function readBoundedText(request: Request, limit: number): Promise<string> {
  const declared = Number(request.headers.get("content-length") ?? "NaN");
  if (declared > limit) throw new BodyTooLarge(`Body larger than ${limit} bytes`);
  if (!request.body) return "";
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of request.body) {
    size += chunk.byteLength;
    if (size > limit) throw new BodyTooLarge(`Body larger than ${limit} bytes`);
    chunks.push(chunk);
  }
  return decodeUtf8(joinedBytes(chunks, size));
}

/** The media type of a `Content-Type` value, lower case, without parameters. */
export function mediaType(value: string | null): string {
  const [type = ""] = (value ?? "").split(";");
  return type.trim().toLowerCase();
}

/**
 * Which of JSON and SSE the `Accept` header allows (a missing header allows both). The most
 * specific range naming a type decides (`text/event-stream` over its type wildcard, over the any-type one); one
 * weighted `q=0` refuses it (RFC 9110 §12.5.1).
 */
export function acceptedTypes(request: Request): { json: boolean; sse: boolean } {
  const header = request.headers.get("accept");
  if (header === null || header.trim() === "") return { json: true, sse: true };
  const ranges = header.split(",").map((range) => {
    const [type = "", ...parameters] = range.split(";");
    const q = parameters.map((p) => p.trim().toLowerCase()).find((p) => p.startsWith("q="));
    return { type: type.trim().toLowerCase(), ok: q === undefined || Number(q.slice(2)) > 0 };
  });
  const allows = (type: string) => {
    const wildcard = `${type.split("/")[0]}/*`;
    for (const candidate of [type, wildcard, "*/*"]) {
      const matching = ranges.filter((range) => range.type === candidate);
      if (matching.length > 0) return matching.some((range) => range.ok);
    }
    return false;
  };
  return { json: allows("application/json"), sse: allows("text/event-stream") };
}
