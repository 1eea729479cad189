/**
 * Group chat with the user: who answers, what each persona's prompt holds, streaming with the
 * speaker, and memory only for the members present. Over a real WebSocket and REST.
 */
import assert from "node:assert/strict";
import type { FakeChatRequest } from "./fake_ollama.ts";
import { type RpcClient, type TestHarness, withTestServer } from "./_helpers.ts";

interface Reply {
  speaker: string;
  persona_id: string;
  content: string;
  reason: string;
}

/** The persona a request is for, from its system prompt ("You are X. ..."). */
function speakerOf(request: FakeChatRequest): string {
  return /^You are ([^.]+)\./.exec(request.messages[0]?.content ?? "")?.[1] ?? "";
}

function transcriptOf(request: FakeChatRequest): string {
  return request.messages.slice(1).map((m) => `${m.role}|${m.content}`).join("\n");
}

function withRoom(
  test: (harness: TestHarness & { roomId: string }) => Promise<void>,
  options: Record<string, unknown> = {},
): Promise<void> {
  return withTestServer(async (harness) => {
    harness.fake.behavior.reply = (request) => {
      const name = speakerOf(request);
      return name === "Kira" ? "Aria, you should see this comet." : `${name} nods thoughtfully.`;
    };
    const { client } = harness;
    await client.call("persona.create", {
      name: "Bram",
      personality_traits: { extraversion: 0.4 },
    });
    const { room_id } = await client.call<{ room_id: string }>("room.create", {
      persona_ids: ["Aria", "Kira", "bram"],
      scenario: "A rooftop at night, watching the sky",
      max_replies: 2,
      ...options,
    });
    await test({ ...harness, roomId: room_id });
  });
}

async function memoriesOf(client: RpcClient, name: string): Promise<string[]> {
  const { memories } = await client.call<{ memories: Array<{ content: string }> }>("memory.list", {
    persona_id: name,
    limit: 100,
  });
  return memories.map((memory) => memory.content);
}

Deno.test("a user message naming one persona makes it answer first; the next speaker sees the others' lines, named", async () => {
  await withRoom(async ({ fake, client, roomId }) => {
    const result = await client.call<{ replies: Reply[] }>("room.send", {
      room_id: roomId,
      content: "Kira, what do you make of the comet?",
      sender: "Robin",
      stream: true,
    });
    assert.deepEqual(result.replies.map((r) => [r.speaker, r.reason]), [
      ["Kira", "mentioned"],
      ["Aria", "mentioned"],
    ]);
    const requests = fake.chatRequests();
    const aria = requests.find((request) => speakerOf(request) === "Aria");
    assert.ok(aria, "Aria was asked");
    const seen = transcriptOf(aria);
    assert.ok(seen.includes("user|Robin: Kira, what do you make of the comet?"), seen);
    assert.ok(seen.includes("user|Kira: Aria, you should see this comet."), seen);
    assert.match(aria.messages[0]?.content ?? "", /Present: Aria, Kira, Bram and Robin\./);
    assert.match(aria.messages[0]?.content ?? "", /Scene: A rooftop at night/);
    const chunks = client.notifications.filter((n) => n.method === "room.chunk");
    const bySpeaker = (name: string) =>
      chunks.filter((n) => n.params.speaker === name).map((n) => n.params.text).join("");
    assert.equal(bySpeaker("Kira"), result.replies[0]?.content);
    assert.equal(bySpeaker("Aria"), result.replies[1]?.content);
    assert.ok(
      chunks.every((n) => n.params.room_id === roomId && typeof n.params.persona_id === "string"),
    );
  });
});

Deno.test("a persona that left hears and remembers nothing said while it was away", async () => {
  await withRoom(async ({ fake, client, roomId }) => {
    await client.call("room.send", { room_id: roomId, content: "Look, a comet!", sender: "Robin" });
    assert.ok((await memoriesOf(client, "Bram")).some((m) => m.includes("Look, a comet!")));
    await client.call("room.leave", { room_id: roomId, persona_id: "Bram" });
    await client.call("room.send", {
      room_id: roomId,
      content: "Secret: the treasure is under the old oak.",
      sender: "Robin",
    });
    const bram = await memoriesOf(client, "Bram");
    assert.ok(bram.length > 0);
    assert.ok(bram.every((m) => !m.includes("treasure")), "Bram remembers nothing after he left");
    assert.ok((await memoriesOf(client, "Kira")).some((m) => m.includes("treasure")));

    await client.call("room.join", { room_id: roomId, persona_id: "bram" });
    const back = await client.call<{ replies: Reply[] }>("room.send", {
      room_id: roomId,
      content: "Bram, welcome back. What did we talk about?",
      sender: "Robin",
    });
    assert.equal(back.replies[0]?.speaker, "Bram");
    const request = fake.chatRequests().filter((r) => speakerOf(r) === "Bram").at(-1);
    assert.ok(request);
    const seen = transcriptOf(request);
    assert.ok(seen.includes("Look, a comet!"), "what he heard before leaving");
    assert.ok(!seen.includes("treasure"), "not what was said while he was away");
    assert.ok(seen.includes("Bram, welcome back"));
    const history = await client.call<{ messages: Array<{ speaker: string; content: string }> }>(
      "room.get_history",
      { room_id: roomId, limit: 50 },
    );
    assert.ok(
      history.messages.some((m) => m.content.includes("treasure")),
      "the room keeps it all",
    );
    assert.equal(history.messages.at(-1)?.content, "Look, a comet!");
  });
});

Deno.test("everyone mode: each member answers once; members are managed by name; REST streams with speakers", async () => {
  await withRoom(async ({ server, client, roomId }) => {
    const everyone = await client.call<{ room_id: string }>("room.create", {
      persona_ids: ["aria", "KIRA", "Bram"],
      reply_mode: "everyone",
    });
    const result = await client.call<{ replies: Reply[] }>("room.send", {
      room_id: everyone.room_id,
      content: "Good evening, all.",
    });
    assert.deepEqual(result.replies.map((r) => r.speaker).sort(), ["Aria", "Bram", "Kira"]);
    assert.equal(new Set(result.replies.map((r) => r.speaker)).size, 3);

    const response = await fetch(`${server.apiUrl}/rooms/${roomId}/messages`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "text/event-stream" },
      body: JSON.stringify({ content: "Kira, again?", sender: "Robin" }),
    });
    const text = await response.text();
    assert.match(text, /event: chunk\ndata: \{[^\n]*"speaker":"Kira"/);
    assert.match(text, /event: result/);
    const leave = await fetch(`${server.apiUrl}/rooms/${roomId}/members/aria`, {
      method: "DELETE",
    });
    assert.equal((await leave.json()).left, true);
    const room = await (await fetch(`${server.apiUrl}/rooms/${roomId}`)).json();
    assert.deepEqual(room.room.members.map((m: { name: string }) => m.name), ["Kira", "Bram"]);
  });
});
