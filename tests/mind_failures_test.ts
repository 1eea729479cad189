/**
 * When the model fails the mind's jobs: malformed JSON, an error answer or a timeout leave the
 * job retried, then failed with its reason, never a crash and never a half-written fact; with no
 * model to reach the jobs wait (visibly, using no attempt) and nothing invents facts; the
 * settings turn each step off.
 */
import assert from "node:assert/strict";
import { RpcClient, startTestServer } from "./_helpers.ts";
import { FakeOllama } from "./fake_ollama.ts";
import { FakeOpenAi } from "./fake_openai.ts";
import { eventually, jobRequests, jobsIdle, MIND_ON, mindReply } from "./_mind.ts";
import { eachProvider } from "./_providers.ts";

interface JobsResult {
  counts: { queued: number; running: number; done: number; failed: number; skipped: number };
  waiting: string | null;
  jobs: Array<{
    kind: string;
    state: string;
    attempts: number;
    error: { reason: string; message: string } | null;
    waiting: string | null;
  }>;
}

const lyonFacts = mindReply({
  facts: (transcript) =>
    /Lyon|Porto/.test(transcript)
      ? [{ content: transcript.includes("Porto") ? "Tam lives in Porto." : "Tam lives in Lyon." }]
      : [],
  replaced: () => [1],
});

async function factCount(client: RpcClient): Promise<number> {
  const page = await client.call<{ total: number }>("memory.list", { memory_type: "fact" });
  return page.total;
}

eachProvider.test("jobs: malformed JSON, an error answer and a timeout are retried, then fail with their reason", async (p) => {
  const fake = p.start({ reply: () => "Facts? Tam lives in Lyon, I think." });
  const server = await startTestServer({
    ...p.env(fake),
    ...MIND_ON,
    MEMORY_REFLECTION: "false",
    JOBS_MAX_ATTEMPTS: "2",
    OLLAMA_TIMEOUT_MS: "400",
  });
  const client = await RpcClient.connect(server.wsUrl);
  try {
    await client.call("persona.switch", { persona_id: "Aria" });
    const cases: Array<{ set(): void; reason: string }> = [
      { set: () => {}, reason: "invalid_output" },
      { set: () => (fake.behavior.json = { mode: "error" }), reason: p.httpErrorReason },
      { set: () => (fake.behavior.json = { mode: "hang" }), reason: "timeout" },
    ];
    for (const [i, { set, reason }] of cases.entries()) {
      set();
      const sent = await client.call("conversation.send_message", {
        content: `I live in Lyon (${i})`,
        sender: "Tam",
      });
      assert.equal(typeof sent.response, "string", "the chat itself is answered");
      await jobsIdle(server.services.jobs);
      const { jobs } = await client.call<JobsResult>("memory.jobs", { limit: 1 });
      assert.equal(jobs[0]!.state, "failed", reason);
      assert.equal(jobs[0]!.attempts, 2, "retried once, then failed");
      assert.equal(jobs[0]!.error?.reason, reason);
      assert.ok(jobs[0]!.error!.message.length > 0);
    }
    assert.equal(await factCount(client), 0, "no fact was invented");
    const status = await client.call<{ jobs: { failed: number } }>("system.status");
    assert.equal(status.jobs.failed, 3);
    const metrics = await fetch(server.apiUrl.replace(/\/api$/, "/metrics")).then((r) => r.text());
    assert.match(metrics, /^persona_mcp_jobs\{state="failed"\} 3$/m, "the metrics count them");
  } finally {
    await client.close();
    await server.shutdown();
    await fake.stop();
  }
});

eachProvider.test("jobs: a failure between the model's calls writes no half fact; the retry finishes cleanly", async (p) => {
  let judgments = 0;
  const fake = p.start({
    reply: mindReply({
      facts: () => [{ content: "Tam lives in Porto." }],
      replaced: () => [1],
    }),
  });
  const reply = fake.behavior.reply;
  // The first supersession judgment is not JSON: the job fails after extracting its fact.
  fake.behavior.reply = (request) => {
    const text = reply(request);
    return text.startsWith('{"replaced"') && judgments++ === 0 ? "I would say the first." : text;
  };
  const server = await startTestServer({ ...p.env(fake), ...MIND_ON, MEMORY_REFLECTION: "false" });
  const client = await RpcClient.connect(server.wsUrl);
  try {
    await client.call("persona.switch", { persona_id: "Aria" });
    const old = await client.call<{ memory_id: string }>("memory.store", {
      content: "Tam lives in Lyon.",
      memory_type: "fact",
    });
    await client.call("conversation.send_message", { content: "I moved to Porto", sender: "Tam" });
    await eventually(() => judgments >= 1, { what: "the first judgment" });
    await jobsIdle(server.services.jobs);
    const { jobs } = await client.call<JobsResult>("memory.jobs", { kind: "extract_facts" });
    assert.equal(jobs[0]!.state, "done");
    assert.equal(jobs[0]!.attempts, 2);
    const facts = await client.call<
      { memories: Array<{ id: string; content: string; superseded_by: string | null }> }
    >("memory.list", { memory_type: "fact" });
    assert.equal(facts.memories.length, 2, "one new fact, written once, after the retry");
    const porto = facts.memories.find((fact) => fact.content.includes("Porto"))!;
    assert.equal(facts.memories.find((fact) => fact.id === old.memory_id)!.superseded_by, porto.id);
    assert.equal(jobRequests(fake.chatRequests(), "facts").length, 2);
  } finally {
    await client.close();
    await server.shutdown();
    await fake.stop();
  }
});

