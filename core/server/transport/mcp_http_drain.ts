/**
 * Streamable HTTP while the server drains (`../drain.ts`): a POST in an MCP session still
 * reaches `/mcp`, because it may be the `notifications/cancelled` of a call the drain waits for
 * (refused, the call would run on for up to SHUTDOWN_GRACE_MS). Once its body is read, a POST of
 * notifications only (or the client's responses) is served as ever; one holding any request (a
 * new call, `initialize`) gets the drain's 503 -32008.
 *
 * @module
 */
import { readableId } from "../rpc/envelope.ts";
import { drainingRefusal } from "../drain.ts";
import { corsHeaders, isClientResponse, isObject, SESSION_ID_HEADER } from "./mcp_http_parts.ts";

/** Whether `request` goes on to `/mcp` while draining: a POST in a session. */
export function passesDrain(request: Request): boolean {
  return request.method === "POST" && request.headers.has(SESSION_ID_HEADER);
}

/** A notification: a method and no id. */
function isNotificationMessage(value: unknown): boolean {
  return isObject(value) && typeof value.method === "string" && !("id" in value);
}

/**
 * The refusal of the POSTed message (or batch) `value` while draining, unless it holds only
 * notifications and responses; null when it may be served.
 */
export function drainingRefusalOf(request: Request, value: unknown): Response | null {
  const messages = Array.isArray(value) ? value : [value];
  const quiet = messages.length > 0 &&
    messages.every((item) => isNotificationMessage(item) || isClientResponse(item));
  return quiet ? null : drainingRefusal(readableId(value), corsHeaders(request));
}
