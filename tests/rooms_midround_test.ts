/**
 * A room member deleted, or gone by room.leave, while its model speaks: its reply is dropped (not
 * stored, not returned) and the members still present answer. Over a real WebSocket.
 */
import assert from "node:assert/strict";
import type { FakeChatRequest } from "./fake_ollama.ts";
import { RpcClient, type TestHarness, withTestServer } from "./_helpers.ts";

interface Reply {
  speaker: string;
  persona_id: string;
}

function speakerOf(request: FakeChatRequest): string {
  return /^You are ([^.]+)\./.exec(request.messages[0]?.content ?? "")?.[1] ?? "";
}

/**
 * Sends a line to an everyone-mode room of `names` with each reply streamed slowly; once the
 * first speaker's first chunk arrives, `away(speakerId)` runs on a second connection. Returns
 * the first speaker, the replies and the persona lines of the room's history.
 */
async function speakThenGo(
  { fake, server, client }: TestHarness,
  names: string[],
  away: (other: RpcClient, ids: { roomId: string; personaId: string }) => Promise<unknown>,
) {
  fake.behavior.reply = (request) =>
    `${speakerOf(request)} speaks at length about the stars and the comet tonight.`;
  fake.behavior.tokenDelayMs = 40;
  const { room_id: roomId } = await client.call<{ room_id: string }>("room.create", {
    persona_ids: names,
    reply_mode: "everyone",
  });
  const sent = client.call<{ replies: Reply[] }>("room.send", {
    room_id: roomId,
    content: "Good evening.",
    stream: true,
  });
  const first = await client.waitForNotification((n) => n.method === "room.chunk");
  const personaId = first.params.persona_id as string;
  const other = await RpcClient.connect(server.wsUrl);
  try {
    await away(other, { roomId, personaId });
  } finally {
    await other.close();
  }
  const { replies } = await sent;
  const { messages } = await client.call<{ messages: Array<{ persona_id: string | null }> }>(
    "room.get_history",
    { room_id: roomId },
  );
  return {
    first: first.params.speaker as string,
    personaId,
    replies,
    lines: messages.filter((m) => m.persona_id !== null).map((m) => m.persona_id),
  };
}

Deno.test("room.send: a member deleted while it speaks says nothing, and the other member still answers", async () => {
  await withTestServer(async (harness) => {
    const result = await speakThenGo(
      harness,
      ["Aria", "Kira"],
      (other, { personaId }) => other.call("persona.delete", { persona_id: personaId }),
    );
    const rest = ["Aria", "Kira"].filter((name) => name !== result.first);
    assert.deepEqual(result.replies.map((r) => r.speaker), rest);
    assert.ok(!result.lines.includes(result.personaId), "no line of the deleted member");
    assert.equal(result.lines.length, 1);
  });
});

Deno.test("room.send: a member that leaves while it speaks says nothing, and the others still answer", async () => {
  await withTestServer(async (harness) => {
    await harness.client.call("persona.create", { name: "Bram" });
    const result = await speakThenGo(
      harness,
      ["Aria", "Kira", "Bram"],
      (other, { roomId, personaId }) =>
        other.call("room.leave", { room_id: roomId, persona_id: personaId }),
    );
    const rest = ["Aria", "Kira", "Bram"].filter((name) => name !== result.first);
    assert.deepEqual(result.replies.map((r) => r.speaker).sort(), rest.sort());
    assert.ok(!result.lines.includes(result.personaId), "no line of the member that left");
    assert.equal(result.lines.length, 2);
  });
});
