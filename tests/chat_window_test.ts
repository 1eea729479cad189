/**
 * A WebSocket session's prompt window is kept between its chats (`core/chat/session_windows.ts`):
 * over a real socket, each chat's prompt still holds the session's earlier exchanges with the
 * persona, its room chats and its greeting, as read from the database, and another session's
 * exchanges never.
 */
import assert from "node:assert/strict";
import { RpcClient, withTestServer } from "./_helpers.ts";

/** The user/assistant turns of a chat request after the system prompt (users' with the sender). */
function turns(messages: { role: string; content: string }[]): string[] {
  return messages.slice(1).map((message) => `${message.role}: ${message.content}`);
}

Deno.test("chat windows: each prompt holds the session's earlier exchanges, room chats and greeting", async () => {
  await withTestServer(async ({ fake, server, client }) => {
    let replies = 0;
    fake.behavior.reply = () => `reply ${++replies}`;
    const { persona_id } = await client.call("persona.create", {
      name: "Wren",
      first_mes: "Welcome, traveller.",
    });
    const say = (c: RpcClient, content: string, extra: Record<string, unknown> = {}) =>
      c.call("conversation.send_message", { persona_id, content, ...extra });
    await say(client, "one");
    await say(client, "two");
    await say(client, "in the hall", { room_id: "hall" });
    const other = await RpcClient.connect(server.wsUrl);
    try {
      await say(other, "elsewhere");
    } finally {
      await other.close();
    }
    await say(client, "three");
    const requests = fake.chatRequests();
    assert.deepEqual(turns(requests[1]!.messages), [
      "assistant: Welcome, traveller.",
      "user: user: one",
      "assistant: reply 1",
      "user: user: two",
    ]);
    // The session's window is persona and session: its room chat is in it; the other session's
    // chat (which had its own greeting) is not.
    assert.deepEqual(turns(requests[4]!.messages), [
      "assistant: Welcome, traveller.",
      "user: user: one",
      "assistant: reply 1",
      "user: user: two",
      "assistant: reply 2",
      "user: user: in the hall",
      "assistant: reply 3",
      "user: user: three",
    ]);
  }, { PROMPT_HISTORY_TURNS: "8" });
});
