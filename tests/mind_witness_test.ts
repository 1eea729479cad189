/**
 * Witnessed only: a persona's facts and reflections are drawn from its own memories of what it
 * was present for. In a dialogue between two personas a third learns nothing, and neither ever
 * reads a private memory of the other through extraction or reflection.
 */
import assert from "node:assert/strict";
import { RpcClient, startTestServer } from "./_helpers.ts";
import { FakeOllama } from "./fake_ollama.ts";
import { jobKind, jobsIdle, MIND_ON, mindReply, requestText } from "./_mind.ts";

interface Memory {
  content: string;
  memory_type: string;
}

const SECRET = "the spare key lies under the third stone";

Deno.test("witnessed only: a dialogue's facts go to its participants; a private memory of one never reaches the other's jobs", async () => {
  const fake = FakeOllama.start({
    reply: mindReply({
      chat: (request) =>
        request.messages[0]!.content.startsWith("You are Aria")
          ? "I planted roses by the old mill today."
          : "I found a silver compass in the river.",
      facts: (transcript) => {
        const facts = [];
        if (/roses/.test(transcript)) facts.push({ content: "Aria planted roses by the mill." });
        if (/compass/.test(transcript)) facts.push({ content: "Kira found a silver compass." });
        if (/third stone/.test(transcript)) facts.push({ content: "A key is under a stone." });
        return facts;
      },
      questions: () => ["What matters to the people nearby?"],
      insights: (evidence) => [{
        content: `Reflection over: ${evidence.join(" | ")}`,
        evidence: evidence.map((_, i) => i + 1),
        importance: 5,
      }],
    }),
  });
  const server = await startTestServer({
    OLLAMA_HOST: fake.url,
    ...MIND_ON,
    MEMORY_REFLECTION_THRESHOLD: "0.4",
    MEMORY_EXTRACTION_DELAY_S: "1",
    DIALOGUE_COOLDOWN_S: "0",
  });
  const client = await RpcClient.connect(server.wsUrl);
  try {
    const nova = await client.call<{ persona_id: string }>("persona.create", {
      name: "Nova",
      description: "A traveller who was not there.",
    });
    const people = await client.call<{ personas: Array<{ id: string; name: string }> }>(
      "persona.list",
    );
    const id = (name: string) => people.personas.find((p) => p.name === name)!.id;
    const secret = await client.call<{ memory_id: string }>("memory.store", {
      persona_id: id("Aria"),
      content: `My own secret: ${SECRET}.`,
      importance: 0.9,
      visibility: "private",
    });
    const dialogue = await client.call<{ conversation_id: string }>("conversation.start", {
      participants: [id("Aria"), id("Kira")],
      topic: "the village",
    });
    for (let i = 0; i < 2; i++) {
      await client.call("conversation.turn", { conversation_id: dialogue.conversation_id });
    }
    await jobsIdle(server.services.jobs);

    const facts = async (personaId: string) =>
      (await client.call<{ memories: Memory[] }>("memory.list", {
        persona_id: personaId,
        memory_type: "fact",
      })).memories.map((m) => m.content).sort();
    assert.deepEqual(await facts(id("Kira")), [
      "Aria planted roses by the mill.",
      "Kira found a silver compass.",
    ]);
    assert.ok((await facts(id("Aria"))).includes("Kira found a silver compass."));
    assert.deepEqual(await facts(nova.persona_id), [], "Nova was not there");
    const novaMemories = await client.call<{ total: number }>("memory.list", {
      persona_id: nova.persona_id,
    });
    assert.equal(novaMemories.total, 0);
    const novaJobs = await client.call<{ total: number }>("memory.jobs", {
      persona_id: nova.persona_id,
    });
    assert.equal(novaJobs.total, 0);

    const jobs = fake.chatRequests().filter((request) => jobKind(request) !== null);
    const kiras = jobs.filter((request) =>
      /memory of Kira|Kira's reflective mind|Kira's memory/.test(request.messages[0]!.content)
    );
    assert.ok(kiras.some((request) => jobKind(request) === "facts"));
    const kiraJobs = await client.call("memory.jobs", { persona_id: id("Kira") });
    assert.ok(
      kiras.some((request) => jobKind(request) === "insights"),
      `Kira reflected too: ${JSON.stringify(kiraJobs)}`,
    );
    for (const request of kiras) {
      assert.ok(!requestText(request).includes("third stone"), "Aria's secret never reaches Kira");
    }
    const kiraAll = await client.call<{ memories: Memory[] }>("memory.list", {
      persona_id: id("Kira"),
      limit: 100,
    });
    for (const memory of kiraAll.memories) assert.ok(!memory.content.includes("third stone"));
    const batched = await client.call<{ jobs: Array<{ payload: { source_ids: string[] } }> }>(
      "memory.jobs",
      { persona_id: id("Kira"), kind: "extract_facts" },
    );
    assert.equal(batched.jobs.length, 1, "the dialogue's lines gathered into one job");
    assert.equal(batched.jobs[0]!.payload.source_ids.length, 2);

    // A job of Kira's that names Aria's memory (a forged or mixed-up payload) reads none of it.
    const requestsBefore = fake.chatRequests().length;
    const forged = await server.services.jobs.enqueue({
      kind: "extract_facts",
      personaId: id("Kira"),
      key: "forged",
      payload: { source_ids: [secret.memory_id], sender: null },
    });
    await jobsIdle(server.services.jobs);
    const job = await client.call<{ jobs: Array<{ state: string; error: { reason: string } }> }>(
      "memory.jobs",
      { persona_id: id("Kira"), state: "skipped" },
    );
    assert.deepEqual(job.jobs.map((j) => j.error.reason), ["sources_gone"], forged.job.id);
    for (const request of fake.chatRequests().slice(requestsBefore)) {
      assert.ok(!requestText(request).includes("third stone"), "nothing of Aria's was read");
    }
  } finally {
    await client.close();
    await server.shutdown();
    await fake.stop();
  }
});

