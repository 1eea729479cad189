/**
 * Facts out of chats, end to end over a real WebSocket and the real model clients (the test
 * model servers script the model's JSON): two facts stated become two `fact` memories citing
 * their exchange, a fact stated again adds nothing, a move supersedes the old address (kept,
 * linked, undone on request) and the next prompt carries the new one only.
 */
import assert from "node:assert/strict";
import { RpcClient, startTestServer } from "./_helpers.ts";
import type { FakeChatRequest } from "./fake_model_behavior.ts";
import { FakeOllama } from "./fake_ollama.ts";
import {
  chatOnly,
  jobKind,
  jobRequests,
  jobsIdle,
  MIND_ON,
  mindReply,
  requestText,
} from "./_mind.ts";
import { eachProvider } from "./_providers.ts";

interface Memory {
  id: string;
  content: string;
  memory_type: string;
  source_ids: string[];
  supersedes: string[];
  superseded_by: string | null;
}

const script = mindReply({
  facts: (transcript) => {
    const facts = [];
    if (/live in Lyon/.test(transcript)) {
      facts.push({ content: "Tam lives in Lyon.", importance: 6 });
    }
    if (/cat named Miso/.test(transcript)) {
      facts.push({ content: "Tam has a cat named Miso.", importance: 4 });
    }
    if (/moved to Porto/.test(transcript)) {
      facts.push({ content: "Tam lives in Porto.", importance: 7 });
    }
    return facts;
  },
  replaced: (fact, older) =>
    fact.includes("Porto") ? older.flatMap((text, i) => text.includes("Lyon") ? [i + 1] : []) : [],
});

async function memories(client: RpcClient, type: string): Promise<Memory[]> {
  const page = await client.call<{ memories: Memory[] }>("memory.list", {
    memory_type: type,
    limit: 100,
  });
  return page.memories;
}

eachProvider.test("facts: two stated become two fact memories, a repeat adds none, a move supersedes and the next prompt carries Porto, not Lyon", async (p) => {
  const fake = p.start({ reply: script });
  const server = await startTestServer({ ...p.env(fake), ...MIND_ON, MEMORY_REFLECTION: "false" });
  const client = await RpcClient.connect(server.wsUrl);
  const later = await RpcClient.connect(server.wsUrl);
  try {
    await client.call("persona.switch", { persona_id: "Aria" });
    const say = (content: string) =>
      client.call("conversation.send_message", { content, sender: "Tam" });

    await say("I live in Lyon and I have a cat named Miso.");
    await jobsIdle(server.services.jobs);
    const [first] = await memories(client, "conversation");
    let facts = await memories(client, "fact");
    assert.deepEqual(facts.map((fact) => fact.content).sort(), [
      "Tam has a cat named Miso.",
      "Tam lives in Lyon.",
    ]);
    for (const fact of facts) assert.deepEqual(fact.source_ids, [first!.id]);

    await say("As I said, I live in Lyon.");
    await jobsIdle(server.services.jobs);
    facts = await memories(client, "fact");
    assert.equal(facts.length, 2, "the same fact is not stored twice");
    const [repeat] = await memories(client, "conversation");
    const lyon = facts.find((fact) => fact.content.includes("Lyon"))!;
    assert.deepEqual(lyon.source_ids, [first!.id, repeat!.id], "the repeat is a source too");

    await say("Big news: I moved to Porto last week!");
    await jobsIdle(server.services.jobs);
    facts = await memories(client, "fact");
    assert.equal(facts.length, 3, "nothing is deleted");
    const porto = facts.find((fact) => fact.content.includes("Porto"))!;
    const oldLyon = facts.find((fact) => fact.content.includes("Lyon"))!;
    assert.equal(oldLyon.superseded_by, porto.id);
    assert.ok(porto.supersedes.includes(oldLyon.id));
    const miso = facts.find((fact) => fact.content.includes("Miso"))!;
    assert.equal(miso.superseded_by, null, "a fact about something else stays current");
    const judged = jobRequests(fake.chatRequests(), "supersession");
    assert.ok(
      judged.some((request) => /Older facts:\n1\. .*Lyon/s.test(requestText(request))),
      "the model judged the similar older fact",
    );
    const exchanges = await memories(client, "conversation");
    for (const exchange of exchanges.filter((m) => /Lyon/.test(m.content))) {
      assert.equal(exchange.superseded_by, porto.id, "the exchanges that said Lyon are outdated");
    }
    const jobs = await client.call<{ counts: { done: number; failed: number } }>("memory.jobs");
    assert.equal(jobs.counts.failed, 0);
    assert.equal(jobs.counts.done, 3);

    // A later conversation (a new session, so no chat history): Porto, never Lyon.
    await later.call("persona.switch", { persona_id: "Aria" });
    const chatsBefore = chatOnly(fake.chatRequests()).length;
    await later.call("conversation.send_message", {
      content: "Where do I live these days, and how is my cat?",
      sender: "Tam",
    });
    const prompt = requestText(chatOnly(fake.chatRequests())[chatsBefore]!);
    assert.match(prompt, /Tam lives in Porto\./);
    assert.match(prompt, /Miso/);
    assert.doesNotMatch(prompt, /Lyon/);
  } finally {
    await client.close();
    await later.close();
    await server.shutdown();
    await fake.stop();
  }
});

