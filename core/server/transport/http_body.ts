/**
 * Small HTTP helpers shared by the Streamable HTTP transport: a body reader that stops at a size
 * limit, and `Accept` / `Content-Type` checks.
 *
 * @module
 */
import { joinedBytes } from "../../bytes.ts";

/** Thrown when a body is larger than allowed. */
export class BodyTooLarge extends Error {
  override name = "BodyTooLarge";
}

/** Reads the body as text, refusing (without buffering it all) one larger than `limit` bytes. */
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
  return new TextDecoder().decode(joinedBytes(chunks, size));
}

/** The media type of a `Content-Type` value, lower case, without parameters. */
export function mediaType(value: string | null): string {
  const [type = ""] = (value ?? "").split(";");
  return type.trim().toLowerCase();
}

/** Which of JSON and SSE the `Accept` header allows (a missing header allows both). */
export function acceptedTypes(request: Request): { json: boolean; sse: boolean } {
  const header = request.headers.get("accept");
  if (header === null || header.trim() === "") return { json: true, sse: true };
  const types = header.split(",").map(mediaType);
  const any = types.includes("*/*");
  return {
    json: any || types.includes("application/json") || types.includes("application/*"),
    sse: any || types.includes("text/event-stream") || types.includes("text/*"),
  };
}
