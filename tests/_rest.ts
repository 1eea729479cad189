/**
 * `POST /api/rpc` as the REST tests send it: one JSON-RPC message (or its raw text) to the REST
 * port's bridge.
 *
 * @module
 */

/**
 * POSTs `message` (an object, sent as its JSON, or text sent as it is) to `{apiUrl}/rpc` with
 * `Content-Type: application/json`; `init` adds headers (`X-Session-Id`) or a signal.
 */
export function postRpc(
  apiUrl: string,
  message: unknown,
  init: RequestInit = {},
): Promise<Response> {
  return fetch(`${apiUrl}/rpc`, {
    ...init,
    method: "POST",
    headers: { "Content-Type": "application/json", ...init.headers },
    body: typeof message === "string" ? message : JSON.stringify(message),
  });
}
