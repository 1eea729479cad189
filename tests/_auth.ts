/**
 * What the access tests share: a bearer header, a WebSocket upgrade sent over a raw socket (so
 * that its status and headers can be read without a socket being opened), and a response's
 * status with its body let go.
 *
 * @module
 */
import { rawHttp, type RawResponse } from "./_helpers.ts";

/** The headers of a WebSocket upgrade (RFC 6455's sample key). */
export const WEBSOCKET_UPGRADE: Readonly<Record<string, string>> = {
  Upgrade: "websocket",
  Connection: "Upgrade",
  "Sec-WebSocket-Key": "dGhlIHNhbXBsZSBub25jZQ==",
  "Sec-WebSocket-Version": "13",
};

/** `Authorization: Bearer <token>`. */
export function bearer(token: string): Record<string, string> {
  return { Authorization: `Bearer ${token}` };
}

/** Sends a WebSocket upgrade to `url` (`ws:` or `http:`) with `headers` besides its own. */
export function rawUpgrade(
  url: string,
  headers: Record<string, string> = {},
): Promise<RawResponse> {
  return rawHttp(url.replace(/^ws/, "http"), { headers: { ...WEBSOCKET_UPGRADE, ...headers } });
}

/** `response`'s status, its body cancelled (a test that reads only the status leaks nothing). */
export async function status(response: Response): Promise<number> {
  await response.body?.cancel();
  return response.status;
}
