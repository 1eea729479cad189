/**
 * Strict UTF-8 for every byte stream a JSON-RPC message arrives on (HTTP bodies, binary WebSocket
 * frames, stdio lines): JSON exchanged between systems must be UTF-8 (RFC 8259 §8.1), and a
 * lenient decoder would store U+FFFD in place of the client's bytes. Invalid bytes are -32700.
 *
 * @module
 */
import { RpcCode, RpcError } from "./wire_errors.ts";

const strict = new TextDecoder("utf-8", { fatal: true });

/** The -32700 of a message that is not valid UTF-8. */
export function notUtf8(): RpcError {
  return new RpcError(RpcCode.ParseError, "Parse error: the message is not valid UTF-8");
}

/** Decodes `bytes` as UTF-8 (a leading BOM dropped); throws {@linkcode notUtf8} on bad bytes. */
export function decodeUtf8(bytes: ArrayBuffer | Uint8Array<ArrayBufferLike>): string {
  try {
    return strict.decode(bytes as BufferSource);
  } catch {
    throw notUtf8();
  }
}