Deno.test("jobs: with no model to reach they wait, visibly and without using attempts, then run when it is back", async () => {
  // Chats go to one server; the mind's work to another (MIND_MODEL), which is down at first.
  const chats = FakeOpenAi.start();
  const probe = FakeOllama.start();
  const port = probe.port;
  await probe.stop();
  const server = await startTestServer({
    LLM_PROVIDER: "openai",
    OPENAI_BASE_URL: chats.baseUrl,
    OLLAMA_HOST: `http://127.0.0.1:${port}`,
    MIND_MODEL: "ollama:llama3.1:8b",
    ...MIND_ON,
    MEMORY_REFLECTION: "false",
    JOBS_MAX_ATTEMPTS: "1",
  });
  const client = await RpcClient.connect(server.wsUrl);
  let mindModel: FakeOllama | undefined;
  try {
    await client.call("persona.switch", { persona_id: "Aria" });
    await client.call("conversation.send_message", { content: "I live in Lyon", sender: "Tam" });
    await eventually(
      async () => (await client.call<JobsResult>("memory.jobs")).waiting !== null,
      { what: "the job to wait" },
    );
    const jobs = await client.call<JobsResult>("memory.jobs");
    assert.equal(jobs.counts.queued, 1);
    assert.equal(jobs.counts.failed, 0);
    assert.equal(jobs.jobs[0]!.attempts, 0, "waiting used no attempt (JOBS_MAX_ATTEMPTS is 1)");
    assert.match(jobs.waiting!, /no model: Cannot reach Ollama/);
    assert.equal(jobs.jobs[0]!.error?.reason, "unreachable");
    const status = await client.call<{ jobs: { waiting: string | null; queued: number } }>(
      "system.status",
    );
    assert.match(status.jobs.waiting!, /Cannot reach Ollama/);
    assert.equal(await factCount(client), 0, "nothing invents facts");
    const search = await client.call<{ memories: Array<{ content: string }> }>("memory.search", {
      query: "Lyon",
    });
    assert.match(search.memories[0]!.content, /I live in Lyon/, "the raw exchange still works");

    mindModel = FakeOllama.start({ reply: lyonFacts }, port);
    await jobsIdle(server.services.jobs, 20_000);
    assert.equal(await factCount(client), 1);
    const after = await client.call<JobsResult>("memory.jobs");
    assert.equal(after.counts.done, 1);
    assert.equal(after.waiting, null);
    assert.equal(jobRequests(chats.chatRequests(), "facts").length, 0, "MIND_MODEL was used");
  } finally {
    await client.close();
    await server.shutdown();
    await chats.stop();
    await mindModel?.stop();
  }
});

Deno.test("settings: each step turns off on its own; nothing is asked of the model for a step that is off", async () => {
  const fake = FakeOllama.start({ reply: lyonFacts });
  const server = await startTestServer({
    OLLAMA_HOST: fake.url,
    ...MIND_ON,
    MEMORY_SUPERSESSION: "false",
    MEMORY_BLOCK_UPDATES: "false",
    MEMORY_REFLECTION: "false",
  });
  const client = await RpcClient.connect(server.wsUrl);
  try {
    const status = await client.call<{ mind: Record<string, unknown> }>("system.status");
    assert.deepEqual(status.mind, {
      extraction: true,
      supersession: false,
      reflection: false,
      block_updates: false,
      model: "",
    });
    await client.call("persona.switch", { persona_id: "Aria" });
    await client.call("conversation.send_message", { content: "I live in Lyon", sender: "Tam" });
    await jobsIdle(server.services.jobs);
    await client.call("conversation.send_message", { content: "I moved to Porto", sender: "Tam" });
    await jobsIdle(server.services.jobs);
    assert.equal(await factCount(client), 2, "both stored, neither superseded");
    assert.equal(jobRequests(fake.chatRequests(), "supersession").length, 0);
    const [request] = jobRequests(fake.chatRequests(), "facts");
    assert.match(request!.messages[0]!.content, /Return block_updates as an empty list/);
    const blocks = await client.call<{ total: number }>("memory.block_list");
    assert.equal(blocks.total, 0);
  } finally {
    await client.close();
    await server.shutdown();
    await fake.stop();
  }

  const off = FakeOllama.start({ reply: lyonFacts });
  const quiet = await startTestServer({ OLLAMA_HOST: off.url, MEMORY_EXTRACTION: "false" });
  const other = await RpcClient.connect(quiet.wsUrl);
  try {
    await other.call("persona.switch", { persona_id: "Aria" });
    await other.call("conversation.send_message", { content: "I live in Lyon", sender: "Tam" });
    const jobs = await other.call<JobsResult>("memory.jobs");
    assert.equal(jobs.jobs.length, 0, "no job is queued when extraction is off");
    assert.equal(off.chatRequests().length, 1, "only the chat reached the model");
  } finally {
    await other.close();
    await quiet.shutdown();
    await off.stop();
  }
});
