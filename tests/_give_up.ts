/**
 * Chats an HTTP client gives up on (tests/client_gone_test.ts, tests/client_gone_running_test.ts):
 * each sends "given up" to the persona over one transport, and `signal` aborts it.
 *
 * @module
 */
import type { RunningServer } from "../core/server/server.ts";
import { open } from "../core/server/transport/_mcp_http_test_utils.ts";

/** Sends a chat the client gives up on: `signal` aborts it. */
export type GiveUp = (
  server: RunningServer,
  personaId: string,
  signal: AbortSignal,
) => Promise<unknown>;

/** REST `POST /api/personas/:id/chat`. */
export const restChat: GiveUp = (server, personaId, signal) =>
  fetch(`${server.apiUrl}/personas/${personaId}/chat`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ content: "given up", sender: "gone" }),
    signal,
  });

/** MCP Streamable HTTP `tools/call` of `conversation_send_message`, answered with JSON. */
export const mcpToolsCall: GiveUp = async (server, personaId, signal) => {
  const headers = await open(server);
  return await fetch(server.mcpUrl, {
    method: "POST",
    headers: { "Content-Type": "application/json", Accept: "application/json", ...headers },
    body: JSON.stringify({
      jsonrpc: "2.0",
      id: 1,
      method: "tools/call",
      params: {
        name: "conversation_send_message",
        arguments: { content: "given up", persona_id: personaId },
      },
    }),
    signal,
  });
};
