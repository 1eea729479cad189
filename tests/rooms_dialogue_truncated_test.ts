/**
 * Room replies and dialogue turns the model cut at its token limit (finish_reason / done_reason
 * "length") carry `truncated: true`, are kept as said in the transcript and remembered ending in
 * "…", as a chat's reply is; whole ones carry no flag. Over a real WebSocket against both
 * model-server fakes.
 */
import assert from "node:assert/strict";
import { type RpcClient, withServerOf } from "./_helpers.ts";
import { eachProvider, type FakeServer, type ProviderCase } from "./_providers.ts";

const CUT = "The comet's tail was longer than any I";

/** Runs `test` against a server whose model (`p`'s fake) stops every reply at its token limit. */
function withServer(
  p: ProviderCase,
  test: (client: RpcClient, fake: FakeServer) => Promise<void>,
): Promise<void> {
  const fake = p.start({ reply: () => CUT, finishReason: "length" });
  const env = { ...p.env(fake), MEMORY_DECAY_ENABLED: "false" };
  return withServerOf({ fake, env }, ({ client }) => test(client, fake));
}

/** The contents of `name`'s memories. */
async function memoriesOf(client: RpcClient, name: string): Promise<string[]> {
  const { memories } = await client.call<{ memories: Array<{ content: string }> }>("memory.list", {
    persona_id: name,
    limit: 100,
  });
  return memories.map((memory) => memory.content);
}

eachProvider.test("a room reply cut at the token limit is flagged truncated and remembered as cut off", async (p) => {
  await withServer(p, async (client, fake) => {
    const { room_id } = await client.call<{ room_id: string }>("room.create", {
      persona_ids: ["Aria", "Kira"],
      max_replies: 1,
    });
    type Reply = { speaker: string; content: string; truncated?: boolean };
    const cut = await client.call<{ replies: Reply[] }>("room.send", {
      room_id,
      content: "Aria, what did you see?",
    });
    const [reply] = cut.replies;
    assert.ok(reply, "someone answered");
    assert.equal(reply.content, CUT);
    assert.equal(reply.truncated, true);
    const { messages } = await client.call<{ messages: Array<{ content: string }> }>(
      "room.get_history",
      { room_id },
    );
    assert.ok(messages.some((m) => m.content === CUT), "the transcript keeps it as said");
    const own = await memoriesOf(client, reply.speaker);
    assert.ok(own.some((m) => m.endsWith(`: ${CUT}…`)), `remembered as cut off: ${own}`);
    assert.ok(!own.some((m) => m.endsWith(`: ${CUT}`)), "never as a finished thought");

    fake.behavior.finishReason = "stop";
    const whole = await client.call<{ replies: Reply[] }>("room.send", {
      room_id,
      content: "And then?",
    });
    assert.equal(whole.replies[0]?.truncated, undefined);
  });
});

eachProvider.test("a dialogue turn cut at the token limit is flagged truncated and remembered as cut off", async (p) => {
  await withServer(p, async (client, fake) => {
    const ids: string[] = [];
    for (const name of ["Aria", "Kira"]) {
      ids.push((await client.call("persona.switch", { persona_id: name })).persona_id as string);
    }
    const { conversation_id } = await client.call<{ conversation_id: string }>(
      "conversation.start",
      { participants: ids },
    );
    type Turn = { speaker_name: string; content: string; truncated?: boolean };
    const turn = await client.call<Turn>("conversation.turn", { conversation_id });
    assert.equal(turn.content, CUT);
    assert.equal(turn.truncated, true);
    const { turns } = await client.call<{ turns: Array<{ content: string }> }>(
      "conversation.transcript",
      { conversation_id },
    );
    assert.equal(turns[0]?.content, CUT, "the transcript keeps it as said");
    for (const name of ["Aria", "Kira"]) {
      const memories = await memoriesOf(client, name);
      assert.ok(memories.some((m) => m.endsWith(`: ${CUT}…`)), `${name}: ${memories}`);
      assert.ok(!memories.some((m) => m.endsWith(`: ${CUT}`)), "never as a finished thought");
    }

    fake.behavior.finishReason = "stop";
    const whole = await client.call<Turn>("conversation.turn", { conversation_id });
    assert.equal(whole.truncated, undefined);
  });
});