Deno.test("witnessed only: in a three-persona room, what is said after one leaves is in neither its memories, its facts nor its prompts", async () => {
  const fake = FakeOllama.start({
    reply: mindReply({
      chat: (request) => `${/^You are ([^.]+)\./.exec(request.messages[0]!.content)?.[1]} nods.`,
      facts: (transcript) => {
        const facts = [];
        if (/moon cake/.test(transcript)) facts.push({ content: "Robin baked a moon cake." });
        if (/treasure map/.test(transcript)) {
          facts.push({ content: "Robin hid a treasure map under the bridge." });
        }
        return facts;
      },
    }),
  });
  const server = await startTestServer({
    OLLAMA_HOST: fake.url,
    ...MIND_ON,
    MEMORY_REFLECTION: "false",
    MEMORY_EXTRACTION_DELAY_S: "0.3",
  });
  const client = await RpcClient.connect(server.wsUrl);
  try {
    await client.call("persona.create", { name: "Nova", description: "A night owl." });
    const { room_id } = await client.call<{ room_id: string }>("room.create", {
      persona_ids: ["Aria", "Kira", "Nova"],
      reply_mode: "everyone",
    });
    await client.call("room.send", { room_id, content: "I baked a moon cake.", sender: "Robin" });
    await jobsIdle(server.services.jobs);
    await client.call("room.leave", { room_id, persona_id: "Nova" });
    const before = fake.chatRequests().length;
    await client.call("room.send", {
      room_id,
      content: "Quiet now: I hid a treasure map under the bridge.",
      sender: "Robin",
    });
    await jobsIdle(server.services.jobs);

    const people = await client.call<{ personas: Array<{ id: string; name: string }> }>(
      "persona.list",
    );
    const id = (name: string) => people.personas.find((p) => p.name === name)!.id;
    const all = async (name: string) =>
      (await client.call<{ memories: Memory[] }>("memory.list", {
        persona_id: id(name),
        limit: 100,
      })).memories;
    for (const name of ["Aria", "Kira"]) {
      const facts = (await all(name)).filter((m) => m.memory_type === "fact").map((m) => m.content);
      assert.ok(facts.includes("Robin hid a treasure map under the bridge."), `${name}: ${facts}`);
      assert.ok(facts.includes("Robin baked a moon cake."));
    }
    const nova = await all("Nova");
    assert.ok(nova.some((m) => m.content === "Robin baked a moon cake."), "Nova was there then");
    assert.ok(nova.every((m) => !/treasure map/.test(m.content)), "Nova had left");
    const novaJobs = await client.call<{ jobs: Array<{ payload: { source_ids: string[] } }> }>(
      "memory.jobs",
      { persona_id: id("Nova"), kind: "extract_facts" },
    );
    assert.equal(novaJobs.jobs.length, 1, "one job, for the round Nova was present for");
    const roundLines = (await all("Kira")).filter((m) => m.memory_type === "conversation");
    const kiraJobs = await client.call<{ jobs: Array<{ payload: { source_ids: string[] } }> }>(
      "memory.jobs",
      { persona_id: id("Kira"), kind: "extract_facts" },
    );
    assert.equal(
      kiraJobs.jobs.reduce((n, job) => n + job.payload.source_ids.length, 0),
      roundLines.length,
      "each line Kira heard was read once, the lines of a round together",
    );
    assert.equal(kiraJobs.jobs.length, 2, "one job per round");

    // Asked afterwards, Nova's prompt holds nothing of what was said after it left.
    await client.call("conversation.send_message", {
      persona_id: id("Nova"),
      content: "What did I hide, and where? Think of the bridge and the map.",
      sender: "Robin",
    });
    const novaRequests = fake.chatRequests().slice(before).filter((request) =>
      /^You are Nova\./.test(request.messages[0]!.content) ||
      /memory of Nova/.test(request.messages[0]!.content)
    );
    assert.ok(novaRequests.length >= 1);
    for (const request of novaRequests) {
      assert.ok(!requestText(request).includes("treasure map"), requestText(request));
    }
  } finally {
    await client.close();
    await server.shutdown();
    await fake.stop();
  }
});
