/**
 * What persona-to-persona turns do and how they are routed, over a real WebSocket against the
 * Ollama-compatible test server: memories, energy, mood and relationships of everyone present;
 * the score's inputs (repetition, topic interest); short answers; the token budget.
 */
import assert from "node:assert/strict";
import { type RpcClient, type TestHarness, withTestServer } from "./_helpers.ts";

interface Turn {
  speaker_name: string;
  content: string;
  continue_score: number;
  factors: Record<string, number>;
  reasons: string[];
  response_type: string;
  quality: number;
  ended: boolean;
  end_reason?: string;
}

type Harness = TestHarness & { aria: string; kira: string };

async function withDialogue(
  test: (h: Harness) => Promise<void>,
  env: Record<string, string> = {},
): Promise<void> {
  await withTestServer(async (harness) => {
    const { client } = harness;
    const kira = (await client.call("persona.switch", { persona_id: "Kira" })).persona_id as string;
    const aria = (await client.call("persona.switch", { persona_id: "Aria" })).persona_id as string;
    await test({ ...harness, aria, kira });
  }, env);
}

async function turns(client: RpcClient, conversationId: string, count: number): Promise<Turn[]> {
  const taken: Turn[] = [];
  for (let i = 0; i < count; i++) {
    const turn = await client.call<Turn>("conversation.turn", { conversation_id: conversationId });
    taken.push(turn);
    if (turn.ended) break;
  }
  return taken;
}

function cycle(lines: string[]) {
  return (request: { messages: unknown[] }) => lines[request.messages.length % lines.length]!;
}

Deno.test("turns become memories of speaker and listeners, drain energy and lift mood", async () => {
  await withDialogue(async ({ fake, client, aria, kira }) => {
    fake.behavior.reply = cycle([
      "I love how the lantern festival glows over the river, truly wonderful.",
      "Indeed, the glass lanterns are a brilliant piece of old craft, I agree.",
      "The children's songs at the festival are a delight every single year.",
    ]);
    const state = async (id: string) =>
      (await client.call<{ emotional_state: Record<string, number> }>("emotional.get_state", {
        persona_id: id,
      })).emotional_state;
    const before = { aria: await state(aria), kira: await state(kira) };
    const { conversation_id } = await client.call("conversation.start", {
      participants: [aria, kira],
      topic: "music",
    });
    const taken = await turns(client, conversation_id as string, 4);
    assert.equal(taken.length, 4);
    const after = { aria: await state(aria), kira: await state(kira) };
    for (const name of ["aria", "kira"] as const) {
      assert.ok(after[name].social_battery! < before[name].social_battery!, `${name} spent energy`);
      assert.ok(after[name].mood! > before[name].mood!, `${name} enjoyed it`);
    }

    const memories = async (id: string, query: string) =>
      (await client.call<{ memories: Array<{ content: string }> }>("memory.search", {
        persona_id: id,
        query,
        n_results: 10,
      })).memories.map((memory) => memory.content);
    const firstSpeaker = taken[0]!.speaker_name === "Aria" ? aria : kira;
    const listener = firstSpeaker === aria ? kira : aria;
    const firstLine = taken[0]!.content;
    assert.ok(
      (await memories(firstSpeaker, "lantern festival river")).some((m) =>
        m.startsWith("I said to ") && m.endsWith(firstLine)
      ),
      "the speaker remembers what it said",
    );
    assert.ok(
      (await memories(listener, "lantern festival river")).some((m) =>
        m.startsWith(`${taken[0]!.speaker_name} said`) && m.endsWith(firstLine)
      ),
      "the listener remembers what it heard",
    );
  });
});

Deno.test("the turn's real quality moves the relationship: warm talk up, hostile talk down", async () => {
  const affinityAfter = async (lines: string[]) => {
    let affinity = 0;
    await withDialogue(async ({ fake, client, aria, kira }) => {
      fake.behavior.reply = cycle(lines);
      const { conversation_id } = await client.call("conversation.start", {
        participants: [aria, kira],
      });
      await turns(client, conversation_id as string, 3);
      const { relationship } = await client.call<{ relationship: { affinity: number } }>(
        "relationship.get",
        { persona1_id: aria, persona2_id: kira },
      );
      affinity = relationship.affinity;
    });
    return affinity;
  };
  const warm = await affinityAfter([
    "I love this, what a wonderful and kind thought, thank you friend.",
    "Yes indeed, I agree, that is brilliant and delightful.",
  ]);
  const hostile = await affinityAfter([
    "I hate this stupid nonsense, you are wrong and rude.",
    "No, never, that is awful, ridiculous and boring.",
  ]);
  assert.ok(warm > 0, `warm talk raises affinity (${warm})`);
  assert.ok(hostile < warm, `hostile talk does worse (${hostile} vs ${warm})`);
});

Deno.test("the score reads real inputs: a repeating talk is penalised, a loved topic scores higher", async () => {
  await withDialogue(async ({ fake, client, aria, kira }) => {
    fake.behavior.reply = () => "The same words about the same old thing again and again.";
    const repeating = await client.call("conversation.start", {
      participants: [aria, kira],
      topic: "music",
    });
    const taken = await turns(client, repeating.conversation_id as string, 4);
    const last = taken.at(-1)!;
    assert.ok(last.factors.repetition! < -10, `repetition penalty ${last.factors.repetition}`);
    assert.ok(last.reasons.some((reason) => reason.startsWith("repetition")));
    await client.call("conversation.end", { conversation_id: repeating.conversation_id });
  });
  const topicFactor = async (topic: string) => {
    let factor = 0;
    await withDialogue(async ({ client, aria, kira }) => {
      const started = await client.call("conversation.start", {
        participants: [aria, kira],
        topic,
      });
      const [first] = await turns(client, started.conversation_id as string, 1);
      factor = first!.factors.topic!;
    });
    return factor;
  };
  // Aria and Kira both rate magic 70-90; gossip is Kira's dull topic (20).
  assert.ok(await topicFactor("magic") > await topicFactor("gossip"));
});

Deno.test("a middling score gives a short answer that prepares to leave", async () => {
  await withDialogue(async ({ fake, client, aria, kira }) => {
    const { conversation_id } = await client.call("conversation.start", {
      participants: [aria, kira],
    });
    const [turn] = await turns(client, conversation_id as string, 1);
    assert.equal(turn!.response_type, "short");
    const request = fake.chatRequests()[0];
    assert.equal(request!.options?.num_predict, 100, "short answers are capped");
    assert.match(request!.messages[0]!.content, /Keep it short/);
  }, { CONTINUE_HIGH: "100", CONTINUE_LOW: "0" });
});

Deno.test("a spent token budget ends the conversation with budget_exhausted", async () => {
  await withDialogue(async ({ fake, client, aria, kira }) => {
    fake.behavior.counts = { prompt: 10, completion: 40 };
    const { conversation_id } = await client.call("conversation.start", {
      participants: [aria, kira],
      token_budget: 50,
    });
    const taken = await turns(client, conversation_id as string, 5);
    assert.equal(taken.length, 3, "40 + 40 tokens spend the 50, the third turn closes");
    assert.equal(taken.at(-1)!.end_reason, "budget_exhausted");
    assert.equal(taken.at(-1)!.response_type, "closing");
    const status = await client.call("conversation.status", { conversation_id });
    assert.equal(status.tokens_used, 120);
    assert.equal(status.tokens_remaining, 0);
  });
});