eachProvider.test("facts: a wrong supersession is undone with memory.update superseded_by null", async (p) => {
  const fake = p.start({ reply: script });
  const server = await startTestServer({ ...p.env(fake), ...MIND_ON, MEMORY_REFLECTION: "false" });
  const client = await RpcClient.connect(server.wsUrl);
  try {
    await client.call("persona.switch", { persona_id: "Kira" });
    await client.call("conversation.send_message", { content: "I live in Lyon.", sender: "Tam" });
    await jobsIdle(server.services.jobs);
    await client.call("conversation.send_message", {
      content: "I moved to Porto, for a summer job.",
      sender: "Tam",
    });
    await jobsIdle(server.services.jobs);
    let facts = await memories(client, "fact");
    const lyon = facts.find((fact) => fact.content.includes("Lyon"))!;
    const porto = facts.find((fact) => fact.content.includes("Porto"))!;
    assert.equal(lyon.superseded_by, porto.id);
    const [lyonExchange] = (await memories(client, "conversation")).filter((m) =>
      m.content.includes("I live in Lyon")
    );
    assert.equal(lyonExchange!.superseded_by, porto.id);

    const undone = await client.call<{ memory: Memory }>("memory.update", {
      memory_id: lyon.id,
      superseded_by: null,
    });
    assert.equal(undone.memory.superseded_by, null);
    facts = await memories(client, "fact");
    assert.ok(!facts.find((fact) => fact.id === porto.id)!.supersedes.includes(lyon.id));
    const exchange = (await memories(client, "conversation")).find((m) =>
      m.id === lyonExchange!.id
    );
    assert.equal(exchange!.superseded_by, null, "its exchange is current again too");
    const found = await client.call<{ memories: Memory[] }>("memory.search", {
      query: "Where does Tam live?",
      memory_type: "fact",
    });
    assert.deepEqual(
      found.memories.map((m) => m.superseded_by),
      found.memories.map(() => null),
      "both current now",
    );
  } finally {
    await client.close();
    await server.shutdown();
    await fake.stop();
  }
});

for (const slots of ["1", "4"]) {
  Deno.test(`facts: jobs keep out of chats' way, starting only after LLM_BACKGROUND_QUIET_MS without a chat (LLM_CONCURRENCY=${slots})`, async () => {
    const fake = FakeOllama.start({ reply: script });
    const server = await startTestServer({
      OLLAMA_HOST: fake.url,
      ...MIND_ON,
      MEMORY_REFLECTION: "false",
      LLM_BACKGROUND_QUIET_MS: "400",
      // With free model slots, only the job runner's own hold-off keeps jobs back.
      LLM_CONCURRENCY: slots,
    });
    const client = await RpcClient.connect(server.wsUrl);
    try {
      await client.call("persona.switch", { persona_id: "Aria" });
      for (const content of ["I live in Lyon.", "I have a cat named Miso.", "Lovely weather."]) {
        await client.call("conversation.send_message", { content, sender: "Tam" });
      }
      const lastReply = performance.now();
      assert.equal(jobRequests(fake.chatRequests(), "facts").length, 0, "no job during the chats");
      await jobsIdle(server.services.jobs);
      const first = fake.requests.find((request) => jobKind(request.body as FakeChatRequest));
      assert.ok(first!.at - lastReply >= 350, `a job asked ${first!.at - lastReply} ms after`);
      // Held off until the chats paused, one sender's three chats gathered into one job.
      assert.equal(jobRequests(fake.chatRequests(), "facts").length, 1);
    } finally {
      await client.close();
      await server.shutdown();
      await fake.stop();
    }
  });
}
