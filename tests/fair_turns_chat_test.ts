/**
 * A request holds its connection's turn while it runs here, not while it waits on the model:
 * five chats on one connection, all waiting on a slow model (a fake Ollama over real HTTP), and
 * a `ping` sent after them on the same connection is answered before any chat ends. Over a
 * WebSocket and over one Streamable HTTP session. An order, not a time: the fake model holds its
 * replies until the ping is answered (on a server whose turns last a request's life, the ping
 * waits for a chat, so the valve lets the model answer and the ping comes after the chats).
 */
import assert from "node:assert/strict";
import { FakeOllama } from "./fake_ollama.ts";
import { RpcClient, withServerOf } from "./_helpers.ts";
import { open, post } from "../core/server/transport/_mcp_http_test_utils.ts";
import { RUNNING_PER_CONNECTION } from "../core/server/transport/turns.ts";

/** Chats on the connection: more than its turns. */
const CHATS = RUNNING_PER_CONNECTION + 1;
/** Lets the model answer if the ping is never answered, so that the failing case ends. */
const VALVE_MS = 60_000;

/** A fake Ollama whose replies wait until `release` (or the valve). */
function heldModel() {
  let release!: () => void;
  const held = new Promise<void>((resolve) => release = resolve);
  const valve = setTimeout(release, VALVE_MS);
  const fake = FakeOllama.start({ held });
  return { fake, release: () => (clearTimeout(valve), release()) };
}

Deno.test("five chats waiting on the model hold no turn: a ping on the same WebSocket is answered before any ends", async () => {
  const { fake, release } = heldModel();
  await withServerOf(
    { fake, env: { OLLAMA_HOST: fake.url, LLM_CONCURRENCY: String(CHATS) } },
    async ({ server, client }) => {
      const { persona_id } = await client.call<{ persona_id: string }>("persona.create", {
        name: "Patient",
      });
      await client.call("persona.switch", { persona_id });
      const chatting = await RpcClient.connect(server.wsUrl);
      try {
        await chatting.call("persona.switch", { persona_id });
        const ended: string[] = [];
        for (let n = 0; n < CHATS; n++) {
          chatting.request(
            "conversation.send_message",
            { content: `Are you there, ${n}?` },
            `chat-${n}`,
          )
            .then(() => ended.push(`chat-${n}`));
        }
        // Every chat is at the model (one past the turns: only once the others gave theirs back).
        await fake.waitForChats(CHATS);
        const pong = await chatting.request("ping", undefined, "ping");
        const endedBefore = [...ended];
        release();
        assert.deepEqual(endedBefore, [], "no chat ended before the ping's answer");
        assert.ok("result" in pong);
      } finally {
        release();
        await chatting.close();
      }
    },
  );
});

Deno.test("five chats waiting on the model hold no turn: a ping in the same HTTP session is answered before any ends", async () => {
  const { fake, release } = heldModel();
  await withServerOf(
    { fake, env: { OLLAMA_HOST: fake.url, LLM_CONCURRENCY: String(CHATS) } },
    async ({ server, client }) => {
      const { persona_id } = await client.call<{ persona_id: string }>("persona.create", {
        name: "Patient",
      });
      const session = await open(server);
      const call = (id: string, method: string, params: unknown, signal?: AbortSignal) =>
        fetch(server.mcpUrl, {
          method: "POST",
          headers: {
            "Content-Type": "application/json",
            Accept: "application/json",
            ...session,
          },
          body: JSON.stringify({ jsonrpc: "2.0", id, method, params }),
          signal,
        });
      const leave = new AbortController();
      const ended: string[] = [];
      for (let n = 0; n < CHATS; n++) {
        const params = { content: `Are you there, ${n}?`, persona_id };
        call(`chat-${n}`, "conversation.send_message", params, leave.signal)
          .then((response) => response.body?.cancel())
          .then(() => ended.push(`chat-${n}`), () => {});
      }
      await fake.waitForChats(CHATS);
      try {
        const pong = await post(server, { jsonrpc: "2.0", id: "ping", method: "ping" }, session);
        const endedBefore = [...ended];
        leave.abort();
        release();
        assert.equal(pong.status, 200);
        assert.ok("result" in await pong.json());
        assert.deepEqual(endedBefore, [], "no chat ended before the ping's answer");
      } finally {
        leave.abort();
        release();
      }
    },
  );
});
